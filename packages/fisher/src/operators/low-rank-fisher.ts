import {
  DenseMatrix,
  DimensionMismatchError,
  eigh,
  InvalidArgumentError,
  type MatrixInput,
  NotPositiveDefiniteError,
  spdLogdet,
  spdSolve,
  toDense,
} from '@infogeom/linalg';
import type { FisherOperator } from './fisher-operator.js';
import { lanczosTopEigen } from './lanczos-top-eigen.js';
import { checkK, checkLength, columnsMatrix, dampedReciprocals, outVec } from './spectral.js';

/** A low-rank-plus-diagonal Fisher operator ({@link lowRankFisher}). */
export interface LowRankFisher extends FisherOperator {
  /** Always 'lowRank'. */
  readonly kind: 'lowRank';
  /** The p×r factor U. */
  readonly U: DenseMatrix;
  /** The r non-negative weights s. */
  readonly s: Float64Array;
  /** The p non-negative diagonal entries d. */
  readonly d: Float64Array;
}

function nonNegative(x: Float64Array, argument: string): Float64Array {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new InvalidArgumentError(argument, x[i], 'finite entries');
    if (x[i]! < 0) throw new NotPositiveDefiniteError(argument, x[i], 'non-negative entries');
  }
  return x;
}

/**
 * F = U diag(s) Uᵀ + diag(d) with U p×r (r ≪ p typically), s ≥ 0, d ≥ 0.
 *
 * With V = U diag(s)^{1/2} and D_λ = diag(d) + λI, `solve` uses the Woodbury identity
 * (D_λ + VVᵀ)⁻¹ = D_λ⁻¹ − D_λ⁻¹V(I + VᵀD_λ⁻¹V)⁻¹VᵀD_λ⁻¹ and `logdet` the matrix determinant lemma
 * log det(D_λ + VVᵀ) = Σ log(dᵢ + λ) + log det(I + VᵀD_λ⁻¹V), both in O(pr² + r³). Both need
 * dᵢ + λ > 0 for every i (a `SingularMatrixError` naming `damping` otherwise, even when U happens to
 * fill the null space of diag(d)). `topEigen` is exact through the r×r Gram matrix when d is
 * constant, Lanczos otherwise.
 * @param U - p×r factor
 * @param s - r non-negative weights (default all ones)
 * @param d - p non-negative diagonal entries (default zeros)
 * @throws DimensionMismatchError when the lengths disagree with U
 * @throws NotPositiveDefiniteError naming `s` or `d` for a negative entry
 */
export function lowRankFisher(U: MatrixInput, s?: ArrayLike<number>, d?: ArrayLike<number>): LowRankFisher {
  const u = toDense(U, 'U').clone();
  const p = u.rows;
  const r = u.cols;
  const ss = nonNegative(s === undefined ? new Float64Array(r).fill(1) : Float64Array.from(s), 's');
  const dd = nonNegative(d === undefined ? new Float64Array(p) : Float64Array.from(d), 'd');
  if (ss.length !== r) throw new DimensionMismatchError('s.length', ss.length, `U.cols = ${r}`);
  if (dd.length !== p) throw new DimensionMismatchError('d.length', dd.length, `U.rows = ${p}`);
  const V = DenseMatrix.fromFunction(p, r, (i, j) => u.data[i * r + j]! * Math.sqrt(ss[j]!));
  const Vt = (x: ArrayLike<number>): Float64Array => {
    const y = new Float64Array(r);
    for (let i = 0; i < p; i++) {
      const xi = x[i]!;
      if (xi !== 0) for (let j = 0; j < r; j++) y[j]! += V.data[i * r + j]! * xi;
    }
    return y;
  };
  const Vmv = (z: ArrayLike<number>, y: Float64Array): void => {
    for (let i = 0; i < p; i++) {
      let t = 0;
      for (let j = 0; j < r; j++) t += V.data[i * r + j]! * z[j]!;
      y[i]! += t;
    }
  };
  /** D_λ⁻¹ and the capacitance matrix I + VᵀD_λ⁻¹V. */
  const capacitance = (damping: number): { dinv: Float64Array; C: DenseMatrix } => {
    const dinv = dampedReciprocals(dd, damping);
    const C = DenseMatrix.identity(r);
    for (let i = 0; i < p; i++)
      for (let a = 0; a < r; a++) {
        const va = V.data[i * r + a]! * dinv[i]!;
        if (va !== 0) for (let b = 0; b < r; b++) C.data[a * r + b]! += va * V.data[i * r + b]!;
      }
    return { dinv, C };
  };
  const constantD = dd.every((x) => x === dd[0]);
  const op: LowRankFisher = {
    kind: 'lowRank',
    dim: p,
    shape: [p, p] as const,
    symmetric: true,
    U: u,
    s: ss,
    d: dd,
    mv(v, out) {
      checkLength(v, p, 'v');
      const y = outVec(p, out);
      for (let i = 0; i < p; i++) y[i] = dd[i]! * v[i]!;
      Vmv(Vt(v), y);
      return y;
    },
    solve(b, damping) {
      checkLength(b, p, 'b');
      const { dinv, C } = capacitance(damping);
      const x = Float64Array.from(b, (bi, i) => bi * dinv[i]!);
      const w = spdSolve(C, Vt(x));
      const t = new Float64Array(p);
      Vmv(w, t);
      for (let i = 0; i < p; i++) x[i]! -= dinv[i]! * t[i]!;
      return x;
    },
    trace() {
      let t = 0;
      for (let i = 0; i < p; i++) t += dd[i]!;
      for (let i = 0; i < p * r; i++) t += V.data[i]! ** 2;
      return t;
    },
    logdet(damping = 0) {
      const { dinv, C } = capacitance(damping);
      let t = 0;
      for (let i = 0; i < p; i++) t -= Math.log(dinv[i]!);
      return t + (r > 0 ? spdLogdet(C) : 0);
    },
    diag() {
      const g = dd.slice();
      for (let i = 0; i < p; i++) for (let j = 0; j < r; j++) g[i]! += V.data[i * r + j]! ** 2;
      return g;
    },
    topEigen(k, options) {
      checkK(k, p);
      if (constantD && k <= r) {
        const { values, vectors: W } = eigh(DenseMatrix.fromFunction(r, r, (a, b) => gramEntry(V, a, b)));
        const top = values[r - k]!;
        if (top > 1e-10 * values[r - 1]!) {
          const c = dd[0] ?? 0;
          const cols = Array.from({ length: k }, (_v, j) => r - 1 - j);
          return {
            values: Float64Array.from(cols, (j) => values[j]! + c),
            vectors: columnsMatrix(p, k, (j) => {
              const col = cols[j]!;
              const y = new Float64Array(p);
              Vmv(W.column(col), y);
              const sc = 1 / Math.sqrt(values[col]!);
              return y.map((x) => x * sc);
            }),
          };
        }
      }
      return lanczosTopEigen(op, k, options);
    },
    toDense() {
      const M = DenseMatrix.fromFunction(p, p, (i, j) => {
        let t = i === j ? dd[i]! : 0;
        for (let a = 0; a < r; a++) t += V.data[i * r + a]! * V.data[j * r + a]!;
        return t;
      });
      return M;
    },
  };
  return op;
}

/** (VᵀV)[a, b]. */
function gramEntry(V: DenseMatrix, a: number, b: number): number {
  let t = 0;
  for (let i = 0; i < V.rows; i++) t += V.data[i * V.cols + a]! * V.data[i * V.cols + b]!;
  return t;
}
