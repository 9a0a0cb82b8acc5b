import { createRng, DenseMatrix, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { sCurve } from '../generators/s-curve.js';
import { exactKnn } from '../knn/exact-knn.js';
import { trustworthiness } from '../quality/trustworthiness.js';
import { umap } from './umap.js';
import { findAbParams } from './umap-ab.js';
import { fuzzySimplicialSet, smoothKnnDistances } from './umap-fuzzy-graph.js';

function blobs(nPer: number, D: number, sep: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const X = new DenseMatrix(3 * nPer, D);
  for (let i = 0; i < 3 * nPer; i++)
    for (let d = 0; d < D; d++) X.data[i * D + d] = (d === Math.floor(i / nPer) ? sep : 0) + rng.normal();
  return X;
}

describe('UMAP building blocks', () => {
  it('fits a, b as umap-learn (min_dist 0.1, spread 1 → a = 1.5769, b = 0.8951)', () => {
    const { a, b } = findAbParams(1, 0.1);
    // umap-learn 0.5 find_ab_params(1.0, 0.1) = (1.5769434603113077, 0.8950608781227859)
    expect(a).toBeCloseTo(1.5769434603113077, 4);
    expect(b).toBeCloseTo(0.8950608781227859, 4);
    expect(() => findAbParams(1, 2)).toThrow(InvalidArgumentError);
  });

  it('smooth kNN distances hit log2(k + 1) in every row, ρ = nearest distance', () => {
    const rng = createRng(1);
    const k = 9;
    const d = new Float64Array(20 * k);
    for (let i = 0; i < 20; i++) {
      const row = Array.from({ length: k }, () => 0.1 + rng.uniform()).sort((x, y) => x - y);
      d.set(row, i * k);
    }
    const { sigmas, rhos } = smoothKnnDistances(d, k, Math.log2(k + 1));
    for (let i = 0; i < 20; i++) {
      expect(rhos[i]).toBe(d[i * k]);
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(-Math.max(0, d[i * k + j]! - rhos[i]!) / sigmas[i]!);
      expect(s).toBeCloseTo(Math.log2(k + 1), 4);
    }
  });

  it('the fuzzy simplicial set is the fuzzy union of the directed memberships (dense check)', () => {
    const X = blobs(10, 3, 4, 2);
    const knn = exactKnn(X, { k: 5 });
    const { graph, sigmas, rhos } = fuzzySimplicialSet(knn);
    const n = X.rows;
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < 5; j++) {
        const d = knn.distances[i * 5 + j]!;
        A[i * n + knn.indices[i * 5 + j]!] = d <= rhos[i]! ? 1 : Math.exp(-(d - rhos[i]!) / sigmas[i]!);
      }
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let p = graph.rowPtr[i]!; p < graph.rowPtr[i + 1]!; p++)
        dense[i * n + graph.colIdx[p]!] = graph.values[p]!;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const a = A[i * n + j]!;
        const b = A[j * n + i]!;
        expect(dense[i * n + j]).toBeCloseTo(a + b - a * b, 14);
      }
    expect(graph.isSymmetric(0)).toBe(true);
  });
});

describe('umap embedder', () => {
  it('keeps neighbourhoods of the S-curve (trustworthiness > 0.98), is deterministic, maps new points near their twins', () => {
    const X = sCurve({ n: 400, seed: 3 }).points;
    const opts = { nNeighbors: 10, nEpochs: 200, seed: 4 } as const;
    const a = fitTransform(umap, X, opts);
    const b = fitTransform(umap, X, opts);
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
    expect(a.info['init']).toBe('spectral');
    expect(trustworthiness(X, a.embedding, { k: 10 })).toBeGreaterThan(0.98);
    // new points: training points moved by 1% of the noise-free scale land next to their twins
    const rng = createRng(5);
    const Z = X.clone();
    for (let t = 0; t < Z.data.length; t++) Z.data[t]! += 0.01 * rng.normal();
    const T = a.transform!(Z);
    const E = a.embedding.data;
    let extent = 0;
    for (let i = 0; i < X.rows; i++)
      for (let j = i + 1; j < X.rows; j += 7)
        extent = Math.max(extent, Math.hypot(E[2 * i]! - E[2 * j]!, E[2 * i + 1]! - E[2 * j + 1]!));
    const gaps = Array.from({ length: X.rows }, (_, i) =>
      Math.hypot(T.data[2 * i]! - E[2 * i]!, T.data[2 * i + 1]! - E[2 * i + 1]!),
    );
    gaps.sort((x, y) => x - y);
    expect(gaps[Math.floor(0.9 * X.rows)]! / extent).toBeLessThan(0.05);
  });

  it('falls back to per-component spectral layouts on a disconnected graph, never NaN', () => {
    const X = blobs(30, 4, 1000, 6);
    const r = fitTransform(umap, X, { nNeighbors: 8, nEpochs: 50, seed: 1 });
    expect(r.info['components']).toBe(3);
    expect(r.info['init']).toBe('spectral-components');
    for (const v of r.embedding.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('steps one epoch at a time and reports progress', () => {
    const X = blobs(20, 4, 5, 7);
    const stages = new Set<string>();
    const run = umap.start(X, {
      nNeighbors: 6,
      nEpochs: 12,
      seed: 2,
      onProgress: (p) => stages.add(p.stage),
    });
    expect(run.totalIterations).toBe(12);
    run.step();
    expect(run.iteration).toBe(1);
    expect(() => run.result()).toThrow(InvalidArgumentError);
    while (run.step(4)) {}
    expect(run.done).toBe(true);
    expect([...stages]).toEqual(['knn', 'graph', 'init', 'optimise']);
  });

  it('rejects bad input with typed errors', () => {
    const X = blobs(3, 3, 5, 8);
    expect(() => umap.start(X, { nNeighbors: 15 })).toThrow(InvalidArgumentError);
    const bad = X.clone();
    bad.data[4] = Number.POSITIVE_INFINITY;
    expect(() => umap.start(bad, { nNeighbors: 3 })).toThrow(NonFiniteError);
    expect(() => umap.start(X, { nNeighbors: 3, minDist: -1 })).toThrow(InvalidArgumentError);
  });
});
