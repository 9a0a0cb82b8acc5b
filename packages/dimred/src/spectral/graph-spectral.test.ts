import { createRng, DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { swissRoll } from '../generators/swiss-roll.js';
import { twoMoons } from '../generators/two-moons.js';
import { exactKnn } from '../knn/exact-knn.js';
import { knnAdjacency } from '../knn/knn-adjacency.js';
import { diffusionMaps } from './diffusion-maps.js';
import { laplacianEigenmaps, laplacianEigenmapsEmbedder } from './laplacian-eigenmaps.js';
import { denseEigenvectors, subspaceDistance } from './test-utils/dense-reference.js';

const X = swissRoll({ n: 160, seed: 8 }).points;

function denseNormalisedLaplacian(W: DenseMatrix): { L: DenseMatrix; deg: Float64Array } {
  const n = W.rows;
  const deg = Float64Array.from({ length: n }, (_, i) => W.row(i).reduce((s, v) => s + v, 0));
  const L = DenseMatrix.fromFunction(
    n,
    n,
    (i, j) => (i === j ? 1 : 0) - W.get(i, j) / Math.sqrt(deg[i]! * deg[j]!),
  );
  return { L, deg };
}

describe('Laplacian eigenmaps and diffusion maps', () => {
  it('Laplacian eigenmaps equal the dense generalized eigenvectors D^{-1/2}u', () => {
    const r = laplacianEigenmaps(X, { nNeighbors: 8 });
    const W = knnAdjacency(exactKnn(X, { k: 8 }), { weight: 'connectivity', symmetrize: 'mean' }).toDense();
    const { L, deg } = denseNormalisedLaplacian(W);
    const ref = denseEigenvectors(L, 1, 2);
    const scaled = DenseMatrix.fromFunction(160, 2, (i, c) => ref.vectors.get(i, c) / Math.sqrt(deg[i]!));
    expect(subspaceDistance(r.embedding, scaled)).toBeLessThan(1e-6);
    const ev = r.info['eigenvalues'] as number[];
    for (let c = 0; c < 2; c++) expect(ev[c]).toBeCloseTo(ref.values[c]!, 9);
  });
  it('diffusion maps with α = 0 use the Markov eigenvectors, scaled by λᵗ', () => {
    const r = diffusionMaps(X, { nNeighbors: 8, alpha: 0, epsilon: 4, time: 2 });
    const g = exactKnn(X, { k: 8 });
    const W = knnAdjacency(g, { weight: (d) => Math.exp(-(d * d) / 4), symmetrize: 'mean' }).toDense();
    const { L, deg } = denseNormalisedLaplacian(W);
    const ref = denseEigenvectors(L, 1, 2);
    const psi = DenseMatrix.fromFunction(160, 2, (i, c) => ref.vectors.get(i, c) / Math.sqrt(deg[i]!));
    expect(subspaceDistance(r.embedding, psi)).toBeLessThan(1e-6);
    const lam = r.info['eigenvalues'] as number[];
    for (let c = 0; c < 2; c++) expect(lam[c]).toBeCloseTo(1 - ref.values[c]!, 9);
  });
  it('two moons: the first Laplacian coordinate separates the moons; transform is finite and close', () => {
    const m = twoMoons({ n: 200, seed: 1, noise: 0.03 });
    const r = fitTransform(laplacianEigenmapsEmbedder, m.points, { nNeighbors: 8, seed: 1 });
    const y = r.embedding;
    const signOf = (i: number) => Math.sign(y.get(i, 0));
    let agree = 0;
    for (let i = 0; i < 200; i++)
      agree +=
        signOf(i) === signOf(0)
          ? m.labels![i] === m.labels![0]
            ? 1
            : 0
          : m.labels![i] !== m.labels![0]
            ? 1
            : 0;
    expect(agree / 200).toBeGreaterThan(0.95);
    const t = r.transform!(m.points);
    expect(t.data.every(Number.isFinite)).toBe(true);
  });
  it('bridges disconnected graphs and never returns NaN', () => {
    const rng = createRng(4);
    const blobs = DenseMatrix.fromFunction(
      90,
      2,
      (i, j) => rng.normal() * 0.1 + (j === 0 ? 20 * Math.floor(i / 30) : 0),
    );
    const le = laplacianEigenmaps(blobs, { nNeighbors: 5 });
    expect(le.info['components']).toBe(3);
    expect(le.embedding.data.every(Number.isFinite)).toBe(true);
    const dm = diffusionMaps(blobs, { nNeighbors: 5 });
    expect(dm.embedding.data.every(Number.isFinite)).toBe(true);
  });
});

describe('Nyström extensions', () => {
  it('re-embedding the training points reproduces the coordinates (correlation > 0.99)', () => {
    const data = swissRoll({ n: 400, seed: 3 }).points;
    for (const r of [laplacianEigenmaps(data, { nNeighbors: 10 }), diffusionMaps(data, { nNeighbors: 10 })]) {
      const back = r.transform!(data);
      for (let c = 0; c < 2; c++) {
        const a = Float64Array.from({ length: 400 }, (_, i) => r.embedding.get(i, c));
        const b = Float64Array.from({ length: 400 }, (_, i) => back.get(i, c));
        let ab = 0;
        let aa = 0;
        let bb = 0;
        for (let i = 0; i < 400; i++) {
          ab += a[i]! * b[i]!;
          aa += a[i]! ** 2;
          bb += b[i]! ** 2;
        }
        expect(ab / Math.sqrt(aa * bb)).toBeGreaterThan(0.99);
        expect(Math.abs(Math.sqrt(bb / aa) - 1)).toBeLessThan(0.05);
      }
    }
  });
});
