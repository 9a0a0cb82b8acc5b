/**
 * Internal: the scalar JS macro-kernel used when wasm SIMD is unavailable or switched off. Each
 * 4×4 tile of C is computed as two 2×4 halves (8 independent accumulators plus the 6 operands fit
 * x64's 16 float registers, so V8 does not spill inside the k loop).
 */

/**
 * Adds Σ_p Apack(i, p)·Bpack(p, j) to C[c0 + i·ldc + j] for i < mc, j < nc (the real, unpadded
 * extents), with packed operands as produced by packA / packB.
 */
export function gemmMacroJs(
  mc: number,
  nc: number,
  kc: number,
  ap: Float64Array,
  bp: Float64Array,
  c: Float64Array,
  c0: number,
  ldc: number,
): void {
  const panel = kc * 4;
  for (let jr = 0; jr < nc; jr += 4) {
    const bBase = (jr >> 2) * panel;
    const cols = Math.min(4, nc - jr);
    for (let ir = 0; ir < mc; ir += 2) {
      // rows ir, ir+1 live at offsets h, h+1 of their 4-row panel
      let a = (ir >> 2) * panel + (ir & 3);
      let b = bBase;
      let c00 = 0;
      let c01 = 0;
      let c02 = 0;
      let c03 = 0;
      let c10 = 0;
      let c11 = 0;
      let c12 = 0;
      let c13 = 0;
      for (let p = 0; p < kc; p++, a += 4, b += 4) {
        const b0 = bp[b]!;
        const b1 = bp[b + 1]!;
        const b2 = bp[b + 2]!;
        const b3 = bp[b + 3]!;
        const a0 = ap[a]!;
        const a1 = ap[a + 1]!;
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
      }
      const rows = Math.min(2, mc - ir);
      const o = c0 + ir * ldc + jr;
      if (rows === 2 && cols === 4) {
        c[o]! += c00;
        c[o + 1]! += c01;
        c[o + 2]! += c02;
        c[o + 3]! += c03;
        const o1 = o + ldc;
        c[o1]! += c10;
        c[o1 + 1]! += c11;
        c[o1 + 2]! += c12;
        c[o1 + 3]! += c13;
      } else {
        const t = [c00, c01, c02, c03, c10, c11, c12, c13];
        for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) c[o + r * ldc + q]! += t[r * 4 + q]!;
      }
    }
  }
}
