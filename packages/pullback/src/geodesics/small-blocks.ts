import { SingularMatrixError } from '@infogeom/linalg';

/**
 * Products and inverses of small d×d blocks (row-major), for the block-tridiagonal preconditioners of the
 * geodesic solvers (d is the latent dimension: 2 – 10). Internal.
 */

/** A·B of two d×d blocks. */
export function blockMatmul(A: Float64Array, B: Float64Array, d: number): Float64Array {
  const C = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const a = A[i * d + k]!;
      for (let j = 0; j < d; j++) C[i * d + j]! += a * B[k * d + j]!;
    }
  return C;
}

/** A·x of a d×d block into `out` (default: a new array). */
export function blockMatvec(
  A: Float64Array,
  x: ArrayLike<number>,
  d: number,
  out: Float64Array = new Float64Array(d),
): Float64Array {
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += A[i * d + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

/**
 * Gauss–Jordan inverse with partial pivoting of a d×d block. A zero, NaN or infinite pivot throws a
 * SingularMatrixError (`'throw'`, default), or — for a preconditioner that only needs to stay defined — a
 * zero or NaN pivot is replaced by 1e-300 (`'tiny'`).
 */
export function blockInverse(A: Float64Array, d: number, singular: 'throw' | 'tiny' = 'throw'): Float64Array {
  const M = A.slice();
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(M[r * d + c]!) > Math.abs(M[piv * d + c]!)) piv = r;
    let pv = M[piv * d + c]!;
    if (singular === 'tiny') pv = pv || 1e-300;
    else if (!(Math.abs(pv) > 0) || !Number.isFinite(pv))
      throw new SingularMatrixError('block', pv, 'a non-singular pivot');
    if (piv !== c)
      for (let k = 0; k < d; k++) {
        [M[c * d + k], M[piv * d + k]] = [M[piv * d + k]!, M[c * d + k]!];
        [inv[c * d + k], inv[piv * d + k]] = [inv[piv * d + k]!, inv[c * d + k]!];
      }
    for (let k = 0; k < d; k++) {
      M[c * d + k]! /= pv;
      inv[c * d + k]! /= pv;
    }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = M[r * d + c]!;
      if (f === 0) continue;
      for (let k = 0; k < d; k++) {
        M[r * d + k]! -= f * M[c * d + k]!;
        inv[r * d + k]! -= f * inv[c * d + k]!;
      }
    }
  }
  return inv;
}
