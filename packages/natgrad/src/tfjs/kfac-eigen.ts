import { DenseMatrix, eigh, NonFiniteError, SingularMatrixError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';

/** The eigendecomposition of a K-FAC factor: F = U diag(values) Uᵀ. */
export interface FactorEigen {
  /** Eigenvectors as columns (float32 tensor, owned by the caller). */
  U: tf.Tensor2D;
  /** Uᵀ (kept beside U: the wasm backend's transposed matMul is several times slower). */
  Ut: tf.Tensor2D;
  /** Eigenvalues in float64, negatives (float32 round-off of a PSD matrix) clamped to 0. */
  values: Float64Array;
}

/**
 * Eigendecomposition of a symmetric float32 factor by linalg's float64 `eigh` (tfjs has none): the
 * factor is read back, symmetrised in float64, decomposed, and the eigenvectors uploaded as float32.
 * @param factor - symmetric n×n tensor
 * @param name - factor name for errors (e.g. `dense_1.A`)
 * @throws NonFiniteError naming the factor when it holds NaN or ±∞
 */
export function factorEigen(factor: tf.Tensor2D, name: string): FactorEigen {
  const n = factor.shape[0];
  const f = factor.dataSync();
  const M = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = 0.5 * (f[i * n + j]! + f[j * n + i]!);
      if (!Number.isFinite(v)) throw new NonFiniteError(name, v, 'a finite factor');
      M.data[i * n + j] = v;
    }
  const e = eigh(M);
  const values = e.values.map((v) => Math.max(v, 0));
  // kept: the caller may run inside tf.tidy and owns U
  const U = tf.keep(tf.tensor2d(Float32Array.from(e.vectors.data), [n, n]));
  return { U, Ut: tf.keep(tf.transpose(U)), values };
}

/** Relative floor below which a damped eigenvalue counts as zero in float32 arithmetic. */
export const SINGULAR_FLOOR = 1e-7;

/**
 * Rejects damped eigenvalues that make a factor (numerically) singular: min ≤ 1e-7 · max.
 * @param damped - the damped eigenvalues
 * @param name - what they belong to
 * @param damping - the damping λ, reported in the error
 * @throws SingularMatrixError naming `damping`
 */
export function checkInvertible(damped: ArrayLike<number>, name: string, damping: number): void {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (let i = 0; i < damped.length; i++) {
    lo = Math.min(lo, damped[i]!);
    hi = Math.max(hi, Math.abs(damped[i]!));
  }
  if (!(lo > SINGULAR_FLOOR * hi))
    throw new SingularMatrixError(
      'damping',
      damping,
      `a damping that keeps ${name} invertible (smallest damped eigenvalue ${lo} vs largest ${hi})`,
    );
}

/**
 * Reciprocal damped eigenvalues in kernel layout [in', out] for the π-adjusted factored damping
 * 1/((aᵢ + π√λ)(gₒ + √λ/π)) or the exact damping 1/(aᵢgₒ + λ).
 * @param a - eigenvalues of A (length in')
 * @param g - eigenvalues of G (length out)
 * @param pi - π of the factored damping
 * @param damping - λ
 * @param mode - 'factored' or 'exact'
 * @param layer - layer name for errors
 */
export function dampedInverse(
  a: Float64Array,
  g: Float64Array,
  pi: number,
  damping: number,
  mode: 'factored' | 'exact',
  layer: string,
): Float32Array {
  const p = a.length;
  const q = g.length;
  const out = new Float32Array(p * q);
  if (mode === 'factored') {
    const s = Math.sqrt(damping);
    const da = a.map((x) => x + pi * s);
    const dg = g.map((x) => x + s / pi);
    checkInvertible(da, `${layer}.A + π√λI`, damping);
    checkInvertible(dg, `${layer}.G + √λ/π I`, damping);
    for (let i = 0; i < p; i++) for (let o = 0; o < q; o++) out[i * q + o] = 1 / (da[i]! * dg[o]!);
    return out;
  }
  const d = new Float64Array(p * q);
  for (let i = 0; i < p; i++) for (let o = 0; o < q; o++) d[i * q + o] = a[i]! * g[o]! + damping;
  checkInvertible(d, `${layer}.A ⊗ G + λI`, damping);
  for (let t = 0; t < d.length; t++) out[t] = 1 / d[t]!;
  return out;
}

/**
 * Reciprocal damped factor eigenvalues of the π-adjusted factored damping: 1/(aᵢ + π√λ), 1/(gₒ + √λ/π).
 * @param a - eigenvalues of A
 * @param g - eigenvalues of G
 * @param pi - π
 * @param damping - λ
 * @param layer - layer name for errors
 * @throws SingularMatrixError naming `damping` when a damped factor is singular
 */
export function factoredInverse(
  a: Float64Array,
  g: Float64Array,
  pi: number,
  damping: number,
  layer: string,
): { ia: Float32Array; ig: Float32Array } {
  const s = Math.sqrt(damping);
  const da = a.map((x) => x + pi * s);
  const dg = g.map((x) => x + s / pi);
  checkInvertible(da, `${layer}.A + π√λI`, damping);
  checkInvertible(dg, `${layer}.G + √λ/π I`, damping);
  return { ia: Float32Array.from(da, (x) => 1 / x), ig: Float32Array.from(dg, (x) => 1 / x) };
}

/**
 * π = √((tr A / dim A) / (tr G / dim G)) from the eigenvalues (1 when a trace is 0).
 * @param a - eigenvalues of A
 * @param g - eigenvalues of G
 */
export function piAdjustment(a: Float64Array, g: Float64Array): number {
  const ta = a.reduce((s, x) => s + x, 0) / a.length;
  const tg = g.reduce((s, x) => s + x, 0) / g.length;
  return ta > 0 && tg > 0 ? Math.sqrt(ta / tg) : 1;
}
