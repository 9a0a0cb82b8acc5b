import { InfogeomError, InvalidArgumentError, throwIfAborted } from '@infogeom/linalg';
import { curveAtQuadrature, energyFromDensity } from '../curves/curve-energy.js';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { EnergyGeodesicSolver } from './energy-geodesic.js';
import { refineGeodesic } from './geodesic.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';

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
 * TensorFlow.js decoder), then the shooting polish per pair.
 */
export function geodesics(
  metric: LatentMetric,
  pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[],
  options: BatchGeodesicOptions = {},
): GeodesicResult[] {
  const m = completeMetric(metric);
  const d = m.dimension;
  if (options.init !== undefined && options.init.length !== pairs.length)
    throw new InvalidArgumentError(
      'options.init.length',
      options.init.length,
      `${pairs.length} (one per pair)`,
    );
  const { init, onProgress, ...rest } = options;
  const solvers = pairs.map(([a, b], i) => {
    const i0 = init?.[i];
    return new EnergyGeodesicSolver(m, Float64Array.from(a), Float64Array.from(b), {
      ...rest,
      ...(i0 !== undefined ? { init: i0 } : {}),
    });
  });
  const basis = solvers[0]?.basis;
  let round = 0;
  for (;;) {
    throwIfAborted(options.signal);
    const active: { s: EnergyGeodesicSolver; Y: Float64Array }[] = [];
    for (const s of solvers) {
      const Y = s.pending();
      if (Y !== null) active.push({ s, Y });
    }
    if (active.length === 0 || basis === undefined) break;
    const Q = basis.t.length;
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
    round++;
    onProgress?.({ round, active: active.length });
  }
  return solvers.map((s, i) => refineGeodesic(m, pairs[i]![0], pairs[i]![1], s.result(), rest));
}
