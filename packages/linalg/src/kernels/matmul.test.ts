import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, NonFiniteError } from '../core/errors.js';
import { gram } from './gram.js';
import { matmul } from './matmul.js';
import { matmulTransA } from './matmul-trans-a.js';
import { matmulTransB } from './matmul-trans-b.js';
import { setKernelBackend, simdAvailable } from './simd-runtime.js';

function random(rows: number, cols: number, seed: number): DenseMatrix {
  let s = seed >>> 0;
  return DenseMatrix.fromFunction(rows, cols, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

function naive(a: DenseMatrix, b: DenseMatrix): DenseMatrix {
  return DenseMatrix.fromFunction(a.rows, b.cols, (i, j) => {
    let s = 0;
    for (let p = 0; p < a.cols; p++) s += a.get(i, p) * b.get(p, j);
    return s;
  });
}

function expectClose(actual: DenseMatrix, expected: DenseMatrix, k: number): void {
  expect(actual.rows).toBe(expected.rows);
  expect(actual.cols).toBe(expected.cols);
  let err = 0;
  for (let i = 0; i < actual.data.length; i++)
    err = Math.max(err, Math.abs(actual.data[i]! - expected.data[i]!));
  expect(err).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(k, 1));
}

const backends = simdAvailable() ? (['wasm', 'js'] as const) : (['js'] as const);

describe.each(backends)('matrix products (%s backend)', (backend) => {
  setKernelBackend(backend);
  afterAll(() => setKernelBackend('auto'));
  const dims = fc.integer({ min: 0, max: 70 });

  it('matmul matches a naive triple loop on random shapes (0-size, 1×n, non-multiples of 4)', () => {
    setKernelBackend(backend);
    fc.assert(
      fc.property(dims, dims, dims, fc.integer(), (m, k, n, seed) => {
        const a = random(m, k, seed);
        const b = random(k, n, seed + 1);
        expectClose(matmul(a, b), naive(a, b), k);
      }),
      { numRuns: 60 },
    );
    for (const [m, k, n] of [
      [1, 300, 1],
      [1, 1, 300],
      [300, 1, 1],
      [67, 261, 133],
      [130, 520, 37],
      [5, 600, 2100],
    ] as const) {
      const a = random(m, k, m + k);
      const b = random(k, n, k + n);
      expectClose(matmul(a, b), naive(a, b), k);
    }
  });

  it('matmulTransA and matmulTransB match products with explicit transposes', () => {
    setKernelBackend(backend);
    for (const [m, k, n] of [
      [0, 3, 4],
      [3, 0, 4],
      [1, 7, 1],
      [33, 65, 17],
      [101, 259, 70],
    ] as const) {
      const at = random(k, m, 3 * m + k);
      const b = random(k, n, 5 * n + 1);
      expectClose(matmulTransA(at, b), naive(at.transpose(), b), k);
      const a = random(m, k, 7 * m + 2);
      const bt = random(n, k, 11 * n + 3);
      expectClose(matmulTransB(a, bt), naive(a, bt.transpose()), k);
    }
  });

  it('gram computes AᵀA and AAᵀ exactly symmetric', () => {
    setKernelBackend(backend);
    for (const [m, n] of [
      [0, 0],
      [4, 0],
      [1, 5],
      [50, 3],
      [90, 260],
      [300, 131],
    ] as const) {
      const a = random(m, n, m * 31 + n);
      const g = gram(a);
      expectClose(g, naive(a.transpose(), a), m);
      expect(g.isSymmetric()).toBe(true);
      const h = gram(a, { rows: true });
      expectClose(h, naive(a, a.transpose()), n);
      expect(h.isSymmetric()).toBe(true);
    }
  });
});

describe('matrix product inputs', () => {
  it('accepts nested arrays and ml-matrix matrices', () => {
    expect(
      matmul(
        [
          [1, 2],
          [3, 4],
        ],
        [[5], [6]],
      ).toArray(),
    ).toEqual([[17], [39]]);
    const m = new Matrix([
      [1, 2],
      [3, 4],
    ]);
    expect(matmulTransA(m, [[1], [1]]).toArray()).toEqual([[4], [6]]);
    expect(matmulTransB([[1, 2]], m).toArray()).toEqual([[5, 11]]);
    expect(gram(m).toArray()).toEqual([
      [10, 14],
      [14, 20],
    ]);
  });

  it('rejects mismatched shapes and non-finite entries with typed errors', () => {
    expect(() => matmul([[1, 2]], [[1, 2]])).toThrow(DimensionMismatchError);
    expect(() => matmulTransA([[1, 2]], [[1], [2]])).toThrow(DimensionMismatchError);
    expect(() => matmulTransB([[1, 2]], [[1]])).toThrow(DimensionMismatchError);
    expect(() => matmul([[Number.NaN]], [[1]])).toThrow(NonFiniteError);
    expect(() => gram([[Number.POSITIVE_INFINITY]])).toThrow(NonFiniteError);
  });
});
