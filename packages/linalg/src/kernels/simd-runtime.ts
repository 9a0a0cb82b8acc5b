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

/**
 * A Float64Array view over the SIMD module's memory holding at least `doubles` elements (grows the
 * memory when needed). The view is invalidated by the next call that grows; re-fetch after calls.
 */
export function simdScratch(k: SimdKernels, doubles: number): Float64Array {
  const need = doubles * 8;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  if (view.buffer !== k.memory.buffer) view = new Float64Array(k.memory.buffer);
  return view;
}
