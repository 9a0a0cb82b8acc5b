/**
 * Geodesics under the pullback metric JᵀJ/σ² of the committed MNIST decoder (2 → 64 → 64 → 784, tanh,
 * sigmoid means, trained by scripts/train-decoder.ts), between codes of real digits, 32 nodes, tol 1e-6,
 * energy minimisation only (`refine: false`):
 * 1. one geodesic through the float64 path (`float64DenseDecoder` + `batchedPullbackMetric`, fused energy
 *    density) — target < 200 ms — and through the tfjs wasm path (`tfjsDecoder` with forward mode and the
 *    network's hand-written reverse passes, `net.decoderOptions`; also by tfjs autodiff) — target < 1 s;
 *    each with the default solver (coarse to fine, L-BFGS with Newton-Hessian restarts) and the previous
 *    one (`preconditioner: 'metric', multilevel: false`) in the same process; wall and CPU ms;
 *    then the float32 floor: the residual the tfjs density shows at the float64 solution (tol 1e-10), and
 *    the tfjs solve's length and nodes against that solution (2 pairs small, 8 full);
 * 2. P pairs batched (all pairs' curves in one decoder call per round) against P single calls, float64
 *    and tfjs;
 * 3. the decoded polyline energy (`polylineGeodesic`, opt-in): one geodesic on float64 and tfjs with its
 *    length's relative difference from the spline solver's, and P pairs batched (`polylineGeodesics`)
 *    against P single calls, wall and CPU;
 * 4. geodesic / straight-line length ratios over the pairs, without and with the RBF variance network.
 * The default `geodesic` with the shooting polish is timed in the full run only.
 * `INFOGEOM_BENCH_SIZE=small`: 4 pairs, one repeat, no previous-solver tfjs row, 2 variance-network pairs.
 */
import * as tf from '@tensorflow/tfjs';
import { benchSize, compare, printTable } from '../../../tooling/bench/harness.js';
import { curveLength } from '../src/curves/curve-energy.js';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { float64DenseDecoder } from '../src/decoders/float64-dense-decoder.js';
import { geodesics } from '../src/geodesics/batch-geodesics.js';
import { EnergyGeodesicSolver } from '../src/geodesics/energy-geodesic.js';
import { geodesic } from '../src/geodesics/geodesic.js';
import type { GeodesicOptions, GeodesicResult } from '../src/geodesics/geodesic-types.js';
import { polylineGeodesic, polylineGeodesics } from '../src/geodesics/polyline-geodesic.js';
import { batchedPullbackMetric } from '../src/metrics/batched-pullback-metric.js';
import { gaussianOutput } from '../src/outputs/output-families.js';
import { tfjsDenseNetwork } from '../src/tfjs/dense-network.js';
import { tfjsDecoder } from '../src/tfjs/tfjs-decoder.js';
import { loadMnistDecoder, mnistBenchPairs } from './mnist-decoder.js';
import { mnistVarianceMetrics } from './mnist-variance.js';
import { useFastestBackend } from './tfjs-backend.js';

function straight(z0: Float64Array, z1: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 2; j++) out[2 * i + j] = z0[j]! + ((z1[j]! - z0[j]!) * i) / (n - 1);
  return out;
}

/** Median wall and CPU milliseconds of `reps` runs (CPU: user + system of this process). */
function timed<T>(fn: () => T, reps: number): { wall: number; cpu: number; out: T } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let out: T | undefined;
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const med = (x: number[]): number => x.sort((a, b) => a - b)[x.length >> 1]!;
  return { wall: med(walls), cpu: med(cpus), out: out as T };
}

const PREVIOUS: GeodesicOptions = { preconditioner: 'metric', multilevel: false };

/** The solvers' residual ‖∇E‖·‖z₁ − z₀‖/(2E) of the curve with nodes `Y` under `metric` (no iteration). */
function residualAt(metric: LatentMetric, z0: Float64Array, z1: Float64Array, Y: Float64Array): number {
  const n = Y.length / 2;
  const s = new EnergyGeodesicSolver(metric, z0, z1, { nodes: n, init: Y, preconditioner: 'metric' });
  const e = s.evaluate(Y);
  if (e === undefined) return Number.NaN;
  let g = 0;
  for (let i = 2; i < (n - 1) * 2; i++) g += e.gradient[i]! ** 2;
  return (Math.sqrt(g) * Math.hypot(z1[0]! - z0[0]!, z1[1]! - z0[1]!)) / (2 * e.energy);
}

