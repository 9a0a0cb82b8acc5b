/** Helpers for operators diagonal in a Kronecker eigenbasis U_G ⊗ U_A (internal). */
import {
  type DenseMatrix,
  type EighResult,
  eigh,
  InvalidArgumentError,
  kronMv,
  toDense,
} from '@infogeom/linalg';
import type { FisherEigenpairs } from './fisher-operator.js';
import { checkK, checkPsdValues, columnsMatrix, maxAbs, topIndices } from './spectral.js';

/** Validates a symmetric PSD factor and returns its eigendecomposition. */
export function factorEigen(M: DenseMatrix, argument: string): EighResult {
  const n = M.rows;
  const scale = maxAbs(M.data);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(M.data[i * n + j]! - M.data[j * n + i]!) > 1e-10 * scale)
        throw new InvalidArgumentError(argument, M, 'a symmetric matrix');
  const e = eigh(M);
  checkPsdValues(e.values, argument);
  return e;
}

/** Square dense factor, validated. */
export function squareFactor(M: Parameters<typeof toDense>[0], argument: string): DenseMatrix {
  return toDense(M, argument, { square: true });
}

/** (U_G ⊗ U_A)ᵀ v — coordinates of v in the Kronecker eigenbasis. */
export function toEigenbasis(UGt: DenseMatrix, UAt: DenseMatrix, v: ArrayLike<number>): Float64Array {
  return kronMv(UGt, UAt, v);
}

/** (U_G ⊗ U_A) z, written into `out` when given. */
export function fromEigenbasis(
  UG: DenseMatrix,
  UA: DenseMatrix,
  z: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  return kronMv(UG, UA, z, out);
}

/** The k largest of `values` (indexed k·dimA + i) with eigenvectors u_G[:,o] ⊗ u_A[:,i]. */
export function kroneckerTopEigen(
  UG: DenseMatrix,
  UA: DenseMatrix,
  values: Float64Array,
  k: number,
): FisherEigenpairs {
  const p = UA.rows;
  const n = UG.rows * p;
  checkK(k, n);
  const idx = topIndices(values, k);
  const vectors = columnsMatrix(n, k, (j) => {
    const t = idx[j]!;
    const o = Math.floor(t / p);
    const i = t - o * p;
    const g = UG.column(o);
    const a = UA.column(i);
    const c = new Float64Array(n);
    for (let r = 0; r < g.length; r++) for (let s = 0; s < p; s++) c[r * p + s] = g[r]! * a[s]!;
    return c;
  });
  return { values: Float64Array.from(idx, (t) => values[t]!), vectors };
}

/** Dense G ⊗ A in the row-major convention: entry (o·a + i, o'·a + i') = G[o,o']·A[i,i']. */
export function kronDense(G: DenseMatrix, A: DenseMatrix, out: DenseMatrix): DenseMatrix {
  const a = A.rows;
  const n = G.rows * a;
  for (let o = 0; o < G.rows; o++)
    for (let q = 0; q < G.rows; q++) {
      const g = G.data[o * G.rows + q]!;
      for (let i = 0; i < a; i++)
        for (let j = 0; j < a; j++) out.data[(o * a + i) * n + q * a + j] = g * A.data[i * a + j]!;
    }
  return out;
}
