import { afterEach, describe, expect, it } from 'vitest';
import {
  getKernelBackend,
  releaseResident,
  residentBlock,
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

  it('keeps resident blocks above every scratch region, intact through growth and compaction', () => {
    const k = simdKernels()!;
    const data = (n: number, seed: number) => Float64Array.from({ length: n }, (_, i) => seed + i / n);
    const contents = (b: { offset: number; length: number }) =>
      Array.from(simdScratch(k, 0).subarray(b.offset, b.offset + b.length));
    const a = residentBlock(k, data(1000, 1));
    const b = residentBlock(k, data(5000, 2));
    const c = residentBlock(k, data(300, 3));
    // A scratch request larger than the free space moves the blocks up; scratch writes never reach them.
    const before = k.memory.buffer.byteLength;
    const grow = before / 8 + 10_000;
    const view = simdScratch(k, grow);
    expect(k.memory.buffer.byteLength).toBeGreaterThan(before);
    view.fill(-1, 0, grow);
    for (const [blk, seed] of [
      [a, 1],
      [b, 2],
      [c, 3],
    ] as const) {
      expect(blk.offset).toBeGreaterThanOrEqual(grow);
      expect(contents(blk)).toEqual(Array.from(data(blk.length, seed)));
    }
    // Released space is reclaimed: the live blocks are packed together, contents unchanged.
    releaseResident(b);
    releaseResident(a);
    const d = residentBlock(k, data(700, 4));
    for (const [blk, seed] of [
      [c, 3],
      [d, 4],
    ] as const) {
      expect(blk.offset).toBeGreaterThanOrEqual(grow);
      expect(contents(blk)).toEqual(Array.from(data(blk.length, seed)));
    }
    expect(simdScratch(k, 0).length - d.offset).toBeLessThanOrEqual(300 + 700);
    releaseResident(c);
    releaseResident(d);
  });
});
