import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
import { linearDecoder } from '../decoders/function-decoder.js';
import { type DenseLayer, mlpDecoder } from '../decoders/mlp-decoder.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { bernoulliOutput, gaussianOutput } from '../outputs/output-families.js';
import { sphereDecoder } from '../test-utils/analytic.js';
import { geodesics } from './batch-geodesics.js';
import fixture from './fixtures/mlp_geodesics.json' with { type: 'json' };
import { geodesic } from './geodesic.js';
import { gaussNewtonInverse, jacobianAll, polylineEnergy } from './polyline-energy.js';
import { polylineGeodesic, polylineGeodesics } from './polyline-geodesic.js';
import { PolylineGeodesicSolver } from './polyline-geodesic-solver.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const rng = createRng(11);
const layers: DenseLayer[] = [2, 8, 8, 5].slice(1).map((nOut, k, arr) => ({
  weights: Float64Array.from({ length: [2, 8, 8][k]! * nOut }, () => rng.normal()),
  bias: Float64Array.from({ length: nOut }, () => 0.3 * rng.normal()),
  activation: k === arr.length - 1 ? 'sigmoid' : 'tanh',
}));

/** Energy of one curve Y (N×d) as a function of its interior nodes. */
function energyAt(
  dec: Parameters<typeof polylineEnergy>[0],
  out: Parameters<typeof polylineEnergy>[1],
  Y: Float64Array,
  N: number,
): number {
  return polylineEnergy(dec, out, Y, 1, N).energy[0]!;
}

