import { createRng, DenseMatrix, eigh, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { pca, pcaEmbedder } from './pca.js';
import { subspaceDistance } from './test-utils/dense-reference.js';

const rng = createRng(3);
const X = DenseMatrix.fromFunction(200, 6, (_, j) => rng.normal() * (6 - j) + j);

describe('pca', () => {
  it('scores project onto the top covariance eigenvectors; variances match', () => {
    const r = pca(X, { nComponents: 3 });
    const mean = Array.from({ length: 6 }, (_, c) => X.column(c).reduce((s, v) => s + v, 0) / 200);
    const C = DenseMatrix.fromFunction(6, 6, (a, b) => {
      let s = 0;
      for (let i = 0; i < 200; i++) s += (X.get(i, a) - mean[a]!) * (X.get(i, b) - mean[b]!);
      return s / 199;
    });
    const e = eigh(C);
    const V = DenseMatrix.fromFunction(6, 3, (a, c) => e.vectors.get(a, 5 - c));
    const axes = new DenseMatrix(6, 3, Float64Array.from(r.info['components'] as number[]));
    expect(subspaceDistance(axes, V)).toBeLessThan(1e-10);
    const ev = r.info['explainedVariance'] as number[];
    for (let c = 0; c < 3; c++) expect(ev[c]).toBeCloseTo(e.values[5 - c]!, 9);
    const ratio = r.info['explainedVarianceRatio'] as number[];
    expect(ratio[0]! / ev[0]!).toBeCloseTo(1 / e.values.reduce((s, v) => s + v, 0), 12);
  });
  it('randomized agrees with exact; transform reproduces the scores; whitening gives unit variance', () => {
    const exact = pca(X, { nComponents: 2, solver: 'exact' });
    const rand = pca(X, { nComponents: 2, solver: 'randomized', seed: 1 });
    for (let t = 0; t < exact.embedding.data.length; t++)
      expect(rand.embedding.data[t]).toBeCloseTo(exact.embedding.data[t]!, 6);
    const back = exact.transform!(X);
    for (let t = 0; t < back.data.length; t++) expect(back.data[t]).toBeCloseTo(exact.embedding.data[t]!, 10);
    const w = fitTransform(pcaEmbedder, X, { nComponents: 2, whiten: true }).embedding;
    let v = 0;
    for (let i = 0; i < 200; i++) v += w.get(i, 0) ** 2 / 199;
    expect(v).toBeCloseTo(1, 10);
  });
  it('rejects bad options', () => {
    expect(() => pca(X, { nComponents: 7 })).toThrow(InvalidArgumentError);
    // @ts-expect-error: invalid solver on purpose
    expect(() => pca(X, { solver: 'magic' })).toThrow(InvalidArgumentError);
  });
});
