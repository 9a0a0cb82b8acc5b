import { DenseMatrix, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { trustworthiness } from '../quality/trustworthiness.js';
import { isomap } from '../spectral/isomap.js';
import { lle } from '../spectral/lle.js';
import {
  manifoldSculpting,
  manifoldSculptingEmbedder,
  startManifoldSculpting,
} from './manifold-sculpting.js';
import { gentleSwissRoll } from './test-utils/gentle-swiss-roll.js';
import { procrustesResidual } from './test-utils/procrustes.js';

describe('manifoldSculpting', () => {
  it('unrolls the swiss roll and recovers the intrinsic coordinates better than Isomap and the LLE family', () => {
    const { points, truth } = gentleSwissRoll(400, 3);
    const k = 12;
    const r = manifoldSculpting(points, { nNeighbors: k, squishingRate: 0.98, extraPasses: 30, seed: 0 });
    const T = trustworthiness(points, r.embedding, { k });
    const errSculpt = procrustesResidual(r.embedding, truth);
    const errIsomap = procrustesResidual(isomap(points, { nNeighbors: k }).embedding, truth);
    const errLle = procrustesResidual(lle(points, { nNeighbors: k }).embedding, truth);
    const errHessian = procrustesResidual(lle(points, { nNeighbors: k, method: 'hessian' }).embedding, truth);
    const errLtsa = procrustesResidual(lle(points, { nNeighbors: k, method: 'ltsa' }).embedding, truth);
    // Measured (n = 400): T = 1.0; Procrustes residual sculpting 5.0e-6, Isomap 8.4e-4, LLE 2.6e-2,
    // Hessian LLE 2.4e-2, LTSA 2.4e-2 (both unit-variance axes); mean neighbour-distance distortion 0.1 %.
    expect(T).toBeGreaterThan(0.9999);
    expect(errSculpt).toBeLessThan(1e-4);
    expect(errSculpt).toBeLessThan(errIsomap);
    expect(errSculpt).toBeLessThan(errLle);
    expect(errSculpt).toBeLessThan(errHessian);
    expect(errSculpt).toBeLessThan(errLtsa);
    expect(r.info['distortion']).toBeLessThan(0.005);
  });

  it('is steppable, deterministic for a seed, reports progress and honours abort', () => {
    const { points } = gentleSwissRoll(80, 1);
    const opts = { nNeighbors: 8, squishingRate: 0.8, minScale: 0.01, extraPasses: 3, seed: 5 } as const;
    const run = startManifoldSculpting(points, opts);
    expect(run.totalIterations).toBe(Math.ceil(Math.log(0.01) / Math.log(0.8)) + 3);
    expect(() => run.result()).toThrow(InvalidArgumentError);
    expect(run.step(2)).toBe(true);
    expect(run.iteration).toBe(2);
    expect(run.current().cols).toBe(2);
    while (run.step(5));
    expect(run.done).toBe(true);
    expect(run.scale).toBe(0);
    const fractions: number[] = [];
    const again = fitTransform(manifoldSculptingEmbedder, points, {
      ...opts,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(Array.from(again.embedding.data)).toEqual(Array.from(run.result().embedding.data));
    expect(fractions.at(-1)).toBe(1);
    const other = manifoldSculpting(points, { ...opts, seed: 6 });
    expect(Array.from(other.embedding.data)).not.toEqual(Array.from(again.embedding.data));
    const ctrl = new AbortController();
    ctrl.abort();
    expect(() => manifoldSculpting(points, { ...opts, signal: ctrl.signal })).toThrow(/abort/);
  });

  it('rejects bad input with typed errors', () => {
    const { points } = gentleSwissRoll(30, 2);
    expect(() => manifoldSculpting(points, { nComponents: 3 })).toThrow(InvalidArgumentError);
    expect(() => manifoldSculpting(points, { nNeighbors: 30 })).toThrow(InvalidArgumentError);
    expect(() => manifoldSculpting(points, { squishingRate: 1 })).toThrow(InvalidArgumentError);
    const bad = points.clone();
    bad.data[4] = Number.NaN;
    expect(() => manifoldSculpting(bad)).toThrow(NonFiniteError);
    // a few duplicated points: finite coordinates (zero-length relationships carry no angle)
    const dup = DenseMatrix.fromFunction(60, 3, (i, j) => points.get(i % 30, j));
    const r = manifoldSculpting(dup, { nNeighbors: 6, squishingRate: 0.8, minScale: 0.01, extraPasses: 2 });
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
    const same = DenseMatrix.fromFunction(10, 3, () => 1);
    expect(() => manifoldSculpting(same, { nNeighbors: 3 })).toThrow(InvalidArgumentError);
  });
});
