import { DimensionMismatchError } from './errors.js';

/** Dot product xᵀy with four independent accumulators (breaks V8's add-latency chain). */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) throw new DimensionMismatchError('y.length', y.length, `x.length = ${n}`);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
    s2 += x[i + 2]! * y[i + 2]!;
    s3 += x[i + 3]! * y[i + 3]!;
  }
  for (; i < n; i++) s0 += x[i]! * y[i]!;
  return s0 + s1 + (s2 + s3);
}

/** Euclidean norm ‖x‖₂, scaled to avoid overflow and underflow (LAPACK dnrm2 style). */
export function norm2(x: ArrayLike<number>): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v !== 0) {
      const a = Math.abs(v);
      if (scale < a) {
        ssq = 1 + ssq * (scale / a) * (scale / a);
        scale = a;
      } else {
        ssq += (a / scale) * (a / scale);
      }
    }
  }
  return scale * Math.sqrt(ssq);
}

/** y ← y + αx, in place; returns y. */
export function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array): Float64Array {
  const n = y.length;
  if (x.length !== n) throw new DimensionMismatchError('x.length', x.length, `y.length = ${n}`);
  for (let i = 0; i < n; i++) y[i]! += alpha * x[i]!;
  return y;
}

/** x ← αx, in place; returns x. */
export function scal(alpha: number, x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) x[i]! *= alpha;
  return x;
}

/** A Float64Array copy of any array-like of numbers. */
export function toFloat64(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x);
}
