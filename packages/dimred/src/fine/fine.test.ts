import { categorical, normal, normalKnownSigma } from '@infogeom/distributions';
import { closedFormDistance } from '@infogeom/fisher';
import { DenseMatrix, erf, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { fine, fineEmbedder } from './fine.js';
import { histogramFisherRaoDistances } from './histogram-fisher-rao-distances.js';

const linspace = (a: number, b: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** Bin probabilities of N(mu, 1) over `bins` equal bins on [-6, 6] (tails folded into the end bins). */
function normalHistogram(mu: number, bins: number): number[] {
  const edges = linspace(-6, 6, bins + 1);
  const cdf = (x: number): number => 0.5 * (1 + erf((x - mu) / Math.SQRT2));
  return Array.from({ length: bins }, (_, b) => {
    const lo = b === 0 ? 0 : cdf(edges[b]!);
    const hi = b === bins - 1 ? 1 : cdf(edges[b + 1]!);
    return hi - lo;
  });
}

describe('histogramFisherRaoDistances', () => {
  it('equals 2·arccos Σ√(pq) and the categorical closed form of @infogeom/fisher', () => {
    const H = [
      [1, 2, 3, 4],
      [4, 3, 2, 1],
      [0.25, 0.25, 0.25, 0.25],
      [0, 0, 1, 9],
    ];
    const D = histogramFisherRaoDistances(H);
    const norm = H.map((r) => {
      const s = r.reduce((a, b) => a + b, 0);
      return r.map((v) => v / s);
    });
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const bc = norm[i]!.reduce((a, p, t) => a + Math.sqrt(p * norm[j]![t]!), 0);
        const ref = i === j ? 0 : 2 * Math.acos(Math.min(1, bc));
        expect(D.get(i, j)).toBeCloseTo(ref, 12);
        if (i !== j && norm[i]!.every((v) => v > 0) && norm[j]!.every((v) => v > 0)) {
          const viaFisher = closedFormDistance(
            categorical,
            { p: Float64Array.from(norm[i]!) },
            { p: Float64Array.from(norm[j]!) },
          );
          expect(D.get(i, j)).toBeCloseTo(viaFisher!, 12);
        }
      }
  });

  it('reduces to the Bernoulli distance 2|arcsin√p − arcsin√q| for two bins', () => {
    const ps = [0.01, 0.2, 0.5, 0.93];
    const D = histogramFisherRaoDistances(ps.map((p) => [p, 1 - p]));
    for (let i = 0; i < ps.length; i++)
      for (let j = 0; j < ps.length; j++)
        expect(D.get(i, j)).toBeCloseTo(
          2 * Math.abs(Math.asin(Math.sqrt(ps[i]!)) - Math.asin(Math.sqrt(ps[j]!))),
          13,
        );
  });

  it('rejects negative, non-finite and empty rows', () => {
    expect(() => histogramFisherRaoDistances([[1, -1]])).toThrow(InvalidArgumentError);
    expect(() => histogramFisherRaoDistances([[1, Number.NaN]])).toThrow(NonFiniteError);
    expect(() => histogramFisherRaoDistances([[0, 0]])).toThrow(InvalidArgumentError);
  });
});

describe('fine', () => {
  it('embeds N(μ, σ₀) with known σ₀ on a line with distances |Δμ|/σ₀ (exact Fisher–Rao)', () => {
    const mus = linspace(-3, 3, 40);
    const params = mus.map((mu) => ({ mu, sigma: 0.5 }));
    const r = fine({ family: normalKnownSigma, params }, { nComponents: 1, nNeighbors: 5 });
    let maxErr = 0;
    for (let i = 0; i < mus.length; i++)
      for (let j = 0; j < mus.length; j++) {
        const emb = Math.abs(r.embedding.get(i, 0) - r.embedding.get(j, 0));
        maxErr = Math.max(maxErr, Math.abs(emb - Math.abs(mus[i]! - mus[j]!) / 0.5));
      }
    expect(maxErr).toBeLessThan(1e-9);
    expect(r.negativeMass).toBeLessThan(1e-10);
  });

  it('embeds N(μ, 1) of the full normal family as a line whose length is the Fisher–Rao arc length', () => {
    // The curve σ = 1 is not a geodesic of the (μ, σ) half-plane; FINE's graph distances follow the curve,
    // whose Fisher–Rao arc length is |Δμ| (metric dμ²/σ²), while neighbours sit at the exact closed form.
    const mus = linspace(-2, 2, 81);
    const params = mus.map((mu) => ({ mu, sigma: 1 }));
    const r = fine({ family: normal, params }, { nComponents: 1, nNeighbors: 2 });
    const y = r.embedding.column(0);
    const sign = Math.sign(y[80]! - y[0]!);
    for (let i = 0; i + 1 < mus.length; i++) {
      const step = sign * (y[i + 1]! - y[i]!);
      expect(step).toBeGreaterThan(0); // monotone: a line ordered by μ
      expect(Math.abs(step - r.fisherRaoDistances.get(i, i + 1))).toBeLessThan(1e-3 * step);
    }
    let worstGraph = 0;
    let worstArc = 0;
    for (let i = 0; i < mus.length; i++)
      for (let j = i + 1; j < mus.length; j++) {
        const emb = Math.abs(y[i]! - y[j]!);
        worstGraph = Math.max(
          worstGraph,
          Math.abs(emb - r.geodesicDistances.get(i, j)) / r.geodesicDistances.get(i, j),
        );
        worstArc = Math.max(
          worstArc,
          Math.abs(emb - Math.abs(mus[i]! - mus[j]!)) / Math.abs(mus[i]! - mus[j]!),
        );
      }
    // Measured: 3.1e-4 and 3.6e-4 relative (worst at neighbouring pairs; spacing h = 0.05, chords h(1 − h²/48 + …)).
    expect(worstGraph).toBeLessThan(5e-4);
    expect(worstArc).toBeLessThan(5e-4);
  });

  it('recovers the 1-parameter structure of histograms of N(μ, 1)', () => {
    const mus = linspace(-2, 2, 60);
    const H = mus.map((mu) => normalHistogram(mu, 30));
    const r = fine({ histograms: H }, { nComponents: 2, nNeighbors: 6 });
    // Nearly all variance in the first coordinate, which is monotone in μ.
    expect(r.eigenvalues[1]! / r.eigenvalues[0]!).toBeLessThan(1e-3);
    const y = r.embedding.column(0);
    const inc = y[59]! > y[0]!;
    for (let i = 0; i + 1 < 60; i++) expect(y[i + 1]! > y[i]!).toBe(inc);
    // Total length ≈ Fisher–Rao arc length of the binned family ≈ |Δμ| = 4 (binning loses a little information).
    expect(Math.abs(y[59]! - y[0]!)).toBeGreaterThan(3.8);
    expect(Math.abs(y[59]! - y[0]!)).toBeLessThan(4.0);
  });

  it('runs as an embedder, deterministic, with progress reaching 1', () => {
    const H = linspace(0.05, 0.95, 30).map((p) => [p, 1 - p, 0.3]);
    const fractions: number[] = [];
    const a = fitTransform(fineEmbedder, H, { nNeighbors: 4, onProgress: (p) => fractions.push(p.fraction) });
    const b = fine({ histograms: H }, { nNeighbors: 4 });
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
    expect(fractions.at(-1)).toBe(1);
    const D = histogramFisherRaoDistances(H);
    const c = fitTransform(fineEmbedder, D, { input: 'precomputed', nNeighbors: 4 });
    expect(Array.from(c.embedding.data)).toEqual(Array.from(a.embedding.data));
  });

  it('gives finite coordinates for duplicated distributions', () => {
    const H = linspace(0.1, 0.9, 12).flatMap((p) => [
      [p, 1 - p],
      [p, 1 - p],
    ]);
    const r = fine({ histograms: H }, { nNeighbors: 3, nComponents: 1 });
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
    expect(r.embedding.get(0, 0)).toBeCloseTo(r.embedding.get(1, 0), 12);
  });

  it('throws typed errors for a disconnected graph and bad sizes', () => {
    const H = [...linspace(0.01, 0.05, 5), ...linspace(0.9, 0.95, 5)].map((p) => [p, 1 - p]);
    expect(() => fine({ histograms: H }, { nNeighbors: 2 })).toThrow(/disconnected/);
    expect(() => fine({ histograms: H }, { nComponents: 10 })).toThrow(InvalidArgumentError);
    expect(() => fine({ histograms: [[1, 2]] })).toThrow(InvalidArgumentError);
    expect(() =>
      fine(
        {
          distances: DenseMatrix.from([
            [0, 1],
            [2, 0],
          ]),
        },
        { nComponents: 1 },
      ),
    ).toThrow(InvalidArgumentError);
    const ctrl = new AbortController();
    ctrl.abort();
    expect(() => fine({ histograms: H }, { signal: ctrl.signal })).toThrow(/abort/);
  });
});
