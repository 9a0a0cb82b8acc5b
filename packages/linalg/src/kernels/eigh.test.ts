import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, NonFiniteError } from '../core/errors.js';
import { eigh } from './eigh.js';
import { matmul } from './matmul.js';
import { matmulTransA } from './matmul-trans-a.js';
import { setKernelBackend, simdAvailable } from './simd-runtime.js';

const worst = { residual: 0, orthogonality: 0 };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function randomSymmetric(n: number, seed: number): DenseMatrix {
  const next = rng(seed);
  const a = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a.data[i * n + j] = a.data[j * n + i] = next();
  return a;
}

/** Q diag(λ) Qᵀ with a random orthogonal Q (product of Householder reflectors). */
function withSpectrum(lambda: number[], seed: number): DenseMatrix {
  const n = lambda.length;
  const next = rng(seed);
  let q = DenseMatrix.identity(n);
  for (let r = 0; r < 3; r++) {
    const v = Float64Array.from({ length: n }, next);
    const vv = v.reduce((s, x) => s + x * x, 0);
    const h = DenseMatrix.fromFunction(n, n, (i, j) => (i === j ? 1 : 0) - (2 * v[i]! * v[j]!) / vv);
    q = matmul(q, h);
  }
  const qd = DenseMatrix.fromFunction(n, n, (i, j) => q.get(i, j) * lambda[j]!);
  const a = matmul(qd, q.transpose());
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]!;
  return a;
}

/** Checks ‖AV − VΛ‖_F/‖A‖_F, ‖VᵀV − I‖_max and ascending order; returns the result. */
function check(a: DenseMatrix, tol = 1e-12): ReturnType<typeof eigh> {
  const n = a.rows;
  const res = eigh(a);
  const { values, vectors } = res;
  expect(values.length).toBe(n);
  expect(vectors.rows).toBe(n);
  expect(vectors.cols).toBe(n);
  for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
  let amax = 0;
  for (const x of a.data) amax = Math.max(amax, Math.abs(x));
  // residual in units of max|a| (exact power-of-two steps: no overflow at 1e±300)
  const ex = amax === 0 ? 0 : -Math.floor(Math.log2(amax));
  const sc = (x: number): number => x * 2 ** Math.trunc(ex / 2) * 2 ** (ex - Math.trunc(ex / 2));
  const as = new DenseMatrix(n, n, a.data.map(sc));
  const av = matmul(as, vectors);
  let r = 0;
  let na = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      r += (av.data[i * n + k]! - vectors.data[i * n + k]! * sc(values[k]!)) ** 2;
      na += as.data[i * n + k]! ** 2;
    }
  }
  const residual = na === 0 ? Math.sqrt(r) : Math.sqrt(r / na);
  const vtv = matmulTransA(vectors, vectors);
  let orth = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) orth = Math.max(orth, Math.abs(vtv.get(i, k) - (i === k ? 1 : 0)));
  worst.residual = Math.max(worst.residual, residual);
  worst.orthogonality = Math.max(worst.orthogonality, orth);
  expect(residual).toBeLessThan(tol);
  expect(orth).toBeLessThan(tol);
  const valuesOnly = eigh(a, { vectors: false });
  expect(valuesOnly.vectors.rows).toBe(0);
  const scale = Math.max(Math.abs(values[0] ?? 0), Math.abs(values[n - 1] ?? 0));
  for (let k = 0; k < n; k++)
    expect(Math.abs(valuesOnly.values[k]! - values[k]!)).toBeLessThanOrEqual(1e-12 * scale);
  return res;
}

function wilkinson(m: number): DenseMatrix {
  const n = 2 * m + 1;
  return DenseMatrix.fromFunction(n, n, (i, j) =>
    i === j ? Math.abs(m - i) : Math.abs(i - j) === 1 ? 1 : 0,
  );
}

const backends = simdAvailable() ? (['wasm', 'js'] as const) : (['js'] as const);

