import { InfogeomError, InvalidArgumentError, throwIfAborted } from '@infogeom/linalg';
import type { CurveBasis } from '../curves/curve-basis.js';
import { curveAtQuadrature, energyFromDensity } from '../curves/curve-energy.js';
import { curveEnergyHessians } from '../curves/curve-hessian.js';
import type { LatentMetric } from '../decoders/decoder.js';
import { type CompleteMetric, completeMetric } from '../metrics/complete-metric.js';
import { EnergyGeodesicSolver } from './energy-geodesic.js';
import type { refineGeodesic } from './geodesic.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';
import {
  coarseLevels,
  levelOptions,
  NEWTON_HESSIAN,
  polishes,
  polylineOptions,
  prolong,
} from './multilevel.js';
import { polylineGeodesics } from './polyline-geodesic.js';
import { shootingGeodesics } from './shooting-geodesics.js';

/** Options of {@link geodesics}. */
export interface BatchGeodesicOptions extends Omit<GeodesicOptions, 'init' | 'onProgress'> {
  /** Initial nodes per pair (each (N+1)×d), e.g. from {@link GeodesicOptions.init}-style graph paths. */
  init?: readonly (ArrayLike<number> | undefined)[];
  /** Called after each round with the number of pairs still running. */
  onProgress?: (progress: { round: number; active: number }) => void;
}

/**
 * Many geodesics in one call: one energy-minimisation solver per pair, stepped in lock-step so that every
 * round evaluates all pending curves in a single batched `energyDensity` call (one decoder batch for a
 * TensorFlow.js decoder, one GEMM per layer for a float64 dense decoder), and all due Hessian
 * preconditioners in one more; coarse to fine like {@link geodesic} (pairs with `init` skip the coarse
 * levels); then the shooting polish of all pairs together (as `geodesic`: float64 metrics or `refine: true`).
 */