describe('decoded polyline energy', () => {
  for (const [name, out] of [
    ['Gaussian σ = 0.3', gaussianOutput(0.3)],
    ['Bernoulli (θ-dependent Fisher, midpoint rule)', bernoulliOutput()],
  ] as const)
    it(`gradient = central differences (${name})`, () => {
      const dec = float64DenseDecoder(layers, out);
      const N = 6;
      const Y = Float64Array.from({ length: 2 * N }, () => rng.normal());
      const ev = polylineEnergy(dec, out, Y, 1, N);
      const h = 1e-5;
      for (let j = 2; j < 2 * (N - 1); j++) {
        const Yp = Y.slice();
        const Ym = Y.slice();
        Yp[j]! += h;
        Ym[j]! -= h;
        const fd = (energyAt(dec, out, Yp, N) - energyAt(dec, out, Ym, N)) / (2 * h);
        expect(Math.abs(ev.gradient[j - 2]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    });

  it('Gauss–Newton inverse is the exact inverse Hessian for a linear decoder', () => {
    const A = Float64Array.from({ length: 8 }, () => rng.normal());
    const out = gaussianOutput(0.5);
    const dec = linearDecoder(A, 4, 2, undefined, out);
    const N = 5;
    const Y = Float64Array.from({ length: 2 * N }, () => rng.normal());
    const ev = polylineEnergy(dec, out, Y, 1, N);
    const inv = gaussNewtonInverse(
      out,
      jacobianAll(dec, Y.slice(2, 2 * (N - 1)), N - 2),
      ev.theta,
      N,
      2,
      4,
      0,
    );
    // A Newton step from any curve lands on the minimiser: the equally spaced straight line.
    const step = inv(ev.gradient);
    for (let j = 1; j < N - 1; j++)
      for (let k = 0; k < 2; k++) {
        const target = Y[k]! + ((Y[(N - 1) * 2 + k]! - Y[k]!) * j) / (N - 1);
        expect(Y[2 * j + k]! - step[2 * (j - 1) + k]!).toBeCloseTo(target, 10);
      }
  });
});

describe('polylineGeodesic', () => {
  it('linear decoder: exact straight line and length ‖A Δz‖/σ', () => {
    const A = Float64Array.from({ length: 12 }, () => rng.normal());
    const dec = linearDecoder(A, 4, 3, undefined, gaussianOutput(0.5));
    const a = [0.1, -0.4, 0.3];
    const b = [1.2, 0.5, -0.7];
    let s = 0;
    for (let i = 0; i < 4; i++) {
      let t = 0;
      for (let j = 0; j < 3; j++) t += A[i * 3 + j]! * (b[j]! - a[j]!);
      s += t * t;
    }
    const r = polylineGeodesic(pullbackMetric(dec), a, b, { nodes: 12 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThanOrEqual(2);
    expect(rel(r.length, Math.sqrt(s) / 0.5)).toBeLessThan(1e-10);
    expect(rel(r.energy, (0.5 * s) / 0.25)).toBeLessThan(1e-10);
    for (let i = 0; i < 12; i++)
      for (let k = 0; k < 3; k++)
        expect(r.points[3 * i + k]!).toBeCloseTo(a[k]! + ((b[k]! - a[k]!) * i) / 11, 9);
  });

  it('sphere chart: chord polyline of the great circle, length → great-circle length as O(1/N²)', () => {
    const a = [0.6, 0.2];
    const b = [2.1, 1.9];
    const p = (z: number[]): number[] => [
      Math.sin(z[0]!) * Math.cos(z[1]!),
      Math.sin(z[0]!) * Math.sin(z[1]!),
      Math.cos(z[0]!),
    ];
    const pa = p(a);
    const pb = p(b);
    const alpha = Math.acos(pa[0]! * pb[0]! + pa[1]! * pb[1]! + pa[2]! * pb[2]!);
    const errs: number[] = [];
    for (const N of [16, 32]) {
      const r = polylineGeodesic(sphereDecoder(), a, b, { nodes: N, tol: 1e-9 });
      expect(r.converged).toBe(true);
      // The discrete minimiser: N − 1 equal chords of the great circle, 2 sin(α / 2(N − 1)) each.
      expect(rel(r.length, 2 * (N - 1) * Math.sin(alpha / (2 * (N - 1))))).toBeLessThan(1e-8);
      errs.push(alpha - r.length);
    }
    // O(h²) with h = 1/(N − 1): the error ratio is (31/15)² = 4.27 (to a few per mille).
    expect(rel(errs[0]! / errs[1]!, (31 / 15) ** 2)).toBeLessThan(3e-3);
  });

  it('tanh MLP (scipy solve_bvp fixture): length error decays as O(1/N²), Richardson → reference', () => {
    const dec = mlpDecoder(
      fixture.layers.map((l, i) => ({ ...l, activation: i === 2 ? 'identity' : 'tanh' })),
    );
    for (const p of fixture.pairs.slice(0, 2)) {
      const Ns = [32, 64, 128];
      const lens = Ns.map((N) => {
        const r = polylineGeodesic(dec, p.z0, p.z1, { nodes: N, tol: 1e-9 });
        expect(r.converged).toBe(true);
        return r.length;
      });
      const errs = lens.map((l) => (p.length - l) / p.length);
      expect(errs[2]!).toBeGreaterThan(0); // chords are shorter than arcs
      expect(errs[2]!).toBeLessThan(2e-4);
      // Measured ratios 4.17, 4.07 and 4.47, 4.10 against (63/31)² = 4.13 and (127/63)² = 4.06.
      for (let k = 0; k < 2; k++) {
        const expected = ((Ns[k + 1]! - 1) / (Ns[k]! - 1)) ** 2;
        expect(rel(errs[k]! / errs[k + 1]!, expected)).toBeLessThan(0.1);
      }
      // Richardson extrapolation of the O(h²) term from N = 64, 128 lands on the scipy length.
      const w = 127 ** 2 / (127 ** 2 - 63 ** 2);
      const extrapolated = w * lens[2]! + (1 - w) * lens[1]!;
      expect(rel(extrapolated, p.length)).toBeLessThan(3e-6);
    }
  });

  it('batched = single (float64 dense decoder, one decoder call per round)', () => {
    const dec = float64DenseDecoder(layers, gaussianOutput(0.3));
    const pairs = Array.from(
      { length: 5 },
      () =>
        [Float64Array.of(rng.normal(), rng.normal()), Float64Array.of(rng.normal(), rng.normal())] as const,
    );
    let calls = 0;
    let rounds = 0;
    const counted = {
      ...dec,
      decodeBatch: (Z: Float64Array, n: number): Float64Array => {
        calls++;
        return dec.decodeBatch(Z, n);
      },
    };
    const batched = polylineGeodesics(counted, pairs, { nodes: 16, onProgress: (q) => (rounds = q.round) });
    expect(calls).toBe(rounds);
    // In groups of ⌊32 / 16⌋ = 2 curves per decoder call: the same results.
    const grouped = polylineGeodesics(dec, pairs, { nodes: 16, chunk: 32 });
    grouped.forEach((r, i) => {
      expect(r.length).toBe(batched[i]!.length);
    });
    pairs.forEach(([a, b], i) => {
      const single = polylineGeodesic(dec, a, b, { nodes: 16 });
      expect(batched[i]!.converged).toBe(true);
      expect(batched[i]!.iterations).toBe(single.iterations);
      expect(batched[i]!.length).toBe(single.length);
    });
  });

  it("geodesic / geodesics with method: 'polyline' are polylineGeodesic(s)", () => {
    const dec = float64DenseDecoder(layers, gaussianOutput(0.3));
    const m = pullbackMetric(dec);
    const a = [0.2, -0.5];
    const b = [-0.9, 0.7];
    const direct = polylineGeodesic(dec, a, b, { nodes: 12 });
    const viaOption = geodesic(m, a, b, { method: 'polyline', nodes: 12 });
    expect(viaOption.length).toBe(direct.length);
    expect(viaOption.iterations).toBe(direct.iterations);
    expect(geodesics(m, [[a, b]], { method: 'polyline', nodes: 12 })[0]!.length).toBe(direct.length);
    // The spline solver on the same pair agrees to the O(h²) discretisation error (chords are shorter).
    const spline = geodesic(m, a, b, { nodes: 12 });
    expect(direct.length).toBeLessThan(spline.length);
    expect(rel(direct.length, spline.length)).toBeLessThan(1e-2);
  });
});

describe('PolylineGeodesicSolver (steppable)', () => {
  it('round by round gives the batch results; the curves shorten as it goes; coarse levels first', () => {
    const metric = pullbackMetric(mlpDecoder(layers, gaussianOutput(0.5)));
    const pairs = [
      [
        [-1, -0.5],
        [1, 0.8],
      ],
      [
        [0.3, -1],
        [-0.6, 1.1],
      ],
    ] as const;
    for (const multilevel of [false, true]) {
      const opts = { nodes: 16, multilevel } as const;
      const solver = new PolylineGeodesicSolver(metric, pairs, opts);
      const start = solver.results();
      const first = start.map((r) => r.points.length);
      expect(start.every((r) => !r.converged && r.residual === Number.POSITIVE_INFINITY)).toBe(true);
      let rounds = 0;
      const lengths: number[] = [];
      while (solver.step()) {
        rounds++;
        lengths.push(solver.results()[0]!.length);
      }
      expect(solver.finished).toBe(true);
      expect(solver.step()).toBe(false);
      const stepped = solver.results();
      const batch = polylineGeodesics(metric, pairs, opts);
      expect(stepped.map((r) => r.length)).toEqual(batch.map((r) => r.length));
      expect(stepped.map((r) => r.iterations)).toEqual(batch.map((r) => r.iterations));
      expect(stepped.every((r) => r.converged && r.points.length === 32)).toBe(true);
      expect(rounds).toBeGreaterThan(3);
      // Coarse to fine starts on fewer nodes; one level starts on the full 16.
      expect(first[0]).toBe(multilevel ? 2 * 8 : 32);
      expect(lengths[lengths.length - 1]!).toBeLessThanOrEqual(lengths[0]! * (1 + 1e-12));
    }
  });
});

describe('polyline geodesic at a float32 rounding floor', () => {
  it('stops at the floor when the decoder declares roundoff 2⁻²⁴, runs on when it claims float64', () => {
    const base = mlpDecoder(layers, gaussianOutput(0.3));
    const f32 = (x: Float64Array): Float64Array => x.map(Math.fround);
    // The MLP with every product rounded to float32, as a tfjs network returns them.
    const rounded = (roundoff?: number) => ({
      latentDimension: 2,
      outputDimension: 5,
      output: gaussianOutput(0.3),
      decode: (z: Float64Array) => f32(base.decode(z)),
      jacobian: (z: Float64Array) => f32(base.jacobian(z)),
      vjp: (z: Float64Array, u: Float64Array) => f32(base.vjp!(z, u)),
      secondOrder: (z: Float64Array, u: Float64Array, v: Float64Array) => f32(base.secondOrder!(z, u, v)),
      ...(roundoff !== undefined ? { roundoff } : {}),
    });
    const a = [-1.2, 0.4];
    const b = [1.1, -0.7];
    const exact = polylineGeodesic(base, a, b, { nodes: 16, tol: 1e-12 });
    const r32 = polylineGeodesic(rounded(2 ** -24), a, b, { nodes: 16, tol: 1e-8 });
    const r64 = polylineGeodesic(rounded(), a, b, { nodes: 16, tol: 1e-8, maxIterations: 200 });
    expect(exact.converged).toBe(true);
    expect(r32.converged).toBe(true); // at the floor, within √tol
    expect(r32.residual).toBeGreaterThan(1e-8);
    expect(rel(r32.length, exact.length)).toBeLessThan(1e-6);
    expect(r64.iterations).toBeGreaterThan(r32.iterations);
  });
});
