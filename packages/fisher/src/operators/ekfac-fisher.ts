import {
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  kronMv,
  type MatrixInput,
  NotPositiveDefiniteError,
  toDense,
} from '@infogeom/linalg';
import type { FisherOperator } from './fisher-operator.js';
import { factorEigen, kroneckerTopEigen, squareFactor } from './kronecker-eigen.js';
import { checkLength, dampedLogdet, dampedReciprocals, outVec } from './spectral.js';

/** An EK-FAC block ({@link ekfacFisher}, {@link ekfacFromGradients}). */
export interface EkfacFisher extends FisherOperator {
  /** Always 'ekfac'. */
  readonly kind: 'ekfac';
  /** Eigenbasis of the activation factor A (columns, in'×in'). */
  readonly UA: DenseMatrix;
  /** Eigenbasis of the gradient factor G (columns, out×out). */
  readonly UG: DenseMatrix;
  /** Diagonal scalings in the Kronecker eigenbasis, index o·in' + i (the eigenvalues of F). */
  readonly scalings: Float64Array;
}

function orthogonal(U: DenseMatrix, argument: string): void {
  const n = U.rows;
  for (let a = 0; a < n; a++)
    for (let b = 0; b <= a; b++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += U.data[i * n + a]! * U.data[i * n + b]!;
      if (Math.abs(t - (a === b ? 1 : 0)) > 1e-8)
        throw new InvalidArgumentError(argument, U, 'an orthogonal matrix');
    }
}

/**
 * EK-FAC from a given Kronecker eigenbasis (U_G ⊗ U_A) and scalings: F = (U_G ⊗ U_A) diag(s) (U_G ⊗ U_A)ᵀ.
 * Everything is exact: mv, solve and logdet in the eigenbasis, tr F = Σ s,
 * diag F = (U_G∘U_G) ⊗ (U_A∘U_A) · s, and `topEigen` sorts s.
 * @param UA - orthogonal in'×in' eigenbasis of A
 * @param UG - orthogonal out×out eigenbasis of G
 * @param scalings - out·in' non-negative scalings
 */
export function ekfacFromEigenbasis(
  UA: MatrixInput,
  UG: MatrixInput,
  scalings: ArrayLike<number>,
): EkfacFisher {
  const ua = squareFactor(UA, 'UA').clone();
  const ug = squareFactor(UG, 'UG').clone();
  orthogonal(ua, 'UA');
  orthogonal(ug, 'UG');
  const p = ua.rows;
  const n = ug.rows * p;
  const s = Float64Array.from(scalings);
  if (s.length !== n) throw new DimensionMismatchError('scalings.length', s.length, `UG.rows·UA.rows = ${n}`);
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(s[t]!)) throw new InvalidArgumentError('scalings', s[t], 'finite entries');
    if (s[t]! < 0) throw new NotPositiveDefiniteError('scalings', s[t], 'non-negative entries');
  }
  const uat = ua.transpose();
  const ugt = ug.transpose();
  const scaled = (v: Float64Array, f: Float64Array, out?: Float64Array): Float64Array => {
    const z = kronMv(ugt, uat, v);
    for (let t = 0; t < n; t++) z[t]! *= f[t]!;
    return kronMv(ug, ua, z, out);
  };
  const sq = (M: DenseMatrix) =>
    new DenseMatrix(
      M.rows,
      M.cols,
      M.data.map((x) => x * x),
    );
  return {
    kind: 'ekfac',
    dim: n,
    shape: [n, n] as const,
    symmetric: true,
    UA: ua,
    UG: ug,
    scalings: s,
    mv(v, out) {
      checkLength(v, n, 'v');
      return scaled(v, s, outVec(n, out));
    },
    solve(b, damping) {
      checkLength(b, n, 'b');
      return scaled(b, dampedReciprocals(s, damping));
    },
    trace: () => s.reduce((a, x) => a + x, 0),
    logdet: (damping = 0) => dampedLogdet(s, damping),
    diag: () => kronMv(sq(ug), sq(ua), s),
    topEigen: (k) => kroneckerTopEigen(ug, ua, s, k),
    toDense() {
      const M = new DenseMatrix(n, n);
      const e = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        e.fill(0);
        e[j] = 1;
        const c = scaled(e, s);
        for (let i = 0; i < n; i++) M.data[i * n + j] = c[i]!;
      }
      return M;
    },
  };
}

/**
 * EK-FAC (George et al. 2018) in the eigenbasis of the K-FAC factors A and G. Without `scalings`
 * the scalings are the K-FAC eigenvalues λᴳₒλᴬᵢ, so the operator equals K-FAC; refit them from
 * per-example gradients with {@link ekfacFromGradients}.
 * @param A - symmetric PSD activation factor (in'×in')
 * @param G - symmetric PSD gradient factor (out×out)
 * @param scalings - optional out·in' scalings in the eigenbasis (index o·in' + i, in the
 *   ascending eigenvalue order of G and A)
 */
export function ekfacFisher(A: MatrixInput, G: MatrixInput, scalings?: ArrayLike<number>): EkfacFisher {
  const ea = factorEigen(squareFactor(A, 'A').clone(), 'A');
  const eg = factorEigen(squareFactor(G, 'G').clone(), 'G');
  const p = ea.values.length;
  const s =
    scalings ??
    Float64Array.from({ length: p * eg.values.length }, (_v, t) => {
      const o = Math.floor(t / p);
      return Math.max(0, eg.values[o]! * ea.values[t - o * p]!);
    });
  return ekfacFromEigenbasis(ea.vectors, eg.vectors, s);
}

/**
 * EK-FAC with scalings re-fitted to per-example gradients: sₜ = E[((U_G ⊗ U_A)ᵀ vec(∇W))ₜ²] =
 * E[(U_Gᵀ ∇W U_A)²] entrywise, the diagonal of the empirical second moment in the eigenbasis — the
 * Frobenius-optimal diagonal in that basis, hence never farther from E[vec(∇W) vec(∇W)ᵀ] than K-FAC.
 * @param UA - orthogonal eigenbasis of A (e.g. `kfacFisher(A, G).UA`)
 * @param UG - orthogonal eigenbasis of G
 * @param perExampleGrads - n×(out·in') per-example gradients, row-major vec of ∇W per row
 */
export function ekfacFromGradients(
  UA: MatrixInput,
  UG: MatrixInput,
  perExampleGrads: MatrixInput,
): EkfacFisher {
  const ua = toDense(UA, 'UA', { square: true });
  const ug = toDense(UG, 'UG', { square: true });
  const V = toDense(perExampleGrads, 'perExampleGrads');
  const n = ua.rows * ug.rows;
  if (V.cols !== n)
    throw new DimensionMismatchError('perExampleGrads.cols', V.cols, `UG.rows·UA.rows = ${n}`);
  if (V.rows === 0) throw new DimensionMismatchError('perExampleGrads.rows', 0, 'at least one example');
  const ugt = ug.transpose();
  const uat = ua.transpose();
  const s = new Float64Array(n);
  for (let r = 0; r < V.rows; r++) {
    const z = kronMv(ugt, uat, V.row(r));
    for (let t = 0; t < n; t++) s[t]! += (z[t]! * z[t]!) / V.rows;
  }
  return ekfacFromEigenbasis(ua, ug, s);
}
