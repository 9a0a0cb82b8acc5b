/**
 * The general matrix–matrix product on flat row-major Float64Arrays with offsets and leading
 * dimensions, C = alpha·op(A)·op(B) + beta·C (BLAS dgemm). Packed (Goto-style blocking), with a wasm
 * f64x2 SIMD macro-kernel when available and a register-tiled scalar JS one otherwise. Low level and
 * unchecked (no shape or finiteness validation): for hot loops that reuse buffers; `matmul` and its
 * siblings are the validated entry points.
 */
import { gemmMacroJs } from './gemm-js-macro.js';
import { packA, packB, roundUp4 } from './gemm-pack.js';
import { type SimdKernels, simdKernels, simdScratch } from './simd-runtime.js';

/** Blocking of the packed product (depth, rows of A, columns of B per block). */
export const KC = 256;
const MC = 64;
export const NC = 2048;

/** A strided view of a row-major matrix inside a Float64Array. */
export interface StridedMatrix {
  /** Backing storage. */
  data: Float64Array;
  /** Index of entry (0, 0). */
  offset: number;
  /** Distance between consecutive rows (≥ number of columns). */
  ld: number;
}

let jsA = new Float64Array(0);
let jsB = new Float64Array(0);

/** Smallest product (m·n·k) for which packing pays off. */
const SMALL = 24 * 24 * 24;

function gemmSmall(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: StridedMatrix,
  B: StridedMatrix,
  C: StridedMatrix,
): void {
  const { data: a, offset: ao, ld: lda } = A;
  const { data: b, offset: bo, ld: ldb } = B;
  const { data: c, offset: co, ld: ldc } = C;
  for (let i = 0; i < m; i++) {
    const ci = co + i * ldc;
    for (let p = 0; p < k; p++) {
      const aip = alpha * (transA ? a[ao + p * lda + i]! : a[ao + i * lda + p]!);
      if (aip === 0) continue;
      if (transB) for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bo + j * ldb + p]!;
      else {
        const bp = bo + p * ldb;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  }
}

/** Internal: C ← beta·C on the m×n view (beta = 0 writes zeros). */
export function scaleC(C: StridedMatrix, m: number, n: number, beta: number): void {
  const { data: c, offset, ld } = C;
  for (let i = 0; i < m; i++) {
    const o = offset + i * ld;
    if (beta === 0) c.fill(0, o, o + n);
    else for (let j = 0; j < n; j++) c[o + j]! *= beta;
  }
}

/**
 * Where the blocked product finds the packed block op(B)[pc:pc+kc, jc:jc+nc] (ceil(nc/4) micro-panels of kc×4):
 * packed on the fly by {@link gemm}, already packed (and resident in the SIMD memory) for `gemmPacked`.
 */
export interface PackedBSource {
  /** Puts the block in the SIMD memory `mem` (at `bPtr` if it must be copied) and returns its offset in doubles. */
  simd(
    k: SimdKernels,
    mem: Float64Array,
    bPtr: number,
    pc: number,
    kc: number,
    jc: number,
    nc: number,
  ): number;
  /** An array holding the block from index 0 (`buf`, of at least KC·min(NC, roundUp4(n)) doubles, may be used). */
  js(buf: Float64Array, pc: number, kc: number, jc: number, nc: number): Float64Array;
}

/** Internal: the blocked product C ← alpha·op(A)·op(B) + beta·C with op(B) supplied packed by `source`. */
export function gemmBlocked(
  transA: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: StridedMatrix,
  source: PackedBSource,
  beta: number,
  C: StridedMatrix,
): void {
  const kern = simdKernels();
  if (kern !== null) {
    gemmSimd(kern, transA, m, n, k, alpha, A, source, beta, C);
    return;
  }
  if (beta !== 1) scaleC(C, m, n, beta);
  gemmJs(transA, m, n, k, alpha, A, source, C);
}

function gemmSimd(
  kern: SimdKernels,
  transA: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: StridedMatrix,
  source: PackedBSource,
  beta: number,
  C: StridedMatrix,
): void {
  const mPad = roundUp4(m);
  const nPad = roundUp4(n);
  const ncMax = Math.min(NC, nPad);
  const cPtr = 0;
  const aPtr = mPad * nPad;
  const bPtr = aPtr + MC * KC;
  const mem = simdScratch(kern, bPtr + KC * ncMax);
  const { data: c, offset: co, ld: ldc } = C;
  // β·C into the scratch (β = 0: zeros, C's old contents are never read).
  if (beta === 0) mem.fill(0, 0, mPad * nPad);
  else {
    for (let i = 0; i < m; i++) {
      const o = i * nPad;
      mem.set(c.subarray(co + i * ldc, co + i * ldc + n), o);
      if (beta !== 1) for (let j = 0; j < n; j++) mem[o + j]! *= beta;
      mem.fill(0, o + n, o + nPad);
    }
    mem.fill(0, m * nPad, mPad * nPad);
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const bAt = source.simd(kern, mem, bPtr, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(mem, aPtr, A.data, A.offset, A.ld, transA, ic, mc, pc, kc, alpha);
        kern.gemmMacro(roundUp4(mc), roundUp4(nc), kc, aPtr * 8, bAt * 8, (cPtr + ic * nPad + jc) * 8, nPad);
      }
    }
  }
  for (let i = 0; i < m; i++) c.set(mem.subarray(i * nPad, i * nPad + n), co + i * ldc);
}

