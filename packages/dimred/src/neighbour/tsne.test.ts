import { CsrMatrix, createRng, DenseMatrix, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { trustworthiness } from '../quality/trustworthiness.js';
import { tsne } from './tsne.js';
import { denseJointProbabilities } from './tsne-affinities.js';
import { barnesHutKlGradient } from './tsne-barnes-hut.js';
import { exactKlGradient } from './tsne-exact.js';
import { conditionalAffinities } from './tsne-perplexity.js';

function blobs(nPer: number, D: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const X = new DenseMatrix(3 * nPer, D);
  for (let i = 0; i < 3 * nPer; i++)
    for (let d = 0; d < D; d++) X.data[i * D + d] = (d === Math.floor(i / nPer) ? 6 : 0) + rng.normal();
  return X;
}

function randomP(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const P = new Float64Array(n * n);
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = rng.uniform() + 0.01;
      P[i * n + j] = v;
      P[j * n + i] = v;
      s += 2 * v;
    }
  return P.map((v) => v / s);
}

describe('t-SNE objective', () => {
  for (const dim of [2, 3]) {
    it(`exact gradient equals central finite differences of the KL (dim ${dim}, ν = ${Math.max(dim - 1, 1)})`, () => {
      const n = 10;
      const dof = Math.max(dim - 1, 1);
      const P = randomP(n, 1);
      const rng = createRng(2);
      const Y = Float64Array.from({ length: n * dim }, () => rng.normal());
      const grad = new Float64Array(n * dim);
      exactKlGradient(P, Y, dim, dof, grad);
      const h = 1e-6;
      const scratch = new Float64Array(n * dim);
      for (let t = 0; t < n * dim; t++) {
        const yp = Y.slice();
        const ym = Y.slice();
        yp[t]! += h;
        ym[t]! -= h;
        const fd =
          (exactKlGradient(P, yp, dim, dof, scratch) - exactKlGradient(P, ym, dim, dof, scratch)) / (2 * h);
        expect(grad[t]).toBeCloseTo(fd, 6);
      }
    });
  }

  it('Barnes–Hut with θ = 0 reproduces the exact gradient and KL; θ = 0.5 stays within 5% (relative L2)', () => {
    const n = 60;
    const P = randomP(n, 3);
    const rng = createRng(4);
    const Y = Float64Array.from({ length: n * 2 }, () => 3 * rng.normal());
    const exact = new Float64Array(n * 2);
    const klExact = exactKlGradient(P, Y, 2, 1, exact);
    const sparse = CsrMatrix.fromDense(new DenseMatrix(n, n, P));
    const bh0 = new Float64Array(n * 2);
    const kl0 = barnesHutKlGradient(sparse, Y, 2, 1, 0, bh0, true);
    expect(kl0).toBeCloseTo(klExact, 10);
    for (let t = 0; t < n * 2; t++) expect(bh0[t]).toBeCloseTo(exact[t]!, 10);
    const bh = new Float64Array(n * 2);
    barnesHutKlGradient(sparse, Y, 2, 1, 0.5, bh, false);
    let num = 0;
    let den = 0;
    for (let t = 0; t < n * 2; t++) {
      num += (bh[t]! - exact[t]!) ** 2;
      den += exact[t]! ** 2;
    }
    expect(Math.sqrt(num / den)).toBeLessThan(0.05);
    expect(Math.sqrt(num / den)).toBeGreaterThan(0); // the approximation is actually in use
  });

  it('calibrates every row to the requested perplexity', () => {
    const rng = createRng(5);
    const width = 40;
    const d2 = Float64Array.from({ length: 5 * width }, () => 10 * rng.uniform());
    const P = new Float64Array(5 * width);
    conditionalAffinities(d2, width, 12, P);
    for (let i = 0; i < 5; i++) {
      let H = 0;
      let s = 0;
      for (let j = 0; j < width; j++) {
        const p = P[i * width + j]!;
        s += p;
        if (p > 0) H -= p * Math.log(p);
      }
      expect(s).toBeCloseTo(1, 12);
      expect(Math.exp(H)).toBeCloseTo(12, 3);
    }
  });

  it('joint probabilities are symmetric and sum to one', () => {
    const X = blobs(10, 4, 6);
    const P = denseJointProbabilities(X, 5, 'euclidean');
    let s = 0;
    for (let i = 0; i < 30; i++)
      for (let j = 0; j < 30; j++) {
        s += P[i * 30 + j]!;
        expect(P[i * 30 + j]).toBe(P[j * 30 + i]);
      }
    expect(s).toBeCloseTo(1, 10);
  });
});

describe('tsne embedder', () => {
  it('separates three blobs (exact and Barnes–Hut), lowers the KL, and is deterministic', () => {
    const X = blobs(25, 10, 7);
    for (const method of ['exact', 'barnes-hut'] as const) {
      const a = fitTransform(tsne, X, { perplexity: 10, method, maxIterations: 500, seed: 1 });
      const b = fitTransform(tsne, X, { perplexity: 10, method, maxIterations: 500, seed: 1 });
      expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
      expect(trustworthiness(X, a.embedding, { k: 5 })).toBeGreaterThan(0.95);
      const kl = a.info['klDivergence'] as number;
      expect(kl).toBeGreaterThan(0);
      expect(kl).toBeLessThan(1);
      expect(a.info['iterations']).toBeLessThanOrEqual(500);
    }
  });

  it('is steppable one gradient iteration at a time', () => {
    const X = blobs(10, 3, 8);
    const run = tsne.start(X, { perplexity: 5, maxIterations: 20, seed: 2 });
    expect(run.totalIterations).toBe(20);
    const y0 = run.current();
    run.step();
    expect(run.iteration).toBe(1);
    expect(run.current().data).not.toEqual(y0.data);
    while (run.step(5)) {}
    expect(run.done).toBe(true);
    expect(Number.isFinite(run.result().info['klDivergence'] as number)).toBe(true);
  });

  it('rejects bad input with typed errors', () => {
    const X = blobs(5, 3, 9);
    expect(() => tsne.start(X, { perplexity: 15 })).toThrow(InvalidArgumentError);
    const bad = X.clone();
    bad.data[0] = Number.NaN;
    expect(() => tsne.start(bad, { perplexity: 3 })).toThrow(NonFiniteError);
    expect(() => tsne.start(X, { perplexity: 3, method: 'barnes-hut', nComponents: 4 })).toThrow(
      InvalidArgumentError,
    );
  });
});
