import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import { hutchinsonTrace, hutchPlusPlus } from './hutchinson.js';
import { denseOperator } from './operators.js';

/** Symmetric PSD matrix with eigenvalues decaying like 1/i² (a low-rank-ish spectrum). */
function decaying(n: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
  const Q = eigh(DenseMatrix.fromFunction(n, n, (i, j) => G.get(i, j) + G.get(j, i))).vectors;
  const QD = DenseMatrix.fromFunction(n, n, (i, j) => Q.get(i, j) * (100 / (j + 1) ** 2));
  return matmul(QD, Q.transpose());
}

const trace = (A: DenseMatrix): number => A.diag().reduce((a, b) => a + b, 0);

describe('trace estimators', () => {
  it('Hutchinson is unbiased: mean within a few SE of the exact trace, both distributions', () => {
    const rng = createRng(1);
    const A = DenseMatrix.fromFunction(40, 40, () => rng.normal());
    const exact = trace(A);
    for (const distribution of ['rademacher', 'gaussian'] as const) {
      const est = hutchinsonTrace(A, { samples: 2000, seed: 7, distribution });
      expect(Math.abs(est.estimate - exact)).toBeLessThan(4 * est.standardError);
      expect(est.samples).toBe(2000);
    }
  });

  it('the pooled mean of many independent runs is within 4 pooled SE', () => {
    const A = decaying(30, 2);
    const exact = trace(A);
    const rng = createRng(3);
    const ests = Array.from({ length: 200 }, () => hutchinsonTrace(A, { samples: 10, rng }).estimate);
    const mean = ests.reduce((a, b) => a + b, 0) / ests.length;
    const sd = Math.sqrt(ests.reduce((a, b) => a + (b - mean) ** 2, 0) / (ests.length - 1));
    expect(Math.abs(mean - exact)).toBeLessThan((4 * sd) / Math.sqrt(ests.length));
  });

  it('the standard error shrinks like 1/√samples', () => {
    const A = denseOperator(decaying(50, 4));
    const se25 = hutchinsonTrace(A, { samples: 25, seed: 1 }).standardError;
    const se400 = hutchinsonTrace(A, { samples: 400, seed: 1 }).standardError;
    expect(se400).toBeLessThan(se25 / 2);
  });

  it('Hutch++ beats Hutchinson on a decaying spectrum at equal budget', () => {
    const A = decaying(60, 5);
    const exact = trace(A);
    let errH = 0;
    let errPP = 0;
    for (let seed = 0; seed < 10; seed++) {
      errH += Math.abs(hutchinsonTrace(A, { samples: 30, seed }).estimate - exact);
      errPP += Math.abs(hutchPlusPlus(A, { samples: 30, seed }).estimate - exact);
    }
    expect(errPP).toBeLessThan(errH / 3);
    // With a budget of 3n the range sketch is the whole space: exact.
    expect(Math.abs(hutchPlusPlus(A, { samples: 180 }).estimate - exact)).toBeLessThan(
      1e-9 * Math.abs(exact),
    );
  });

  it('validates arguments with typed errors', () => {
    const A = DenseMatrix.identity(3);
    expect(() => hutchinsonTrace(A, { samples: 0 })).toThrow(InvalidArgumentError);
    expect(() => hutchinsonTrace(A, { samples: 0 })).toThrow(/samples/);
    expect(() => hutchinsonTrace(A, { distribution: 'x' as 'gaussian' })).toThrow(/distribution/);
    expect(() => hutchPlusPlus(A, { samples: 2 })).toThrow(/samples/);
    expect(() => hutchinsonTrace(DenseMatrix.zeros(2, 3))).toThrow(/A\.shape/);
    expect(hutchinsonTrace(A, { samples: 5 }).estimate).toBe(3);
  });
});
