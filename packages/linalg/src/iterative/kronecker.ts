import { type DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError, SingularMatrixError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { eigh } from '../kernels/eigh.js';
import { gemm, strided } from '../kernels/gemm.js';
import { outVector } from './util.js';

/**
 * (A ⊗ B)v without forming A ⊗ B, for A (m×n) and B (p×q), v of length n·q.
 *
 * Convention (row-major vec): entry (i·p + k, j·q + l) of A ⊗ B is AᵢⱼBₖₗ, and v is read as the
 * n×q matrix V with Vⱼₗ = v[j·q + l]; then (A ⊗ B)v is the row-major vec of A V Bᵀ (m×p).
 * Costs O(nq·p + mnp) or O(mnq + mqp) flops, whichever is smaller.
 * @param A - left factor (m×n)
 * @param B - right factor (p×q)
 * @param v - vector of length n·q
 * @param out - optional output of length m·p
 */
export function kronMv(
  A: MatrixInput,
  B: MatrixInput,
  v: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  return kronApply(a.data, a.rows, a.cols, b.data, b.rows, b.cols, v, out);
}

/** Y = A V Bᵀ on raw row-major arrays (A m×n, B p×q, V n×q). */
function kronApply(
  A: Float64Array,
  m: number,
  n: number,
  B: Float64Array,
  p: number,
  q: number,
  v: ArrayLike<number>,
  out?: Float64Array,
): Float64Array {
  if (v.length !== n * q) throw new DimensionMismatchError('v.length', v.length, `A.cols·B.cols = ${n * q}`);
  const y = outVector(m * p, out);
  const V = v instanceof Float64Array ? v : Float64Array.from(v);
  // Both orders go through the packed GEMM kernel (wasm SIMD where available); pick the cheaper one.
  if (n * q * p + m * n * p <= m * n * q + m * q * p) {
    const T = new Float64Array(n * p); // T = V Bᵀ (n×p)
    gemm(false, true, n, p, q, 1, strided(V, q), strided(B, q), 0, strided(T, p));
    gemm(false, false, m, p, n, 1, strided(A, n), strided(T, p), 0, strided(y, p));
  } else {
    const T = new Float64Array(m * q); // T = A V (m×q)
    gemm(false, false, m, q, n, 1, strided(A, n), strided(V, q), 0, strided(T, q));
    gemm(false, true, m, p, q, 1, strided(T, q), strided(B, q), 0, strided(y, p));
  }
  return y;
}

/**
 * A ⊗ B as a {@link LinearOperator} of shape (mp)×(nq), with the row-major convention of
 * {@link kronMv}; `rmv` applies Aᵀ ⊗ Bᵀ, `diag` is diag(A) ⊗ diag(B) for square factors.
 * @param A - left factor
 * @param B - right factor
 */
export function kronOperator(A: MatrixInput, B: MatrixInput): LinearOperator {
  const a = toDense(A, 'A');
  const b = toDense(B, 'B');
  const at = a.transpose();
  const bt = b.transpose();
  const op: { -readonly [K in keyof LinearOperator]: LinearOperator[K] } = {
    shape: [a.rows * b.rows, a.cols * b.cols] as const,
    symmetric: a.isSymmetric(0) && b.isSymmetric(0),
    mv: (x, out) => kronApply(a.data, a.rows, a.cols, b.data, b.rows, b.cols, x, out),
    rmv: (x, out) => kronApply(at.data, at.rows, at.cols, bt.data, bt.rows, bt.cols, x, out),
  };
  if (a.isSquare && b.isSquare) {
    op.diag = () => {
      const da = a.diag();
      const db = b.diag();
      const d = new Float64Array(da.length * db.length);
      for (let i = 0; i < da.length; i++)
        for (let k = 0; k < db.length; k++) d[i * db.length + k] = da[i]! * db[k]!;
      return d;
    };
  }
  return op;
}

/** A solver for (A ⊗ B + λI)x = b built from the eigendecompositions of symmetric A and B. */
export interface KronSolver {
  /** Eigenvalues of A ⊗ B (products λᵃᵢλᵇₖ at index i·p + k, not sorted). */
  readonly values: Float64Array;
  /**
   * x = (A ⊗ B + λI)⁻¹ b in O(m²p + mp²) flops.
   * @throws SingularMatrixError when some λᵃᵢλᵇₖ + λ is zero (relative to the largest)
   */
  solve(b: ArrayLike<number>, lambda?: number, out?: Float64Array): Float64Array;
}

/**
 * Precomputes A = UΛUᵀ and B = WMWᵀ (symmetric A, B) so that A ⊗ B + λI = (U⊗W)(Λ⊗M + λI)(U⊗W)ᵀ
 * can be solved for any damping λ by two Kronecker mat-vecs — how K-FAC blocks are inverted.
 * @param A - symmetric m×m factor
 * @param B - symmetric p×p factor
 */
export function kronSolver(A: MatrixInput, B: MatrixInput): KronSolver {
  const a = toDense(A, 'A', { square: true });
  const b = toDense(B, 'B', { square: true });
  if (!a.isSymmetric(1e-12)) throw new InvalidArgumentError('A', a, 'a symmetric matrix');
  if (!b.isSymmetric(1e-12)) throw new InvalidArgumentError('B', b, 'a symmetric matrix');
  const ea = eigh(a);
  const eb = eigh(b);
  const m = a.rows;
  const p = b.rows;
  const U: DenseMatrix = ea.vectors;
  const W: DenseMatrix = eb.vectors;
  const Ut = U.transpose();
  const Wt = W.transpose();
  const values = new Float64Array(m * p);
  let scale = 0;
  for (let i = 0; i < m; i++)
    for (let k = 0; k < p; k++) {
      values[i * p + k] = ea.values[i]! * eb.values[k]!;
      scale = Math.max(scale, Math.abs(values[i * p + k]!));
    }
  return {
    values,
    solve(rhs, lambda = 0, out) {
      if (!Number.isFinite(lambda)) throw new InvalidArgumentError('lambda', lambda, 'a finite number');
      const z = kronApply(Ut.data, m, m, Wt.data, p, p, rhs);
      const floor = 1e-14 * Math.max(scale, Math.abs(lambda));
      for (let t = 0; t < z.length; t++) {
        const d = values[t]! + lambda;
        if (Math.abs(d) <= floor)
          throw new SingularMatrixError('lambda', lambda, 'A ⊗ B + λI to be non-singular');
        z[t]! /= d;
      }
      return kronApply(U.data, m, m, W.data, p, p, z, out);
    },
  };
}
