import { afterEach, describe, expect, it } from 'vitest';
import {
  getKernelBackend,
  setKernelBackend,
  simdAvailable,
  simdKernels,
  simdScratch,
} from './simd-runtime.js';

describe('SIMD runtime switch', () => {
  afterEach(() => setKernelBackend('auto'));

  it('instantiates the embedded module on Node 20 and can be forced off', () => {
    expect(simdAvailable()).toBe(true); // Node ≥ 20 ships wasm SIMD
    expect(getKernelBackend()).toBe('auto');
    expect(simdKernels()).not.toBeNull();
    setKernelBackend('js');
    expect(getKernelBackend()).toBe('js');
    expect(simdKernels()).toBeNull();
    setKernelBackend('wasm');
    expect(simdKernels()).not.toBeNull();
  });

  it('grows scratch memory on demand and keeps the view valid', () => {
    const k = simdKernels()!;
    const small = simdScratch(k, 16);
    expect(small.length).toBeGreaterThanOrEqual(16);
    const big = simdScratch(k, 3_000_000);
    expect(big.length).toBeGreaterThanOrEqual(3_000_000);
    expect(big.buffer).toBe(k.memory.buffer);
  });
});
