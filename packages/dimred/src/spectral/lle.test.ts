import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { sCurve } from '../generators/s-curve.js';
import { exactKnn } from '../knn/exact-knn.js';
import { type LleMethod, lle, ltsaEmbedder } from './lle.js';
import { hessianLleMatrix, ltsaMatrix, modifiedLleMatrix, standardLleMatrix } from './lle-matrices.js';
import { denseEigenvectors, subspaceDistance } from './test-utils/dense-reference.js';

const data = sCurve({ n: 150, seed: 6 });

describe('LLE family', () => {
  it('standard LLE matrix is (I − W)ᵀ(I − W) with rows of W summing to 1', () => {
    const graph = exactKnn(data.points, { k: 8 });
    const { M, W } = standardLleMatrix({ X: data.points.data, D: 3, graph, d: 2, tick: () => {} }, 1e-3);
    const n = 150;
    const IW = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      IW[i * n + i] = 1;
      let s = 0;
      for (let a = 0; a < 8; a++) {
        IW[i * n + graph.indices[i * 8 + a]!]! -= W[i * 8 + a]!;
        s += W[i * 8 + a]!;
      }
      expect(s).toBeCloseTo(1, 12);
    }
    const Md = M.toDense().data;
    for (let i = 0; i < n; i += 13)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += IW[r * n + i]! * IW[r * n + j]!;
        expect(Md[i * n + j]).toBeCloseTo(s, 12);
      }
  });
  it.each(['standard', 'ltsa', 'hessian', 'modified'] as const)(
    '%s: the embedding spans the dense bottom eigenvectors (after the constant)',
    (method: LleMethod) => {
      const k = 10;
      const graph = exactKnn(data.points, { k });
      const input = { X: data.points.data, D: 3, graph, d: 2, tick: () => {} };
      const M =
        method === 'standard'
          ? standardLleMatrix(input, 1e-3).M
          : method === 'ltsa'
            ? ltsaMatrix(input)
            : method === 'hessian'
              ? hessianLleMatrix(input, 1e-4)
              : modifiedLleMatrix(input, 1e-12);
      expect(M.isSymmetric(1e-12)).toBe(true);
      const ref = denseEigenvectors(M.toDense(), 1, 2);
      const r = lle(data.points, { nNeighbors: k, method });
      expect(subspaceDistance(r.embedding, ref.vectors)).toBeLessThan(1e-5);
      for (let c = 0; c < 2; c++) {
        let norm = 0;
        for (let i = 0; i < 150; i++) norm += r.embedding.data[i * 2 + c]! ** 2;
        expect(norm).toBeCloseTo(1, 10);
      }
    },
  );
  it('transform maps a point between two training points between their coordinates', () => {
    const r = lle(data.points, { nNeighbors: 10, seed: 1 });
    const mid = new DenseMatrix(
      1,
      3,
      data.points.row(0).map((x, c) => 0.999 * x + 0.001 * data.points.get(1, c)),
    );
    const y = r.transform!(mid);
    expect(Math.hypot(y.data[0]! - r.embedding.data[0]!, y.data[1]! - r.embedding.data[1]!)).toBeLessThan(
      0.02,
    );
  });
  it('embedder configs are deterministic and checked', () => {
    const a = fitTransform(ltsaEmbedder, data.points, { nNeighbors: 9, seed: 3 });
    const b = lle(data.points, { nNeighbors: 9, method: 'ltsa', seed: 3 });
    expect(a.embedding.data).toEqual(b.embedding.data);
    expect(() => lle(data.points, { method: 'hessian', nNeighbors: 5 })).toThrow(InvalidArgumentError);
    expect(() => lle(data.points, { nNeighbors: 150 })).toThrow(InvalidArgumentError);
    expect(() => lle(data.points, { nComponents: 4 })).toThrow(InvalidArgumentError);
  });
  it('duplicate points give finite coordinates', () => {
    const base = sCurve({ n: 60, seed: 2 }).points;
    const dup = DenseMatrix.fromFunction(120, 3, (i, j) => base.get(i % 60, j));
    for (const method of ['standard', 'ltsa', 'modified'] as const) {
      expect(lle(dup, { nNeighbors: 8, method }).embedding.data.every(Number.isFinite)).toBe(true);
    }
  });
});
