/**
 * Internal: exact power-of-two scaling that keeps the eigensolvers' arithmetic away from overflow
 * and underflow (inputs scaled by 1e±300 behave like inputs near 1).
 */

/** The exponent e such that 2^e·maxAbs lies in [0.5, 1), or 0 when maxAbs is 0 or not finite. */
export function scaleExponent(maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(maxAbs)) return 0;
  return -Math.floor(Math.log2(maxAbs)) - 1;
}

/** Multiplies every entry of `x` by 2^e exactly (two steps when 2^e itself would overflow). */
export function scaleByPowerOfTwo(x: Float64Array, e: number): void {
  if (e === 0) return;
  const h = Math.trunc(e / 2);
  const f1 = 2 ** h;
  const f2 = 2 ** (e - h);
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * f1 * f2;
}