describe.each(backends)('eigh (%s backend)', (backend) => {
  afterAll(() => {
    setKernelBackend('auto');
    console.log(
      `eigh ${backend}: worst residual ${worst.residual.toExponential(2)}, worst ‖VᵀV − I‖ ${worst.orthogonality.toExponential(2)}`,
    );
  });

  it('decomposes random symmetric matrices of small and odd sizes (property)', () => {
    setKernelBackend(backend);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer(), (n, seed) => {
        check(randomSymmetric(n, seed));
      }),
      { numRuns: 40 },
    );
  });

  it('stays accurate on adversarial entries: mixed scales from 1e-300 to 1e300, subnormals, sparsity (property)', () => {
    setKernelBackend(backend);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 45 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(
              // below 1e-300 eigenvalues are subnormal and cannot carry relative precision: flush to 0
              fc.double({ min: -1e300, max: 1e300, noNaN: true }).map((x) => (Math.abs(x) < 1e-300 ? 0 : x)),
              { minLength: n * n, maxLength: n * n },
            ),
          ),
        ),
        ([n, xs]) => {
          const a = new DenseMatrix(n, n, Float64Array.from(xs));
          for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]!;
          check(a);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('decomposes random symmetric matrices across block boundaries (n = 63, 64, 65, 129, 257)', () => {
    setKernelBackend(backend);
    for (const n of [63, 64, 65, 129, 257]) check(randomSymmetric(n, n));
  });

  it('handles identity, zero, diagonal and 0×0 matrices exactly', () => {
    setKernelBackend(backend);
    const id = check(DenseMatrix.identity(70));
    expect(Array.from(id.values)).toEqual(new Array(70).fill(1));
    const zero = check(DenseMatrix.zeros(45, 45));
    expect(Array.from(zero.values)).toEqual(new Array(45).fill(0));
    const diag = [5, -3, 0, 2, 2, 1e-3, -7, 4];
    const d = check(DenseMatrix.diagonal(diag));
    expect(Array.from(d.values)).toEqual([...diag].sort((x, y) => x - y));
    const empty = eigh(new DenseMatrix(0, 0));
    expect(empty.values.length).toBe(0);
    expect(empty.vectors.rows).toBe(0);
  });

  it('resolves the Wilkinson matrices W21 and W101 (nearly equal eigenvalue pairs)', () => {
    setKernelBackend(backend);
    const w21 = check(wilkinson(10));
    // largest pair of W21⁺ agrees to about 1e-14 (Wilkinson 1965): 10.746194182903393, …
    expect(w21.values[20]!).toBeCloseTo(10.746194182903393, 12);
    expect(w21.values[19]!).toBeCloseTo(10.746194182903322, 12);
    check(wilkinson(50));
  });

  it('handles clustered and repeated eigenvalues, rank deficiency and cond 1e12', () => {
    setKernelBackend(backend);
    const n = 120;
    const clustered = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 1 + 1e-13 * i));
    const c = check(withSpectrum(clustered, 1));
    for (let k = 0; k < n; k++)
      expect(Math.abs(c.values[k]! - [...clustered].sort()[k]!)).toBeLessThan(1e-13);
    check(
      withSpectrum(
        Array.from({ length: n }, (_, i) => (i < 40 ? 0 : i < 80 ? 2 : -1)),
        2,
      ),
    );
    const rankDef = check(
      withSpectrum(
        Array.from({ length: n }, (_, i) => (i < 100 ? 0 : i - 99)),
        3,
      ),
    );
    expect(Math.abs(rankDef.values[50]!)).toBeLessThan(1e-13);
    const illSpectrum = Array.from({ length: n }, (_, i) => 10 ** (-12 * (i / (n - 1))));
    const ill = check(withSpectrum(illSpectrum, 4));
    expect(ill.values[n - 1]!).toBeCloseTo(1, 13);
  });

  it('is scale invariant for matrices scaled by 1e±150 (no overflow or underflow)', () => {
    setKernelBackend(backend);
    const base = randomSymmetric(90, 9);
    const ref = eigh(base).values;
    for (const s of [1e150, 1e-150, 1e300, 1e-300]) {
      const a = new DenseMatrix(
        90,
        90,
        base.data.map((x) => x * s),
      );
      const { values } = check(a);
      for (let k = 0; k < 90; k++) expect(Math.abs(values[k]! / s - ref[k]!)).toBeLessThan(1e-13);
    }
  });

  it('matches the closed form of the tridiagonal Toeplitz (2, −1) matrix', () => {
    setKernelBackend(backend);
    for (const n of [1, 2, 3, 50, 151]) {
      const a = DenseMatrix.fromFunction(n, n, (i, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0));
      const { values } = check(a);
      for (let k = 1; k <= n; k++) {
        expect(Math.abs(values[k - 1]! - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThan(1e-13);
      }
    }
  });
});

describe('eigh inputs', () => {
  it('reads only the lower triangle and accepts nested arrays and ml-matrix matrices', () => {
    const { values, vectors } = eigh([
      [2, 999],
      [1, 2],
    ]);
    expect(values[0]!).toBeCloseTo(1, 14);
    expect(values[1]!).toBeCloseTo(3, 14);
    expect(Math.abs(vectors.get(0, 1))).toBeCloseTo(Math.SQRT1_2, 14);
    const ml = eigh(new Matrix([[4]]));
    expect(Array.from(ml.values)).toEqual([4]);
    expect(ml.vectors.toArray()).toEqual([[1]]);
  });

  it('rejects non-square and non-finite input with typed errors', () => {
    expect(() => eigh([[1, 2]])).toThrow(DimensionMismatchError);
    expect(() => eigh([[Number.NaN]])).toThrow(NonFiniteError);
    expect(() =>
      eigh([
        [1, 0],
        [Number.POSITIVE_INFINITY, 1],
      ]),
    ).toThrow(NonFiniteError);
  });
});
