/**
 * Internal: lazy, synchronous instantiation of the embedded f64x2 SIMD kernels, the switch between
 * them and the pure-JS fallback, and the growable scratch memory they work in. Not re-exported.
 */
import { SIMD_KERNELS_BASE64 } from './wasm/simd-kernels.generated.js';

/** The exports of simd-kernels.wat (pointers are byte offsets, sizes element counts). */
export interface SimdKernels {
  /** The module's linear memory (grown on demand by {@link simdScratch}). */
  memory: WebAssembly.Memory;
  /** C[0:mc, 0:nc]! += Apack · Bpack on 4×4 micro-panels. */
  gemmMacro(mc: number, nc: number, kc: number, ap: number, bp: number, cp: number, ldc: number): void;
  /** Fused symmetric rank-2 update of rows [r0, n) of an upper triangle and the next mat-vec. */
  tridiagFused(a: number, n: number, r0: number, v: number, w: number, v2: number, p2: number): void;
  /** x[0:n] ← eˣ in place (n even). */
  expBlock(p: number, n: number): void;
  /** t[0:n] → σ(t) in place, σ′(t) at q, σ″(t) at r (n even). */
  sigmoidBlock(p: number, q: number, r: number, n: number): void;
  /** t[0:n] → tanh t in place, sech² t at q, −2 tanh t sech² t at r (n even). */
  tanhBlock(p: number, q: number, r: number, n: number): void;
}

/** Which implementation the dense kernels use. */
export type KernelBackend = 'auto' | 'wasm' | 'js';

let requested: KernelBackend = 'auto';
let instance: SimdKernels | null | undefined;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function instantiate(): SimdKernels | null {
  try {
    if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
    const bytes = decodeBase64(SIMD_KERNELS_BASE64);
    if (!WebAssembly.validate(bytes)) return null; // no SIMD support in this engine
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    return inst.exports as unknown as SimdKernels;
  } catch {
    return null;
  }
}

/** `true` when the SIMD module validates and instantiates in this engine. */
export function simdAvailable(): boolean {
  if (instance === undefined) instance = instantiate();
  return instance !== null;
}

/**
 * Selects the implementation: `'auto'` (SIMD when available, the default), `'js'` (force the
 * scalar fallback) or `'wasm'` (force SIMD; throws when unavailable). For tests and benchmarks.
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (backend === 'wasm' && !simdAvailable()) throw new Error('wasm SIMD kernels are not available here');
  requested = backend;
}

/** The backend currently requested. */
export function getKernelBackend(): KernelBackend {
  return requested;
}

/** The SIMD kernels to use now, or null for the pure-JS path. */
export function simdKernels(): SimdKernels | null {
  if (requested === 'js') return null;
  if (instance === undefined) instance = instantiate();
  return instance;
}

let view = new Float64Array(0);
/** Largest scratch request so far (doubles from address 0): resident blocks live above it. */
let scratchNeed = 0;

/**
 * A block of doubles kept in the SIMD module's memory across calls (packed GEMM operands). It lives at the
 * top of the memory, above every scratch region, and moves when the memory grows: read `offset` after the
 * last call that may grow the memory ({@link simdScratch}).
 */
export interface ResidentBlock {
  /** Current position in doubles. */
  offset: number;
  /** Size in doubles. */
  readonly length: number;
  /** False once released; its space is reclaimed at the next allocation. */
  alive: boolean;
}

/** Resident blocks, highest offset first (contiguous down from the top of the memory, gaps where released). */
const blocks: ResidentBlock[] = [];
let residentTotal = 0;
let released = 0;

function viewOf(k: SimdKernels): Float64Array {
  if (view.buffer !== k.memory.buffer) view = new Float64Array(k.memory.buffer);
  return view;
}

/** Grows the memory to hold `scratch` doubles of scratch below `resident` doubles of resident blocks. */
function ensureCapacity(k: SimdKernels, scratch: number, resident: number): void {
  const haveBytes = k.memory.buffer.byteLength;
  const needBytes = (scratch + resident) * 8;
  if (needBytes <= haveBytes) return;
  k.memory.grow(Math.ceil((needBytes - haveBytes) / 65536));
  const v = viewOf(k);
  // Shift the resident region to the new top (one overlapping move: every block by the same distance).
  const shift = v.length - haveBytes / 8;
  if (residentTotal > 0) {
    const lo = haveBytes / 8 - residentTotal;
    v.copyWithin(lo + shift, lo, haveBytes / 8);
  }
  for (const b of blocks) b.offset += shift;
}

/** Packs the live blocks to the top (dropping released ones). */
function compact(k: SimdKernels): void {
  const v = viewOf(k);
  let top = v.length;
  let w = 0;
  for (const b of blocks) {
    if (!b.alive) continue;
    top -= b.length;
    if (top !== b.offset) v.copyWithin(top, b.offset, b.offset + b.length);
    b.offset = top;
    blocks[w++] = b;
  }
  blocks.length = w;
  residentTotal = v.length - top;
  released = 0;
}

/**
 * Copies `data` into a new resident block of the SIMD module's memory (see {@link ResidentBlock}); release
 * it with {@link releaseResident}.
 */
export function residentBlock(k: SimdKernels, data: Float64Array): ResidentBlock {
  if (released > 0 && released >= residentTotal / 2) compact(k);
  ensureCapacity(k, scratchNeed, residentTotal + data.length);
  const v = viewOf(k);
  const offset = v.length - residentTotal - data.length;
  v.set(data, offset);
  const block: ResidentBlock = { offset, length: data.length, alive: true };
  blocks.push(block);
  residentTotal += data.length;
  return block;
}

/** Marks a resident block free (its space is reused after the next compaction). */
export function releaseResident(block: ResidentBlock): void {
  if (!block.alive) return;
  block.alive = false;
  released += block.length;
}

/**
 * A Float64Array view over the SIMD module's memory whose first `doubles` elements are free scratch (grows
 * the memory when needed, keeping resident blocks above). The view is invalidated by the next call that
 * grows; re-fetch after calls.
 */
export function simdScratch(k: SimdKernels, doubles: number): Float64Array {
  if (doubles > scratchNeed) scratchNeed = doubles;
  ensureCapacity(k, scratchNeed, residentTotal);
  return viewOf(k);
}
