import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import {
  DimensionMismatchError,
  InvalidArgumentError,
  NonFiniteError,
  SingularMatrixError,
} from '../core/errors.js';
import { frobeniusNorm, sub } from './matrix-ops.js';
import { mul, randn, randomOrthogonal, relErr, rng, track, worst } from './test-utils/helpers.js';
import { fitWhitening } from './whitening.js';

afterAll(() => console.log('whitening worst errors', worst));

/** Correlated, shifted data: n × d. */
function data(seed: number, n: number, d: number): DenseMatrix {
  const r = rng(seed);
  const z = randn(r, n, d);
  const mix = randn(r, d, d);
  const x = mul(z, mix);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x.data[i * d + j]! += 3 * j - 1;
  return x;
}

function covariance(y: DenseMatrix): DenseMatrix {
  const { rows: n, cols: k } = y;
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) mean[j]! += y.get(i, j) / n;
  const c = DenseMatrix.fromFunction(n, k, (i, j) => y.get(i, j) - mean[j]!);
  const cov = mul(c.transpose(), c);
  for (let i = 0; i < cov.data.length; i++) cov.data[i]! /= n - 1;
  return cov;
}

describe('fitWhitening', () => {
  it('PCA and ZCA give identity covariance and invert exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        fc.constantFrom('pca' as const, 'zca' as const),
        (d, seed, method) => {
          const x = data(seed, 40, d);
          const w = fitWhitening(x, { method });
          const y = w.transform(x);
          // eigenvector errors of size ε·‖C‖ become ε·κ(C) after rescaling by Λ^{-1/2}: compare in units of κε
          const kappa = w.explainedVariance[0]! / w.explainedVariance[d - 1]!;
          const err = relErr(covariance(y), DenseMatrix.identity(d)) / (kappa * Number.EPSILON);
          expect(track(`cov(Y) − I ${method} (units of κε)`, err)).toBeLessThan(100);
          expect(track(`inverse ${method}`, relErr(w.inverseTransform(y), x))).toBeLessThan(1e-12);
          expect(relErr(mul(w.W, w.colouring), DenseMatrix.identity(d))).toBeLessThan(1e-12);
          for (let c = 1; c < d; c++)
            expect(w.explainedVariance[c]!).toBeLessThanOrEqual(w.explainedVariance[c - 1]!);
          expect(w.explainedVarianceRatio.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('ZCA: W is symmetric and its output is the whitened data closest to the centred input', () => {
    const d = 4;
    const x = data(5, 60, d);
    const zca = fitWhitening(x, { method: 'zca' });
    expect(zca.W.isSymmetric()).toBe(true);
    expect(zca.colouring.isSymmetric()).toBe(true);
    const xc = DenseMatrix.fromFunction(60, d, (i, j) => x.get(i, j) - zca.mean[j]!);
    const yz = zca.transform(x);
    const best = frobeniusNorm(sub(yz, xc));
    const pca = fitWhitening(x, { method: 'pca' });
    expect(best).toBeLessThan(frobeniusNorm(sub(pca.transform(x), xc)));
    // any other whitening is YR for an orthogonal R
    const r = rng(6);
    for (let t = 0; t < 10; t++) {
      const rot = randomOrthogonal(r, d);
      expect(best).toBeLessThanOrEqual(frobeniusNorm(sub(mul(yz, rot), xc)) * (1 + 1e-12));
    }
  });

  it('PCA with fewer components: d×k transform, identity covariance on the kept axes, orthonormal axes', () => {
    const x = data(8, 50, 5);
    const w = fitWhitening(x, { components: 2 });
    expect([w.W.rows, w.W.cols, w.colouring.rows, w.colouring.cols]).toEqual([5, 2, 2, 5]);
    const y = w.transform(x);
    expect(relErr(covariance(y), DenseMatrix.identity(2))).toBeLessThan(1e-12);
    expect(relErr(mul(w.components.transpose(), w.components), DenseMatrix.identity(2))).toBeLessThan(1e-14);
    expect(w.inverseTransform(y).cols).toBe(5);
  });

  it('closed form: axis-aligned data with variances 4 and 1', () => {
    const x = [
      [2, 0],
      [-2, 0],
      [0, 1],
      [0, -1],
    ];
    const w = fitWhitening(x);
    // sample variances (n − 1 = 3): 8/3 and 2/3
    expect(relErr(w.explainedVariance, [8 / 3, 2 / 3])).toBeLessThan(1e-15);
    expect(
      relErr(
        w.W,
        DenseMatrix.from([
          [Math.sqrt(3 / 8), 0],
          [0, Math.sqrt(3 / 2)],
        ]),
      ),
    ).toBeLessThan(1e-15);
  });

  it('rank-deficient data needs epsilon; typed errors name the argument', () => {
    const x = DenseMatrix.fromFunction(10, 3, (i, j) => (j === 2 ? 0 : Math.sin(i * (j + 1))));
    expect(() => fitWhitening(x)).toThrow(SingularMatrixError);
    expect(() => fitWhitening(x)).toThrow(/Invalid X/);
    const w = fitWhitening(x, { epsilon: 1e-3 });
    expect(Number.isFinite(w.W.data[0]!)).toBe(true);
    expect(() => fitWhitening(x, { components: 2 })).not.toThrow();
    expect(() => fitWhitening(x, { method: 'zca', components: 2 })).toThrow(/options\.components/);
    expect(() => fitWhitening(x, { epsilon: -1 })).toThrow(InvalidArgumentError);
    expect(() => fitWhitening(x, { method: 'pcb' as 'pca' })).toThrow(/options\.method/);
    expect(() => fitWhitening([[1, 2]])).toThrow(/X\.rows/);
    expect(() =>
      fitWhitening([
        [1, Number.NaN],
        [1, 2],
      ]),
    ).toThrow(NonFiniteError);
    expect(() => w.transform([[1, 2]])).toThrow(DimensionMismatchError);
    expect(() => w.inverseTransform([[1, 2]])).toThrow(/Y\.cols/);
  });
});