/** Runs the benchmark and prints timings, the batching speed-up and the length ratios. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const OPTS = { nodes: 32, tol: 1e-6, refine: false } as const;
  await useFastestBackend();
  const m = loadMnistDecoder();
  const output = gaussianOutput(m.sigma);
  const metric64 = batchedPullbackMetric(float64DenseDecoder(m.layers, output));
  const net = tfjsDenseNetwork(m.layers);
  const dims = { latentDimension: 2, outputDimension: 784, output };
  const metric32 = batchedPullbackMetric(tfjsDecoder(net.apply, { ...net.decoderOptions, output }));
  // The energy density by tfjs autodiff through the tangent program instead of the hand-written reverse pass.
  const metric32Autodiff = batchedPullbackMetric(tfjsDecoder(net.apply, { ...dims, jvp: net.jvp }));
  const P = small ? 4 : 64;
  const pairs = mnistBenchPairs(m, P);
  const [z0, z1] = pairs[0]!;
  const repeats = small ? 1 : 3;
  const leak0 = tf.memory().numTensors;
  const backend = tf.getBackend();

  console.log(
    `backend ${backend}; pair 0: ${Array.from(z0, (x) => x.toFixed(2))} → ${Array.from(z1, (x) => x.toFixed(2))}; 32 nodes, tol 1e-6, energy only`,
  );
  console.log('| path | solver | wall ms | CPU ms | iterations | residual | converged | length |');
  console.log('|---|---|---|---|---|---|---|---|');
  const row = (
    path: string,
    solver: string,
    metric: LatentMetric,
    extra: GeodesicOptions,
  ): GeodesicResult => {
    geodesic(metric, z0, z1, { ...OPTS, ...extra }); // warm-up: one whole solve (JIT tiers, wasm, buffers)
    const t = timed(() => geodesic(metric, z0, z1, { ...OPTS, ...extra }), repeats);
    const r = t.out;
    console.log(
      `| ${path} | ${solver} | ${t.wall.toFixed(0)} | ${t.cpu.toFixed(0)} | ${r.iterations} | ${r.residual.toExponential(1)} | ${r.converged} | ${r.length.toFixed(6)} |`,
    );
    return r;
  };
  const r64 = row('float64', 'default', metric64, {});
  row('float64', 'previous (metric preconditioner, one level)', metric64, PREVIOUS);
  const r32 = row(`tfjs ${backend}`, 'default', metric32, {});
  row(`tfjs ${backend}`, 'default, products by tfjs autodiff (`jvp` only)', metric32Autodiff, {});
  if (!small) row(`tfjs ${backend}`, 'previous (metric preconditioner, one level)', metric32, PREVIOUS);
  if (!small) row('float64', 'default + shooting polish (`refine: true`)', metric64, { refine: true });
  console.log(
    `\ntfjs vs float64 length: relative difference ${(Math.abs(r32.length - r64.length) / r64.length).toExponential(1)}`,
  );
  // The float32 floor: the residual the tfjs density shows at the float64 solution itself (solved to 1e-10),
  // and how far the tfjs solve's nodes are from that solution (relative to ‖z₁ − z₀‖).
  for (const [k, [a, b]] of pairs.slice(0, small ? 2 : 8).entries()) {
    const exact = geodesic(metric64, a, b, { ...OPTS, tol: 1e-10 });
    const f32 = k === 0 ? r32 : geodesic(metric32, a, b, OPTS);
    let node = 0;
    for (let i = 0; i < exact.points.length; i++)
      node = Math.max(node, Math.abs(f32.points[i]! - exact.points[i]!));
    console.log(
      `pair ${k}: float64 solution (residual ${exact.residual.toExponential(1)}) under the tfjs density: residual ${residualAt(metric32, a, b, exact.points).toExponential(1)}; tfjs solve: residual ${f32.residual.toExponential(1)}, length ${(Math.abs(f32.length - exact.length) / exact.length).toExponential(1)} relative, nodes ${(node / Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!)).toExponential(1)} × ‖z₁ − z₀‖ from it`,
    );
  }
  console.log('');

  // The decoded polyline energy (stochman's discretisation): Newton-preconditioned L-BFGS, straight start.
  const POLY = { nodes: 32, tol: 1e-6 } as const;
  console.log(
    '| path | solver | wall ms | CPU ms | iterations | residual | converged | polyline length | vs spline length |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const polyRow = (path: string, metric: LatentMetric, ref: GeodesicResult): GeodesicResult => {
    polylineGeodesic(metric, z0, z1, { ...POLY, maxIterations: 2 }); // warm-up
    const t = timed(() => polylineGeodesic(metric, z0, z1, POLY), repeats);
    const r = t.out;
    console.log(
      `| ${path} | polyline (decoded chords) | ${t.wall.toFixed(0)} | ${t.cpu.toFixed(0)} | ${r.iterations} | ${r.residual.toExponential(1)} | ${r.converged} | ${r.length.toFixed(6)} | ${((r.length - ref.length) / ref.length).toExponential(1)} |`,
    );
    return r;
  };
  const p64 = polyRow('float64', metric64, r64);
  const p32 = polyRow(`tfjs ${backend}`, metric32, r32);
  console.log(
    `\npolyline tfjs vs float64 length: relative difference ${(Math.abs(p32.length - p64.length) / p64.length).toExponential(1)}\n`,
  );

  const cmps = [];
  const cpuLines: string[] = [];
  for (const [name, metric] of [
    ['float64', metric64],
    [`tfjs ${backend}`, metric32],
  ] as const) {
    let batched: GeodesicResult[] = [];
    const cpu = { batched: 0, single: 0 };
    const withCpu = (key: 'batched' | 'single', fn: () => unknown) => (): unknown => {
      const c0 = process.cpuUsage();
      const out = fn();
      const c = process.cpuUsage(c0);
      cpu[key] += (c.user + c.system) / 1000;
      return out;
    };
    cmps.push(
      compare(
        `${P} pairs, ${name}`,
        {
          name: 'one batched call',
          run: withCpu('batched', () => (batched = geodesics(metric, pairs, OPTS))),
        },
        {
          name: `${P} single calls`,
          run: withCpu('single', () => pairs.map(([a, b]) => geodesic(metric, a, b, OPTS))),
        },
        1,
        0,
      ),
    );
    const conv = batched.filter((r) => r.converged).length;
    const its = batched.reduce((s, r) => s + r.iterations, 0) / P;
    cpuLines.push(
      `${name}: CPU ${cpu.batched.toFixed(0)} ms batched vs ${cpu.single.toFixed(0)} ms single (${(cpu.single / cpu.batched).toFixed(2)}×); batched ${conv}/${P} converged, mean ${its.toFixed(1)} iterations`,
    );
  }
  for (const [name, metric] of [
    ['float64', metric64],
    [`tfjs ${backend}`, metric32],
  ] as const) {
    let batched: GeodesicResult[] = [];
    let single: GeodesicResult[] = [];
    const cpu = { batched: 0, single: 0 };
    const withCpu = (key: 'batched' | 'single', fn: () => unknown) => (): unknown => {
      const c0 = process.cpuUsage();
      const out = fn();
      const c = process.cpuUsage(c0);
      cpu[key] += (c.user + c.system) / 1000;
      return out;
    };
    cmps.push(
      compare(
        `${P} pairs, polyline, ${name}`,
        {
          name: 'one batched call',
          run: withCpu('batched', () => (batched = polylineGeodesics(metric, pairs, POLY))),
        },
        {
          name: `${P} single calls`,
          run: withCpu(
            'single',
            () => (single = pairs.map(([a, b]) => polylineGeodesic(metric, a, b, POLY))),
          ),
        },
        1,
        0,
      ),
    );
    const conv = batched.filter((r) => r.converged).length;
    const its = batched.reduce((s, r) => s + r.iterations, 0) / P;
    const same = batched.every((r, k) => Math.abs(r.length - single[k]!.length) <= 1e-9 * r.length);
    cpuLines.push(
      `polyline ${name}: CPU ${cpu.batched.toFixed(0)} ms batched vs ${cpu.single.toFixed(0)} ms single (${(cpu.single / cpu.batched).toFixed(2)}×); batched ${conv}/${P} converged, mean ${its.toFixed(1)} iterations, batched = single lengths: ${same}`,
    );
  }
  printTable(cmps);
  for (const l of cpuLines) console.log(l);
  const batched = geodesics(metric64, pairs, OPTS);
  const ratios = batched.map(
    (r, k) => curveLength(metric64, r.points) / curveLength(metric64, straight(...pairs[k]!, 129)),
  );
  ratios.sort((a, b) => a - b);
  const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
  console.log(
    `\ngeodesic / straight-line length (JᵀJ/σ², no variance network, ${P} pairs): mean ${mean.toFixed(3)}, median ${ratios[ratios.length >> 1]!.toFixed(3)}, min ${ratios[0]!.toFixed(3)}`,
  );
  // With the RBF variance network: G = J_μᵀJ_μ + J_σᵀJ_σ (`sumMetrics` with the batched `rbfVarianceMetric`).
  const Pv = small ? 2 : 16;
  const { mean: meanMetric, withVariance } = mnistVarianceMetrics(m, small ? 300 : 1000, small ? 30 : 100);
  const sub = pairs.slice(0, Pv);
  for (const [name, metric] of [
    ['without', meanMetric],
    ['with', withVariance],
  ] as const) {
    const t = timed(() => geodesics(metric, sub, OPTS), 1);
    const rs = t.out;
    const rr = rs.map((r, k) => r.length / curveLength(metric, straight(...sub[k]!, 129)));
    const c = rs.filter((r) => r.converged).length;
    console.log(
      `${name} variance network (${Pv} pairs, ${c} converged, ${t.wall.toFixed(0)} ms wall, ${t.cpu.toFixed(0)} ms CPU, mean ${(rs.reduce((s, r) => s + r.iterations, 0) / Pv).toFixed(1)} iterations): geodesic / straight-line length mean ${(rr.reduce((a, x) => a + x, 0) / Pv).toFixed(3)}, min ${Math.min(...rr).toFixed(3)}, max ${Math.max(...rr).toFixed(3)}`,
    );
  }
  console.log(`tensors leaked over all solves: ${tf.memory().numTensors - leak0}`);
  net.dispose();
}
