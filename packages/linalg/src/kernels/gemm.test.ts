import { afterAll, describe, expect, it } from 'vitest';
import { gemm } from './gemm.js';
import { setKernelBackend, simdAvailable } from './simd-runtime.js';

function fill(len: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: len }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

const backends = simdAvailable() ? (['wasm', 'js'] as const) : (['js'] as const);

describe.each(backends)('gemm on strided views (%s backend)', (backend) => {
  afterAll(() => setKernelBackend('auto'));

  it('computes alpha·op(A)·op(B) + beta·C inside larger arrays, leaving the rest untouched', () => {
    setKernelBackend(backend);
    for (const [m, n, k] of [
      [3, 5, 2],
      [37, 41, 43],
      [70, 9, 300],
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
          gemm(
            transA,
            transB,
            m,
            n,
            k,
            alpha,
            { data: a, offset: 7, ld: lda },
            { data: b, offset: 4, ld: ldb },
            beta,
            {
              data: c,
              offset: 9,
              ld: ldc,
            },
          );
          let err = 0;
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              let s = 0;
              for (let p = 0; p < k; p++) {
                const aip = transA ? a[7 + p * lda + i]! : a[7 + i * lda + p]!;
                const bpj = transB ? b[4 + j * ldb + p]! : b[4 + p * ldb + j]!;
                s += aip * bpj;
              }
              const want = alpha * s + beta * c0[9 + i * ldc + j]!;
              err = Math.max(err, Math.abs(c[9 + i * ldc + j]! - want));
              c0[9 + i * ldc + j] = c[9 + i * ldc + j]!; // mark as checked
            }
          }
          expect(err).toBeLessThan(1e-13);
          expect(Array.from(c)).toEqual(Array.from(c0)); // padding between rows untouched
        }
      }
    }
  });

  it('overwrites NaN garbage in C when beta = 0', () => {
    setKernelBackend(backend);
    const c = new Float64Array(40 * 40).fill(Number.NaN);
    const a = fill(40 * 40, 5);
    gemm(false, false, 40, 40, 40, 1, { data: a, offset: 0, ld: 40 }, { data: a, offset: 0, ld: 40 }, 0, {
      data: c,
      offset: 0,
      ld: 40,
    });
    expect(c.every(Number.isFinite)).toBe(true);
  });
});
