/**
 * Geodesics under the pullback metric JᵀJ/σ² of the committed MNIST decoder (2 → 64 → 64 → 784, tanh,
 * sigmoid means, trained by scripts/train-decoder.ts), between codes of real digits, 32 nodes, tol 1e-6:
 * 1. one geodesic through the float64 path (analytic `mlpDecoder`) — target < 200 ms;
 * 2. the same through the tfjs wasm path (`tfjsDecoder` with forward mode, `batchedPullbackMetric`) — target < 1 s;
 * 3. P pairs batched (all pairs' curves in one network call per round) against P single solves (tfjs);
 * 4. geodesic / straight-line length ratios over the pairs, without and with the RBF variance network.
 * The default `geodesic` (energy, then shooting polish) is timed in the full run only.
 * `INFOGEOM_BENCH_SIZE=small`: 2 pairs, tolerance 1e-4, one repeat, 8 nodes for the variance-network pair.
 */
import { createRng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { benchSize, compare, printTable, time } from '../../../tooling/bench/harness.js';
import { curveLength } from '../src/curves/curve-energy.js';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { geodesics } from '../src/geodesics/batch-geodesics.js';
import { geodesic } from '../src/geodesics/geodesic.js';
import type { GeodesicResult } from '../src/geodesics/geodesic-types.js';
import { gaussianOutput } from '../src/outputs/output-families.js';
import { batchedPullbackMetric } from '../src/tfjs/batched-pullback-metric.js';
import { tfjsDenseNetwork } from '../src/tfjs/dense-network.js';
import { float64DenseDecoder } from '../src/tfjs/float64-dense-decoder.js';
import { tfjsDecoder } from '../src/tfjs/tfjs-decoder.js';
import { loadMnistDecoder } from './mnist-decoder.js';
import { mnistVarianceMetrics } from './mnist-variance.js';

function straight(z0: Float64Array, z1: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 2; j++) out[2 * i + j] = z0[j]! + ((z1[j]! - z0[j]!) * i) / (n - 1);
  return out;
}

const fmt = (r: GeodesicResult): string =>
  `${r.method}, converged ${r.converged}, ${r.iterations} it, residual ${r.residual.toExponential(1)}, length ${r.length.toFixed(4)}`;

/** Runs the benchmark and prints timings, the batching speed-up and the length ratios. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const OPTS = { nodes: 32, tol: small ? 1e-4 : 1e-6 };
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
  } catch {
    await tf.setBackend('cpu');
  }
  await tf.ready();
  const m = loadMnistDecoder();
  const output = gaussianOutput(m.sigma);
  const metric64 = batchedPullbackMetric(float64DenseDecoder(m.layers, output));
  const net = tfjsDenseNetwork(m.layers);
  const metric32 = batchedPullbackMetric(
    tfjsDecoder(net.apply, { latentDimension: 2, outputDimension: 784, output, jvp: net.jvp }),
  );
  const rng = createRng(2018);
  const P = small ? 2 : 64;
  const pairs: [Float64Array, Float64Array][] = [];
  while (pairs.length < P) {
    const i = rng.int(m.n);
    const j = rng.int(m.n);
    if (m.labels[i] === m.labels[j]) continue; // pairs of different digits
    pairs.push([m.codes.slice(2 * i, 2 * i + 2), m.codes.slice(2 * j, 2 * j + 2)]);
  }
  const [z0, z1] = pairs[0]!;
  const repeats = small ? 1 : 3;
  const leak0 = tf.memory().numTensors;

  console.log(
    `backend ${tf.getBackend()}; pair 0: ${Array.from(z0, (x) => x.toFixed(2))} → ${Array.from(z1, (x) => x.toFixed(2))}`,
  );
  console.log('| path | ms | result |');
  console.log('|---|---|---|');
  const row = (
    label: string,
    metric: LatentMetric,
    refine: boolean,
    reps: number,
    warm: number,
  ): GeodesicResult => {
    let r: GeodesicResult | undefined;
    const t = time(() => (r = geodesic(metric, z0, z1, { ...OPTS, refine })), reps, warm);
    console.log(`| ${label} | ${t.toFixed(0)} | ${fmt(r!)} |`);
    return r!;
  };
  const r64e = row('float64, energy only (target < 200 ms)', metric64, false, repeats, 0);
  const r32 = row(
    `tfjs ${tf.getBackend()}, energy only (target < 1 s)`,
    metric32,
    false,
    repeats,
    small ? 0 : 1,
  );
  if (!small) row('float64, energy + shooting polish (geodesic default)', metric64, true, 1, 0);
  console.log(
    `tfjs vs float64 energy-only length: relative difference ${(Math.abs(r32.length - r64e.length) / r64e.length).toExponential(1)}\n`,
  );

  const single = (metric: LatentMetric): GeodesicResult[] =>
    pairs.map(([a, b]) => geodesic(metric, a, b, { ...OPTS, refine: false }));
  let batched: GeodesicResult[] = [];
  const cmp = compare(
    `${P} pairs, tfjs ${tf.getBackend()}`,
    {
      name: 'one batched call',
      run: () => (batched = geodesics(metric32, pairs, { ...OPTS, refine: false })),
    },
    { name: `${P} single calls`, run: () => single(metric32) },
    1,
    0,
  );
  printTable([cmp]);
  const conv = batched.filter((r) => r.converged).length;
  const ratios = batched.map(
    (r, k) => curveLength(metric64, r.points) / curveLength(metric64, straight(...pairs[k]!, 129)),
  );
  ratios.sort((a, b) => a - b);
  const mean = ratios.reduce((s, x) => s + x, 0) / ratios.length;
  console.log(
    `\nbatched: ${conv}/${P} converged; geodesic / straight-line length (JᵀJ/σ², no variance network): mean ${mean.toFixed(3)}, median ${ratios[ratios.length >> 1]!.toFixed(3)}, min ${ratios[0]!.toFixed(3)}`,
  );
  // With the RBF variance network: G = J_μᵀJ_μ + J_σᵀJ_σ (σ part per code, so fewer pairs).
  const Pv = small ? 1 : 8;
  const { mean: meanMetric, withVariance } = mnistVarianceMetrics(m, small ? 300 : 1000, small ? 30 : 100);
  const sub = pairs.slice(0, Pv);
  for (const [name, metric] of [
    ['without', meanMetric],
    ['with', withVariance],
  ] as const) {
    const t0 = performance.now();
    const rs = geodesics(metric, sub, { ...OPTS, ...(small ? { nodes: 8 } : {}), refine: false });
    const rr = rs.map((r, k) => r.length / curveLength(metric, straight(...sub[k]!, 129)));
    const c = rs.filter((r) => r.converged).length;
    console.log(
      `${name} variance network (${Pv} pairs, ${c} converged, ${(performance.now() - t0).toFixed(0)} ms): geodesic / straight-line length mean ${(rr.reduce((a, x) => a + x, 0) / Pv).toFixed(3)}, min ${Math.min(...rr).toFixed(3)}, max ${Math.max(...rr).toFixed(3)}`,
    );
  }
  console.log(`tensors leaked over all solves: ${tf.memory().numTensors - leak0}`);
  net.dispose();
}
