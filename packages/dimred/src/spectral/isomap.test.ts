import {
  allPairsShortestPaths,
  createRng,
  DenseMatrix,
  InvalidArgumentError,
  NonFiniteError,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { helix } from '../generators/helix.js';
import { swissRoll } from '../generators/swiss-roll.js';
import { exactKnn } from '../knn/exact-knn.js';
import { knnAdjacency } from '../knn/knn-adjacency.js';
import { isomap, isomapEmbedder } from './isomap.js';
import { absCorrelation, column, denseEigenvectors, floydWarshall } from './test-utils/dense-reference.js';

describe('isomap', () => {
  it('all-pairs geodesics equal Floyd–Warshall on a kNN graph', () => {
    const { points } = swissRoll({ n: 80, seed: 2 });
    const A = knnAdjacency(exactKnn(points, { k: 6 }));
    const W = new Float64Array(80 * 80).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 80; i++)
      for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) W[i * 80 + A.colIdx[p]!] = A.values[p]!;
    const ref = floydWarshall(W, 80);
    const G = allPairsShortestPaths(A);
    for (let t = 0; t < 80 * 80; t++) expect(G[t]).toBeCloseTo(ref[t]!, 10);
  });
  it('eigenvalues equal the dense kernel-PCA reference (Floyd–Warshall + eigh)', () => {
    const { points } = swissRoll({ n: 90, seed: 3 });
    const r = isomap(points, { nNeighbors: 7, nComponents: 3 });
    const A = knnAdjacency(exactKnn(points, { k: 7 }));
    const n = 90;
    const W = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++)
      for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) W[i * n + A.colIdx[p]!] = A.values[p]!;
    const G = floydWarshall(W, n);
    const B = new DenseMatrix(n, n);
    const rm = new Float64Array(n);
    let all = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) rm[i]! += G[i * n + j]! ** 2 / n;
    for (let i = 0; i < n; i++) all += rm[i]! / n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) B.data[i * n + j] = -0.5 * (G[i * n + j]! ** 2 - rm[i]! - rm[j]! + all);
    const ref = denseEigenvectors(B, n - 3, 3).values.reverse();
    const got = r.info['eigenvalues'] as number[];
    for (let c = 0; c < 3; c++) expect(got[c]! / ref[c]!).toBeCloseTo(1, 9);
  });
  it('unrolls a helix onto its arc length, exactly and with landmarks; transform reproduces training points', () => {
    const h = helix({ n: 300, seed: 1 });
    const exact = isomap(h.points, { nNeighbors: 6, nComponents: 1 });
    expect(absCorrelation(column(exact.embedding, 0), column(h.coordinates, 0))).toBeGreaterThan(0.999);
    const lm = isomap(h.points, { nNeighbors: 6, nComponents: 1, landmarks: 20 });
    expect(lm.info['landmarks']).toBe(20);
    expect(absCorrelation(column(lm.embedding, 0), column(h.coordinates, 0))).toBeGreaterThan(0.999);
    for (const r of [exact, lm]) {
      const back = r.transform!(h.points);
      for (let t = 0; t < back.data.length; t++) expect(back.data[t]).toBeCloseTo(r.embedding.data[t]!, 8);
    }
  });
  it('is deterministic, reports progress to 1, and runs through the embedder config', () => {
    const { points } = swissRoll({ n: 120, seed: 4 });
    const fractions: number[] = [];
    const a = isomap(points, {
      nNeighbors: 8,
      landmarks: 30,
      seed: 5,
      onProgress: (p) => fractions.push(p.fraction),
    });
    const b = fitTransform(isomapEmbedder, points, { nNeighbors: 8, landmarks: 30, seed: 5 });
    expect(b.embedding.data).toEqual(a.embedding.data);
    expect(fractions.at(-1)).toBe(1);
    const ac = new AbortController();
    ac.abort();
    expect(() => isomap(points, { signal: ac.signal })).toThrow(/abort/i);
  });
  it('bridges disconnected graphs, tolerates duplicates, rejects bad input', () => {
    const rng = createRng(1);
    const two = DenseMatrix.fromFunction(
      60,
      2,
      (i, j) => rng.normal() * 0.1 + (i < 30 ? 0 : 50) * (j === 0 ? 1 : 0),
    );
    const r = isomap(two, { nNeighbors: 4 });
    expect(r.info['components']).toBe(2);
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
    const dup = DenseMatrix.fromFunction(
      40,
      3,
      (i, j) => Math.floor(i / 2) * (j + 1) * 0.1 + (j === 2 ? Math.sin(i >> 1) : 0),
    );
    expect(isomap(dup, { nNeighbors: 5 }).embedding.data.every(Number.isFinite)).toBe(true);
    expect(() =>
      isomap(two.data.subarray(0, 8) && new DenseMatrix(4, 2, two.data.slice(0, 8)), { nNeighbors: 5 }),
    ).toThrow(InvalidArgumentError);
    const bad = two.clone();
    bad.data[5] = Number.NaN;
    expect(() => isomap(bad)).toThrow(NonFiniteError);
  });
});
