import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { DimensionMismatchError, NonFiniteError } from '../core/errors.js';
import { eigh } from './eigh.js';
import { eighTridiagonal } from './eigh-tridiagonal.js';
import { matmulTransA } from './matmul-trans-a.js';

/** max over k of ‖T v_k − λ_k v_k‖ / ‖T‖_max and ‖VᵀV − I‖_max, with T applied in O(n) per vector. */
function check(diag: number[], off: number[], tol = 1e-12): Float64Array {
  const n = diag.length;
  const { values, vectors } = eighTridiagonal(diag, off);
  const valuesOnly = eighTridiagonal(diag, off, { vectors: false });
  let tmax = 0;
  for (const x of [...diag, ...off]) tmax = Math.max(tmax, Math.abs(x));
  // scale by 2^ex in two exact steps (2^ex alone overflows for subnormal inputs)
  const ex = tmax === 0 ? 0 : -Math.floor(Math.log2(tmax));
  const sc = (x: number): number => x * 2 ** Math.trunc(ex / 2) * 2 ** (ex - Math.trunc(ex / 2));
  let res = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
    expect(Math.abs(sc(valuesOnly.values[k]!) - sc(values[k]!))).toBeLessThan(1e-12);
    let r = 0;
    for (let i = 0; i < n; i++) {
      const v = (j: number): number => vectors.get(j, k);
      let tv = sc(diag[i]!) * v(i);
      if (i > 0) tv += sc(off[i - 1]!) * v(i - 1);
      if (i < n - 1) tv += sc(off[i]!) * v(i + 1);
      r += (tv - sc(values[k]!) * v(i)) ** 2;
    }
    res = Math.max(res, Math.sqrt(r));
  }
  const vtv = matmulTransA(vectors, vectors);
  let orth = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) orth = Math.max(orth, Math.abs(vtv.get(i, j) - (i === j ? 1 : 0)));
  expect(res).toBeLessThan(tol);
  expect(orth).toBeLessThan(tol);
  return values;
}

// below 1e-300 eigenvalues are subnormal and cannot carry relative precision: flush to 0
const entry = fc.double({ min: -10, max: 10, noNaN: true }).map((x) => (Math.abs(x) < 1e-300 ? 0 : x));

describe('eighTridiagonal', () => {
  it('matches the Toeplitz (2, −1) closed form 2 − 2cos(kπ/(n+1)) for n up to 300', () => {
    for (const n of [1, 2, 3, 31, 32, 33, 64, 97, 300]) {
      const values = check(new Array(n).fill(2), new Array(n - 1).fill(-1));
      for (let k = 1; k <= n; k++) {
        expect(Math.abs(values[k - 1]! - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThan(1e-13);
      }
    }
  });

  it('agrees with the dense solver on random tridiagonal matrices (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 90 })
          .chain((n) =>
            fc.tuple(
              fc.array(entry, { minLength: n, maxLength: n }),
              fc.array(entry, { minLength: n - 1, maxLength: n - 1 }),
            ),
          ),
        ([d, e]) => {
          const values = check(d, e);
          const n = d.length;
          const dense = DenseMatrix.fromFunction(n, n, (i, j) =>
            i === j ? d[i]! : j === i - 1 ? e[j]! : j === i + 1 ? e[i]! : 0,
          );
          const ref = eigh(dense, { vectors: false }).values;
          const scale = Math.max(...d.map(Math.abs), ...e.map(Math.abs));
          for (let k = 0; k < n; k++)
            expect(Math.abs(values[k]! - ref[k]!)).toBeLessThanOrEqual(1e-13 * scale);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('deflates heavily: glued Wilkinson matrices, zero couplings, repeated diagonals', () => {
    // glued W21⁺ blocks (tight clusters of 21 eigenvalues each, Dhillon–Parlett test matrix)
    const d: number[] = [];
    const e: number[] = [];
    for (let b = 0; b < 10; b++) {
      for (let i = 0; i < 21; i++) {
        d.push(Math.abs(10 - i));
        if (i < 20) e.push(1);
      }
      if (b < 9) e.push(1e-10);
    }
    check(d, e);
    check(new Array(150).fill(3), new Array(149).fill(0));
    check(
      Array.from({ length: 200 }, (_, i) => i % 4),
      Array.from({ length: 199 }, (_, i) => (i % 7 === 0 ? 0 : 1e-9 * i)),
    );
    check(
      new Array(100).fill(1),
      Array.from({ length: 99 }, (_, i) => (i % 2 ? 1e-16 : 1)),
    );
  });

  it('is scale invariant at 1e±150 and 1e±300', () => {
    const n = 80;
    const d = Array.from({ length: n }, (_, i) => Math.sin(i));
    const e = Array.from({ length: n - 1 }, (_, i) => Math.cos(3 * i));
    const ref = check(d, e);
    for (const s of [1e150, 1e-150, 1e300, 1e-300]) {
      const values = check(
        d.map((x) => x * s),
        e.map((x) => x * s),
      );
      for (let k = 0; k < n; k++) expect(Math.abs(values[k]! / s - ref[k]!)).toBeLessThan(1e-13);
    }
  });

  it('handles n = 0 and rejects bad lengths and non-finite entries', () => {
    const empty = eighTridiagonal([], []);
    expect(empty.values.length).toBe(0);
    expect(empty.vectors.rows).toBe(0);
    expect(() => eighTridiagonal([1, 2], [])).toThrow(DimensionMismatchError);
    expect(() => eighTridiagonal([1, Number.NaN], [0])).toThrow(NonFiniteError);
    expect(() => eighTridiagonal([1, 2], [Number.NEGATIVE_INFINITY])).toThrow(NonFiniteError);
  });
});