export function geodesics(
  metric: LatentMetric,
  pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[],
  options: BatchGeodesicOptions = {},
): GeodesicResult[] {
  if (options.method === 'polyline')
    return polylineGeodesics(metric, pairs, {
      ...polylineOptions(options),
      ...(options.init !== undefined ? { init: options.init } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    });
  const m = completeMetric(metric);
  const d = m.dimension;
  if (options.init !== undefined && options.init.length !== pairs.length)
    throw new InvalidArgumentError(
      'options.init.length',
      options.init.length,
      `${pairs.length} (one per pair)`,
    );
  const { init, onProgress, ...rest } = options;
  const ends = pairs.map(([a, b]) => [Float64Array.from(a), Float64Array.from(b)] as const);
  const nodes = rest.nodes ?? 32;
  const starts: (Float64Array | undefined)[] = ends.map((_, i) =>
    init?.[i] !== undefined ? Float64Array.from(init[i]!) : undefined,
  );
  const offsets = new Float64Array(pairs.length);
  const counter = { round: 0 };
  const coarse = rest.multilevel === false ? [] : coarseLevels(nodes);
  const multi = ends.map((_, i) => coarse.length > 0 && starts[i] === undefined);
  let prev: (Float64Array | undefined)[] = ends.map(() => undefined);
  for (const nc of coarse) {
    const idx = ends.map((_, i) => i).filter((i) => multi[i]);
    const solvers = idx.map(
      (i) => new EnergyGeodesicSolver(m, ends[i]![0], ends[i]![1], levelOptions(rest, d, nc, prev[i], 0)),
    );
    lockStep(m, solvers, rest.signal, counter, onProgress);
    const next = ends.map((): Float64Array | undefined => undefined);
    solvers.forEach((s, k) => {
      const r = s.result();
      offsets[idx[k]!]! += r.iterations;
      next[idx[k]!] = Number.isFinite(r.energy) ? r.points : undefined;
    });
    prev = next;
  }
  const solvers = ends.map(([a, b], i) => {
    const i0 =
      starts[i] ?? (multi[i] && prev[i] !== undefined ? prolong(prev[i]!, d, nodes, rest) : undefined);
    return new EnergyGeodesicSolver(m, a, b, { ...rest, ...(i0 !== undefined ? { init: i0 } : {}) });
  });
  lockStep(m, solvers, rest.signal, counter, onProgress);
  const results = solvers.map((s, i) => {
    const r = s.result();
    return { ...r, iterations: r.iterations + offsets[i]! };
  });
  return refineGeodesics(m, ends, results, rest);
}

/**
 * The shooting polish of {@link geodesics}: {@link refineGeodesic}'s rule per pair, with all pairs'
 * Newton shooting integrated together ({@link shootingGeodesics}: each Runge–Kutta stage one batched
 * Christoffel contraction over every pair's trajectories).
 */
function refineGeodesics(
  m: CompleteMetric,
  ends: readonly (readonly [Float64Array, Float64Array])[],
  results: GeodesicResult[],
  options: Omit<GeodesicOptions, 'init' | 'onProgress'>,
): GeodesicResult[] {
  if (!polishes(m, options)) return results;
  const idx = results
    .map((_, i) => i)
    .filter((i) => Number.isFinite(results[i]!.length) && results[i]!.length > 0);
  if (idx.length === 0) return results;
  const shots = shootingGeodesics(
    m,
    idx.map((i) => ({
      z0: ends[i]![0],
      z1: ends[i]![1],
      v0: results[i]!.initialVelocity,
      maxLength: results[i]!.length * (1 + 1e-2),
      polish: true,
    })),
    {
      nodes: options.nodes ?? 32,
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    },
  );
  const out = results.slice();
  idx.forEach((i, k) => {
    const res = results[i]!;
    const shot = shots[k]!;
    if (shot.converged && shot.length <= res.length * (1 + 1e-4))
      out[i] = { ...shot, iterations: res.iterations + shot.iterations };
  });
  return out;
}

/** Steps solvers (sharing one basis) in lock-step: one batched Hessian call and one batched energy call per round. */
function lockStep(
  m: CompleteMetric,
  solvers: EnergyGeodesicSolver[],
  signal: AbortSignal | undefined,
  counter: { round: number },
  onProgress: BatchGeodesicOptions['onProgress'],
): void {
  const basis: CurveBasis | undefined = solvers[0]?.basis;
  if (basis === undefined) return;
  const d = m.dimension;
  const Q = basis.t.length;
  for (;;) {
    throwIfAborted(signal);
    const due: { s: EnergyGeodesicSolver; Y: Float64Array }[] = [];
    for (const s of solvers) {
      const Y = s.pendingHessian();
      if (Y !== null) due.push({ s, Y });
    }
    if (due.length > 0) {
      let Hs: Float64Array[] | undefined;
      try {
        Hs = curveEnergyHessians(
          m,
          due[0]!.s.hessianBasis,
          due.map((x) => x.Y),
          NEWTON_HESSIAN,
        );
      } catch (e) {
        if (!(e instanceof InfogeomError)) throw e;
      }
      due.forEach(({ s }, k) => {
        s.receiveHessian(Hs?.[k]);
      });
    }
    const active: { s: EnergyGeodesicSolver; Y: Float64Array }[] = [];
    for (const s of solvers) {
      const Y = s.pending();
      if (Y !== null) active.push({ s, Y });
    }
    if (active.length === 0) break;
    const Z = new Float64Array(active.length * Q * d);
    const V = new Float64Array(active.length * Q * d);
    const inside: boolean[] = [];
    active.forEach(({ Y }, p) => {
      const c = curveAtQuadrature(basis, Y, d);
      let ok = true;
      for (let q = 0; q < Q && ok; q++) ok = m.contains(c.Z.subarray(q * d, (q + 1) * d));
      inside.push(ok);
      // Outside the domain: evaluate a harmless copy of the start point instead.
      if (ok) {
        Z.set(c.Z, p * Q * d);
        V.set(c.V, p * Q * d);
      } else for (let q = 0; q < Q; q++) Z.set(Y.subarray(0, d), (p * Q + q) * d);
    });
    let dens: ReturnType<typeof m.energyDensity> | undefined;
    try {
      dens = m.energyDensity(Z, V, active.length * Q);
    } catch (e) {
      if (!(e instanceof InfogeomError)) throw e;
    }
    active.forEach(({ s, Y }, p) => {
      if (!inside[p]) {
        s.receive(undefined);
        return;
      }
      if (dens === undefined) {
        s.receive(s.evaluate(Y));
        return;
      }
      const sl = (x: Float64Array, w: number): Float64Array => x.subarray(p * Q * w, (p + 1) * Q * w);
      s.receive(
        energyFromDensity(
          basis,
          {
            quad: sl(dens.quad, 1),
            metricTimesVelocity: sl(dens.metricTimesVelocity, d),
            positionGradient: sl(dens.positionGradient, d),
          },
          d,
        ),
      );
    });
    counter.round++;
    onProgress?.({ round: counter.round, active: active.length });
  }
}
