/**
 * The shooting polish of `geodesic` (Newton shooting on the geodesic equation from the energy solution's
 * initial velocity) on the committed MNIST decoder (2 → 64 → 64 → 784, tanh, sigmoid means, G = JᵀJ/σ²,
 * float64 path: `float64DenseDecoder` + `batchedPullbackMetric`), pairs of codes of different digits
 * (createRng(2018), as tfjs-decoder.bench.ts), 32 nodes:
 * 1. per pair, the batched polish (`shootingGeodesic`: base and perturbed trajectories in one ODE system,
 *    one batched Christoffel contraction per Runge–Kutta stage, inexact-Newton tolerances, nodes sampled
 *    during the last integration) against the previous one (`legacyShootingGeodesic`: d + 1 separate
 *    integrations per Newton step, one per-point contraction per stage, node-by-node re-integration), in
 *    the same process: CPU and wall ms, contraction calls and points, Newton iterations, convergence,
 *    residual, the length change against the energy solution and the new-vs-old length difference;
 * 2. all pairs polished together (`shootingGeodesics`: every pair's trajectories in one batched call).
 * The previous implementation runs on the first two pairs only (≈ 35–40 s of CPU each; on pair 2 it did
 * not finish in ten minutes). `INFOGEOM_BENCH_SIZE=small`: 2 pairs and no previous-implementation rows.
 */
import { benchSize } from '../../../tooling/bench/harness.js';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { float64DenseDecoder } from '../src/decoders/float64-dense-decoder.js';
import { geodesic } from '../src/geodesics/geodesic.js';
import type { GeodesicResult } from '../src/geodesics/geodesic-types.js';
import { shootingGeodesic } from '../src/geodesics/shooting.js';
import { shootingGeodesics } from '../src/geodesics/shooting-geodesics.js';
import { batchedPullbackMetric } from '../src/metrics/batched-pullback-metric.js';
import { gaussianOutput } from '../src/outputs/output-families.js';
import { legacyShootingGeodesic } from './legacy-shooting.js';
import { loadMnistDecoder, mnistBenchPairs } from './mnist-decoder.js';

/** The metric with counters of Christoffel contraction calls and points. */
function counted(base: LatentMetric): { metric: LatentMetric; calls: number; points: number } {
  const c = { metric: base, calls: 0, points: 0 };
  c.metric = {
    ...base,
    christoffelContraction: (z, v) => {
      c.calls++;
      c.points++;
      return base.christoffelContraction!(z, v);
    },
    christoffelContractionBatch: (Z, V, n) => {
      c.calls++;
      c.points += n;
      return base.christoffelContractionBatch!(Z, V, n);
    },
  };
  return c;
}

function measured<T>(fn: () => T): { out: T; cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { out, cpu: (c.user + c.system) / 1000, wall };
}

/** Runs the benchmark and prints the before/after table. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const m = loadMnistDecoder();
  const decoder = float64DenseDecoder(m.layers, gaussianOutput(m.sigma));
  const counter = counted(batchedPullbackMetric(decoder));
  // The same decoder without its fused Christoffel product (G and Jᵀ diag(w) H[v, v] in one stacked
  // forward-mode pass): the contraction from J and d stacked reverse-over-forward products, as before.
  const { weightedGeodesicForce: _fused, ...unfusedDecoder } = decoder;
  const unfused = counted(batchedPullbackMetric(unfusedDecoder));
  const P = small ? 2 : 4;
  const pairs = mnistBenchPairs(m, P);
  const energy = pairs.map(([z0, z1]) => geodesic(counter.metric, z0, z1, { nodes: 32, refine: false }));
  console.log(`${P} pairs, 32 nodes, energy solutions then the shooting polish (tol 1e-10)`);
  console.log(
    '| pair | polish | CPU ms | wall ms | contraction calls | points | iterations | converged | residual | length | vs energy | vs previous |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  const row = (
    k: number,
    name: string,
    fn: () => GeodesicResult,
    ref?: GeodesicResult,
    c: { calls: number; points: number } = counter,
  ): GeodesicResult => {
    c.calls = 0;
    c.points = 0;
    const t = measured(fn);
    const r = t.out;
    const e = energy[k]!;
    const vsOld = ref === undefined ? '' : ((r.length - ref.length) / ref.length).toExponential(1);
    console.log(
      `| ${k} | ${name} | ${t.cpu.toFixed(0)} | ${t.wall.toFixed(0)} | ${c.calls} | ${c.points} | ${r.iterations} | ${r.converged} | ${r.residual.toExponential(1)} | ${r.length.toFixed(8)} | ${((r.length - e.length) / e.length).toExponential(2)} | ${vsOld} |`,
    );
    return r;
  };
  const news: GeodesicResult[] = [];
  pairs.forEach(([z0, z1], k) => {
    const v0 = energy[k]!.initialVelocity;
    // The previous polish on the first two pairs only (pair 2 took it more than ten minutes).
    const old =
      small || k >= 2
        ? undefined
        : row(k, 'previous', () => legacyShootingGeodesic(counter.metric, z0, z1, v0, { nodes: 32 }));
    const unfusedResult = row(
      k,
      'batched, unfused contraction',
      () => shootingGeodesic(unfused.metric, z0, z1, v0, { nodes: 32 }),
      undefined,
      unfused,
    );
    news.push(
      row(
        k,
        'batched',
        () => shootingGeodesic(counter.metric, z0, z1, v0, { nodes: 32 }),
        old ?? unfusedResult,
      ),
    );
  });
  counter.calls = 0;
  counter.points = 0;
  const all = measured(() =>
    shootingGeodesics(
      counter.metric,
      pairs.map(([z0, z1], k) => ({ z0, z1, v0: energy[k]!.initialVelocity })),
      { nodes: 32 },
    ),
  );
  let diff = 0;
  all.out.forEach((r, k) => {
    diff = Math.max(diff, Math.abs(r.length - news[k]!.length) / news[k]!.length);
  });
  console.log(
    `\nall ${P} pairs in one batched polish (shootingGeodesics): CPU ${all.cpu.toFixed(0)} ms (${(all.cpu / P).toFixed(0)} per pair), wall ${all.wall.toFixed(0)} ms, ${counter.calls} contraction calls, ${counter.points} points, converged ${all.out.map((r) => r.converged).join('/')}, max length difference to the single polishes ${diff.toExponential(1)}`,
  );
  // What a user gets from the default call: energy solve, then the polish (kept when it converges).
  const Q = small ? 2 : 8;
  console.log(`\ndefault geodesic(metric, z0, z1) (energy + shooting polish), ${Q} pairs`);
  console.log('| pair | wall ms | CPU ms | method | converged | length | energy-only length − polished |');
  console.log('|---|---|---|---|---|---|---|');
  mnistBenchPairs(m, Q).forEach(([z0, z1], k) => {
    const e = geodesic(counter.metric, z0, z1, { refine: false });
    const t = measured(() => geodesic(counter.metric, z0, z1));
    const r = t.out;
    console.log(
      `| ${k} | ${t.wall.toFixed(0)} | ${t.cpu.toFixed(0)} | ${r.method} | ${r.converged} | ${r.length.toFixed(8)} | ${((e.length - r.length) / r.length).toExponential(2)} |`,
    );
  });
}
