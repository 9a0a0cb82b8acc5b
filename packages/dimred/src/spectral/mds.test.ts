import { createRng, DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { swissRoll } from '../generators/swiss-roll.js';
import { classicalMds } from './classical-mds.js';
import { landmarkMds } from './landmark-mds.js';
import { pca } from './pca.js';

const rng = createRng(9);
const P = DenseMatrix.fromFunction(80, 2, () => rng.normal());
const dist = (M: DenseMatrix, i: number, j: number) => Math.hypot(...M.row(i).map((x, c) => x - M.get(j, c)));

describe('classical and landmark MDS', () => {
  it('recovers planar points up to an isometry, from points and from distances', () => {
    const Dm = DenseMatrix.fromFunction(80, 80, (i, j) => dist(P, i, j));
    for (const r of [classicalMds(P), classicalMds(Dm, { precomputed: true })]) {
      for (let i = 0; i < 80; i += 7)
        for (let j = 0; j < 80; j += 5) expect(dist(r.embedding, i, j)).toBeCloseTo(dist(P, i, j), 9);
    }
  });
  it('equals PCA scores up to sign on euclidean data; transform is the Nyström extension', () => {
    const X = swissRoll({ n: 150, seed: 1 }).points;
    const m = classicalMds(X);
    const p = pca(X);
    for (let i = 0; i < 150; i++)
      for (let c = 0; c < 2; c++)
        expect(Math.abs(m.embedding.get(i, c))).toBeCloseTo(Math.abs(p.embedding.get(i, c)), 8);
    const back = m.transform!(X);
    for (let t = 0; t < back.data.length; t++) expect(back.data[t]).toBeCloseTo(m.embedding.data[t]!, 8);
  });
  it('landmark MDS is exact on rank-d data and places new points', () => {
    const r = landmarkMds(P, { landmarks: 10, seed: 2 });
    for (let i = 0; i < 80; i += 3)
      for (let j = 0; j < 80; j += 11) expect(dist(r.embedding, i, j)).toBeCloseTo(dist(P, i, j), 8);
    const back = r.transform!(P);
    for (let t = 0; t < back.data.length; t++) expect(back.data[t]).toBeCloseTo(r.embedding.data[t]!, 8);
    const mm = landmarkMds(P, { landmarks: 10, selection: 'maxmin', seed: 2 });
    expect(dist(mm.embedding, 0, 1)).toBeCloseTo(dist(P, 0, 1), 8);
  });
  it('rejects asymmetric distances and bad landmark counts', () => {
    const D = DenseMatrix.fromFunction(5, 5, (i, j) => (i === j ? 0 : i + 2 * j));
    expect(() => classicalMds(D, { precomputed: true })).toThrow(InvalidArgumentError);
    expect(() => landmarkMds(P, { landmarks: 2 })).toThrow(InvalidArgumentError);
  });
});
