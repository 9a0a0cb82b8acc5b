/**
 * Internal: packing of GEMM operands into 4-wide micro-panels (zero-padded), shared by the
 * wasm SIMD and the scalar JS macro-kernels.
 */

/** Micro-tile height and width of both macro-kernels. */
export const MR = 4;

/** Rounds up to a multiple of {@link MR}. */
export function roundUp4(x: number): number {
  return (x + 3) & ~3;
}

/**
 * Packs alpha·op(A)[i0:i0+mc, p0:p0+kc] into `dst` at `dOff` as ceil(mc/4) micro-panels of kc×4
 * (the four rows of a panel interleaved per k), padding missing rows with zeros.
 * op(A)(i, p) is a[aOff + i·lda + p], or a[aOff + p·lda + i] when `trans`.
 */
export function packA(
  dst: Float64Array,
  dOff: number,
  a: Float64Array,
  aOff: number,
  lda: number,
  trans: boolean,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  alpha: number,
): void {
  let d = dOff;
  for (let r = 0; r < mc; r += 4) {
    const rows = Math.min(4, mc - r);
    if (!trans) {
      const b0 = aOff + (i0 + r) * lda + p0;
      if (rows === 4) {
        const b1 = b0 + lda;
        const b2 = b1 + lda;
        const b3 = b2 + lda;
        for (let p = 0; p < kc; p++, d += 4) {
          dst[d] = alpha * a[b0 + p]!;
          dst[d + 1] = alpha * a[b1 + p]!;
          dst[d + 2] = alpha * a[b2 + p]!;
          dst[d + 3] = alpha * a[b3 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, d += 4) {
          for (let t = 0; t < 4; t++) dst[d + t] = t < rows ? alpha * a[b0 + t * lda + p]! : 0;
        }
      }
    } else {
      let src = aOff + p0 * lda + i0 + r;
      if (rows === 4) {
        for (let p = 0; p < kc; p++, d += 4, src += lda) {
          dst[d] = alpha * a[src]!;
          dst[d + 1] = alpha * a[src + 1]!;
          dst[d + 2] = alpha * a[src + 2]!;
          dst[d + 3] = alpha * a[src + 3]!;
        }
      } else {
        for (let p = 0; p < kc; p++, d += 4, src += lda) {
          for (let t = 0; t < 4; t++) dst[d + t] = t < rows ? alpha * a[src + t]! : 0;
        }
      }
    }
  }
}

/**
 * Packs op(B)[p0:p0+kc, j0:j0+nc] into `dst` at `dOff` as ceil(nc/4) micro-panels of kc×4 (four
 * columns contiguous per k), padding missing columns with zeros.
 * op(B)(p, j) is b[bOff + p·ldb + j], or b[bOff + j·ldb + p] when `trans`.
 */
export function packB(
  dst: Float64Array,
  dOff: number,
  b: Float64Array,
  bOff: number,
  ldb: number,
  trans: boolean,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
): void {
  let d = dOff;
  for (let q = 0; q < nc; q += 4) {
    const cols = Math.min(4, nc - q);
    if (!trans) {
      let src = bOff + p0 * ldb + j0 + q;
      if (cols === 4) {
        for (let p = 0; p < kc; p++, d += 4, src += ldb) {
          dst[d] = b[src]!;
          dst[d + 1] = b[src + 1]!;
          dst[d + 2] = b[src + 2]!;
          dst[d + 3] = b[src + 3]!;
        }
      } else {
        for (let p = 0; p < kc; p++, d += 4, src += ldb) {
          for (let t = 0; t < 4; t++) dst[d + t] = t < cols ? b[src + t]! : 0;
        }
      }
    } else {
      const s0 = bOff + (j0 + q) * ldb + p0;
      if (cols === 4) {
        const s1 = s0 + ldb;
        const s2 = s1 + ldb;
        const s3 = s2 + ldb;
        for (let p = 0; p < kc; p++, d += 4) {
          dst[d] = b[s0 + p]!;
          dst[d + 1] = b[s1 + p]!;
          dst[d + 2] = b[s2 + p]!;
          dst[d + 3] = b[s3 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, d += 4) {
          for (let t = 0; t < 4; t++) dst[d + t] = t < cols ? b[s0 + t * ldb + p]! : 0;
        }
      }
    }
  }
}
