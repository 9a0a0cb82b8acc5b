import { afterAll, describe, expect, it } from 'vitest';
import { gemm } from './gemm.js';
import { gemmPacked, packGemmOperand } from './gemm-packed.js';
import { setKernelBackend, simdAvailable, simdKernels } from './simd-runtime.js';

function fill(len: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: len }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

const backends = simdAvailable() ? (['wasm', 'js'] as const) : (['js'] as const);

describe.each(backends)('gemmPacked (%s backend)', (backend) => {
  afterAll(() => setKernelBackend('auto'));

  it('equals the brute-force product for every transposition, across block boundaries, leaving padding alone', () => {
    setKernelBackend(backend);
    // Shapes: tiny (unblocked), a few rows against a wide B (the network case), k beyond one depth block
    // (KC = 256), n beyond one column block (NC = 2048), ragged edges everywhere.
    for (const [m, n, k] of [
      [2, 3, 5],
      [3, 784, 64],
      [9, 70, 300],
      [67, 2051, 5],
    ] as const) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const lda = (transA ? m : k) + 3;
          const ldb = (transB ? k : n) + 2;
          const ldc = n + 5;
          const a = fill(lda * (transA ? k : m) + 7, 1);
          const b = fill(ldb * (transB ? n : k) + 4, 2);
          const c = fill(ldc * m + 9, 3);
          const c0 = c.slice();
          const alpha = -1.5;
          const beta = 0.25;
          const Bp = packGemmOperand(transB, k, n, { data: b, offset: 4, ld: ldb });
          b.fill(Number.NaN); // a snapshot: B itself is not read again
          gemmPacked(transA, m, alpha, { data: a, offset: 7, ld: lda }, Bp, beta, {
            data: c,
            offset: 9,
            ld: ldc,
          });
          const bb = fill(ldb * (transB ? n : k) + 4, 2);
          let err = 0;
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let p = 0; p < k; p++) {
                const aip = transA ? a[7 + p * lda + i]! : a[7 + i * lda + p]!;
                const bpj = transB ? bb[4 + j * ldb + p]! : bb[4 + p * ldb + j]!;
                s += aip * bpj;
              }
              const want = alpha * s + beta * c0[9 + i * ldc + j]!;
              err = Math.max(err, Math.abs(c[9 + i * ldc + j]! - want));
              c0[9 + i * ldc + j] = c[9 + i * ldc + j]!;
            }
          expect(err, `${m}×${n}×${k} ${transA} ${transB}`).toBeLessThan(1e-13);
          expect(Array.from(c)).toEqual(Array.from(c0));
        }
      }
    }
  });

  it('gives gemm’s result bit for bit on blocked sizes and overwrites NaN in C when beta = 0', () => {
    setKernelBackend(backend);
    const [m, n, k] = [30, 50, 40];
    const a = fill(m * k, 5);
    const b = fill(n * k, 6);
    const want = new Float64Array(m * n);
    gemm(false, true, m, n, k, 0.5, { data: a, offset: 0, ld: k }, { data: b, offset: 0, ld: k }, 0, {
      data: want,
      offset: 0,
      ld: n,
    });
    const c = new Float64Array(m * n).fill(Number.NaN);
    const Bp = packGemmOperand(true, k, n, { data: b, offset: 0, ld: k });
    gemmPacked(false, m, 0.5, { data: a, offset: 0, ld: k }, Bp, 0, { data: c, offset: 0, ld: n });
    expect(Array.from(c)).toEqual(Array.from(want));
  });

  it('stays correct when the SIMD memory grows between products (the resident copy moves)', () => {
    setKernelBackend(backend);
    const [m, n, k] = [5, 300, 64];
    const a = fill(m * k, 7);
    const b = fill(n * k, 8);
    const Bp = packGemmOperand(true, k, n, { data: b, offset: 0, ld: k });
    const want = new Float64Array(m * n);
    gemm(false, true, m, n, k, 1, { data: a, offset: 0, ld: k }, { data: b, offset: 0, ld: k }, 0, {
      data: want,
      offset: 0,
      ld: n,
    });
    const c = new Float64Array(m * n);
    gemmPacked(false, m, 1, { data: a, offset: 0, ld: k }, Bp, 0, { data: c, offset: 0, ld: n });
    expect(Array.from(c)).toEqual(Array.from(want));
    // A large product in between grows the scratch memory past the resident block.
    const bytes = simdKernels()?.memory.buffer.byteLength ?? 0;
    const big = 700;
    const x = fill(big * big, 9);
    const y = new Float64Array(big * big);
    gemm(
      false,
      false,
      big,
      big,
      big,
      1,
      { data: x, offset: 0, ld: big },
      { data: x, offset: 0, ld: big },
      0,
      {
        data: y,
        offset: 0,
        ld: big,
      },
    );
    if (backend === 'wasm') expect(simdKernels()!.memory.buffer.byteLength).toBeGreaterThan(bytes);
    c.fill(0);
    gemmPacked(false, m, 1, { data: a, offset: 0, ld: k }, Bp, 0, { data: c, offset: 0, ld: n });
    expect(Array.from(c)).toEqual(Array.from(want));
  });

  it('rejects a B too short for its shape with a typed error naming it', () => {
    expect(() => packGemmOperand(false, 4, 5, { data: new Float64Array(19), offset: 0, ld: 5 })).toThrow(
      /B\.data\.length/,
    );
    expect(() => packGemmOperand(false, -1, 5, { data: new Float64Array(19), offset: 0, ld: 5 })).toThrow(
      /\bk\b/,
    );
  });
});
