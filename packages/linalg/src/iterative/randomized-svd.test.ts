import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import { eigh } from '../kernels/eigh.js';
import { matmul } from '../kernels/matmul.js';
import { createRng } from '../random/rng.js';
import { denseOperator } from './operators.js';
import { randomizedSvd } from './randomized-svd.js';

/** Orthonormal n×r matrix from eigh of a random symmetric matrix. */
function orthonormal(n: number, r: number, rng: ReturnType<typeof createRng>): DenseMatrix {
  const G = DenseMatrix.fromFunction(n, n, () => rng.normal());
  const Q = eigh(DenseMatrix.fromFunction(n, n, (i, j) => G.get(i, j) + G.get(j, i))).vectors;
  return DenseMatrix.fromFunction(n, r, (i, j) => Q.get(i, j));
}

/** U diag(s) Vᵀ + noise·G (m×n). */
function lowRankPlusNoise(m: number, n: number, s: number[], noise: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const U = orthonormal(m, s.length, rng);
  const V = orthonormal(n, s.length, rng);
  const US = DenseMatrix.fromFunction(m, s.length, (i, j) => U.get(i, j) * s[j]!);
  const A = matmul(US, V.transpose());
  for (let t = 0; t < A.data.length; t++) A.data[t]! += noise * rng.normal();
  return A;
}

/** Dense reference singular values: sqrt of the eigenvalues of AᵀA (descending). */
const denseSingular = (A: DenseMatrix): number[] =>
  Array.from(eigh(matmul(A.transpose(), A)).values)
    .reverse()
    .map((v) => Math.sqrt(Math.max(v, 0)));

describe('randomizedSvd', () => {
  it('recovers an exactly low-rank matrix to machine precision', () => {
    const A = lowRankPlusNoise(70, 50, [10, 5, 2, 1, 0.5], 0, 1);
    const { U, s, V } = randomizedSvd(A, { rank: 5, seed: 2 });
    const USVt = matmul(
      DenseMatrix.fromFunction(70, 5, (i, j) => U.get(i, j) * s[j]!),
      V.transpose(),
    );
    let err = 0;
    for (let t = 0; t < A.data.length; t++) err = Math.max(err, Math.abs(USVt.data[t]! - A.data[t]!));
    expect(err).toBeLessThan(1e-12);
    [10, 5, 2, 1, 0.5].forEach((v, j) => {
      expect(Math.abs(s[j]! - v)).toBeLessThan(1e-12);
    });
  });

  it('agrees with dense singular values and vectors on low-rank + noise (operator input)', () => {
    const A = lowRankPlusNoise(80, 60, [50, 30, 20, 10, 5], 1e-3, 3);
    const ref = denseSingular(A);
    const { s, V } = randomizedSvd(denseOperator(A), { rank: 5, powerIterations: 3, seed: 4 });
    for (let j = 0; j < 5; j++) expect(Math.abs(s[j]! - ref[j]!) / ref[j]!).toBeLessThan(1e-8);
    const refV = eigh(matmul(A.transpose(), A)).vectors;
    for (let j = 0; j < 5; j++) {
      let c = 0;
      for (let i = 0; i < 60; i++) c += V.get(i, j) * refV.get(i, 59 - j);
      expect(1 - Math.abs(c)).toBeLessThan(1e-8);
    }
  });

  it('validates rank and needs rmv', () => {
    const A = lowRankPlusNoise(6, 4, [1], 0, 5);
    expect(() => randomizedSvd(A, { rank: 5 })).toThrow(InvalidArgumentError);
    expect(() => randomizedSvd(A, { rank: 0 })).toThrow(/rank/);
    expect(() => randomizedSvd(A, { rank: 1, oversampling: -1 })).toThrow(/oversampling/);
    const noRmv = { shape: [6, 4] as const, mv: (x: Float64Array) => denseOperator(A).mv(x) };
    expect(() => randomizedSvd(noRmv, { rank: 1 })).toThrow(/rmv/);
  });
});
