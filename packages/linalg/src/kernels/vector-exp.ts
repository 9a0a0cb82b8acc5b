/**
 * Elementwise eˣ over a Float64Array — the exponential of a whole activation block (a sigmoid or softmax
 * output layer) at a fraction of the cost of `Math.exp` per entry.
 */
import { DimensionMismatchError } from '../core/errors.js';
import { simdKernels, simdScratch } from './simd-runtime.js';

/** Entries per pass through the wasm memory (16 KB: the copies in and out stay in L1). */
const CHUNK = 2048;

/**
 * out[i] = e^x[i] for every entry (in place when `out` is `x`, the default). With the wasm SIMD kernels
 * (f64x2: range reduction by ln 2, a degree-13 polynomial, exact power-of-two scaling) the result is within
 * 1 ulp of the correctly rounded value and equal to it 88 % of the time, as `Math.exp` (89 %) — subnormal
 * results, overflow to ∞, underflow to 0 and NaN included; ≈ 2.4× faster than `Math.exp` per entry in
 * Node 20 (3.7 vs 8.9 ns). Without them
 * (`setKernelBackend('js')`, or an engine without wasm SIMD) it is `Math.exp` itself.
 * @param x - exponents (any values)
 * @param out - destination, the same length as x (default: x itself)
 * @returns out
 */
export function vectorExp(x: Float64Array, out: Float64Array = x): Float64Array {
  const n = x.length;
  if (out.length !== n) throw new DimensionMismatchError('out.length', out.length, `x.length = ${n}`);
  const kern = simdKernels();
  if (kern === null) {
    for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
    return out;
  }
  const mem = simdScratch(kern, CHUNK);
  for (let o = 0; o < n; o += CHUNK) {
    const m = Math.min(CHUNK, n - o);
    mem.set(x.subarray(o, o + m), 0);
    if (m & 1) mem[m] = 0;
    kern.expBlock(0, (m + 1) & ~1);
    out.set(mem.subarray(0, m), o);
  }
  return out;
}
