import { createRng, DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { helix } from '../generators/helix.js';
import { sCurve } from '../generators/s-curve.js';
import { sphere } from '../generators/sphere.js';
import { swissRoll } from '../generators/swiss-roll.js';
import { exactKnn } from '../knn/exact-knn.js';
import { localPcaDimension } from './local-pca-dimension.js';
import { mleDimension } from './mle-dimension.js';
import { twoNnDimension } from './two-nn-dimension.js';

const n = 2500;
const cases = [
  { name: 'swiss roll', data: swissRoll({ n, seed: 1 }).points, truth: 2 },
  { name: 'S-curve', data: sCurve({ n, seed: 2 }).points, truth: 2 },
  { name: 'sphere', data: sphere({ n, seed: 3 }).points, truth: 2 },
  { name: 'helix', data: helix({ n, seed: 4 }).points, truth: 1 },
];

describe('intrinsic dimension at n = 2500 (acceptance: within ±0.2 of the truth)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const knn = exactKnn(c.data, { k: 20 });
      const mle = mleDimension(c.data, { knn });
      const twoNn = twoNnDimension(c.data, { knn });
      const lpca = localPcaDimension(c.data, { knn });
      expect(Math.abs(mle.dimension - c.truth)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(twoNn.dimension - c.truth)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(lpca.dimension - c.truth)).toBeLessThanOrEqual(0.2);
      expect(mle.local.length).toBe(n);
      console.log(
        `${c.name}: MLE ${mle.dimension.toFixed(3)}, TwoNN ${twoNn.dimension.toFixed(3)}, local PCA ${lpca.dimension.toFixed(3)}`,
      );
    });
  }
});

describe('estimators on uniform cubes (closed-form truth) and bad input', () => {
  it('MLE matches a hand computation on a tiny example', () => {
    // points on a line at 0, 1, 3, 7 with k = 2: the inverse estimates are log(T2/T1) = log 3, log 2, log 3/2, log 6/4
    const X = [[0], [1], [3], [7]];
    const r = mleDimension(X, { kMin: 2, kMax: 2 });
    const inv = [Math.log(3 / 1), Math.log(2 / 1), Math.log(3 / 2), Math.log(6 / 4)];
    const expected = 1 / (inv.reduce((a, b) => a + b, 0) / 4);
    expect(r.dimension).toBeCloseTo(expected, 12);
    expect(r.local[0]).toBeCloseTo(1 / Math.log(3), 12);
  });

  it('recovers the dimension of a uniform 5-cube (biased low by edge effects, as Levina & Bickel report)', () => {
    const rng = createRng(7);
    const X = new DenseMatrix(2000, 5);
    rng.fillUniform(X.data);
    const knn = exactKnn(X, { k: 20 });
    const mle = mleDimension(X, { knn }).dimension;
    const twoNn = twoNnDimension(X, { knn }).dimension;
    expect(mle).toBeGreaterThan(4.3);
    expect(mle).toBeLessThan(5.5);
    expect(twoNn).toBeGreaterThan(4.3);
    expect(twoNn).toBeLessThan(5.5);
  });

  it('local PCA counts one direction on a line and three in a solid cube', () => {
    const line = Array.from({ length: 50 }, (_, i) => [i, 2 * i, -i]);
    expect(localPcaDimension(line, { k: 5 }).dimension).toBe(1);
    const rng = createRng(8);
    const cube = new DenseMatrix(400, 3);
    rng.fillUniform(cube.data);
    expect(localPcaDimension(cube, { k: 20 }).dimension).toBeCloseTo(3, 0);
  });

  it('rejects duplicates (MLE), too few points and bad options', () => {
    const dup = [
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 2],
    ];
    expect(() => mleDimension(dup, { kMin: 2, kMax: 3 })).toThrow(InvalidArgumentError);
    expect(() => mleDimension([[0], [1]], { kMin: 2, kMax: 3 })).toThrow(InvalidArgumentError);
    expect(() => twoNnDimension([[0], [1], [2]], { discardFraction: 1 })).toThrow(InvalidArgumentError);
    expect(() => localPcaDimension([[0], [1], [2]], { alpha: 0 })).toThrow(InvalidArgumentError);
  });
});