function gemmJs(
  transA: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: StridedMatrix,
  source: PackedBSource,
  C: StridedMatrix,
): void {
  const ncMax = Math.min(NC, roundUp4(n));
  if (jsA.length < MC * KC) jsA = new Float64Array(MC * KC);
  if (jsB.length < KC * ncMax) jsB = new Float64Array(KC * ncMax);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const bp = source.js(jsB, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(jsA, 0, A.data, A.offset, A.ld, transA, ic, mc, pc, kc, alpha);
        gemmMacroJs(mc, nc, kc, jsA, bp, C.data, C.offset + ic * C.ld + jc, C.ld);
      }
    }
  }
}

/**
 * C ← alpha·op(A)·op(B) + beta·C on strided row-major views, where op(A) is m×k (A itself, or Aᵀ
 * when `transA`) and op(B) is k×n. With beta = 0, C is overwritten (its old contents may be NaN).
 * C must not alias A or B. Unchecked: the caller guarantees the shapes, strides and finite inputs
 * (use `matmul`, `matmulTransA`, `matmulTransB` for validated products).
 * @param transA - use Aᵀ
 * @param transB - use Bᵀ
 * @param m - rows of op(A) and C
 * @param n - columns of op(B) and C
 * @param k - columns of op(A) = rows of op(B)
 * @param alpha - scale of the product
 * @param A - strided view of A
 * @param B - strided view of B
 * @param beta - scale of the old C (0: overwrite)
 * @param C - strided view of C (output)
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  A: StridedMatrix,
  B: StridedMatrix,
  beta: number,
  C: StridedMatrix,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0 || m * n * k < SMALL) {
    if (beta !== 1) scaleC(C, m, n, beta);
    if (k !== 0 && alpha !== 0) gemmSmall(transA, transB, m, n, k, alpha, A, B, C);
    return;
  }
  gemmBlocked(
    transA,
    m,
    n,
    k,
    alpha,
    A,
    {
      simd: (_k, mem, bPtr, pc, kc, jc, nc) => {
        packB(mem, bPtr, B.data, B.offset, B.ld, transB, pc, kc, jc, nc);
        return bPtr;
      },
      js: (buf, pc, kc, jc, nc) => {
        packB(buf, 0, B.data, B.offset, B.ld, transB, pc, kc, jc, nc);
        return buf;
      },
    },
    beta,
    C,
  );
}

/** Shorthand for a whole row-major matrix as a {@link StridedMatrix}. */
export function strided(data: Float64Array, ld: number, offset = 0): StridedMatrix {
  return { data, offset, ld };
}
