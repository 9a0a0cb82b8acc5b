/**
 * TensorFlow.js Fisher-vector product by double-VJP against one gradient of the mean NLL, on a
 * 784-128-10 tanh MLP (softmax output), batch 128, on the wasm backend. Target (issue): an exact FVP
 * costs ≤ 2.5× a gradient (PERFORMANCE.md anchor: 1.75× on wasm, 3.7× on cpu).
 * `INFOGEOM_BENCH_SIZE=small` (CI smoke): a 20-16-5 MLP, batch 16, on the cpu backend (no wasm needed).
 */

import { createRng, DenseMatrix, gram } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { benchSize } from '../../../tooling/bench/harness.js';
import { blockDiagonalFisher, kfacFisher } from '../src/operators/index.js';
import { tfjsClassifier } from '../src/tfjs/tfjs-model.js';

/** A random SPD m×m factor (a Gram matrix of 2m Gaussian rows plus a ridge), as K-FAC's A or G would be. */
function randomFactor(m: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const X = DenseMatrix.fromFunction(2 * m, m, () => rng.normal());
  const A = gram(X);
  for (let i = 0; i < m; i++) A.data[i * m + i]! += 1e-3;
  return A;
}

const median = (t: number[]): number => [...t].sort((a, b) => a - b)[t.length >> 1]!;

/**
 * Times `a` and `b` alternately (the machine drifts ±30%, paired ratios do not) and returns the median
 * times in ms and the median of the per-pair ratios b/a.
 */
function paired(
  a: () => unknown,
  b: () => unknown,
  repeats: number,
  warmup: number,
): [number, number, number] {
  for (let i = 0; i < warmup; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < repeats; i++) {
    for (const [f, t] of i % 2 === 0
      ? ([
          [a, ta],
          [b, tb],
        ] as const)
      : ([
          [b, tb],
          [a, ta],
        ] as const)) {
      const t0 = performance.now();
      f();
      t.push(performance.now() - t0);
    }
  }
  return [median(ta), median(tb), median(tb.map((x, i) => x / ta[i]!))];
}

/** Runs the benchmark and prints gradient ms, FVP ms and their ratio. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const [d, h, k, n] = small ? [20, 16, 5, 16] : [784, 128, 10, 128];
  if (small) await tf.setBackend('cpu');
  else {
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
  }
  await tf.ready();
  const net = tf.sequential();
  net.add(tf.layers.dense({ inputShape: [d], units: h, activation: 'tanh' }));
  net.add(tf.layers.dense({ units: k }));
  const model = tfjsClassifier(net);
  const x = tf.randomNormal([n, d], 0, 1, 'float32', 1);
  const labels = Array.from({ length: n }, (_, i) => i % k);
  const v = Float64Array.from({ length: model.dimension }, (_, i) => Math.sin(i));
  const before = tf.memory().numTensors;
  const [repeats, warmup] = small ? [3, 1] : [15, 3];
  const [grad, fvp, ratio] = paired(
    () => model.gradient(x, labels),
    () => model.fisherVectorProduct(x, v),
    repeats,
    warmup,
  );
  const leaked = tf.memory().numTensors - before;
  console.log(
    `backend ${tf.getBackend()}, ${d}-${h}-${k} tanh MLP (${model.dimension} params), batch ${n}: ` +
      `gradient ${grad.toFixed(2)} ms, exact FVP ${fvp.toFixed(2)} ms, median paired ratio ${ratio.toFixed(2)}× ` +
      `(target ≤ 2.5×, PERFORMANCE.md anchor 1.75× on wasm), leaked tensors ${leaked}`,
  );
  // K-FAC after factorisation: block-diagonal over the two dense layers (bias as a homogeneous coordinate),
  // each block G ⊗ A applied by Kronecker products in float64 (issue target: mv ≤ 1.2× a gradient).
  const kfac = blockDiagonalFisher([
    kfacFisher(randomFactor(d + 1, 2), randomFactor(h, 3)),
    kfacFisher(randomFactor(h + 1, 4), randomFactor(k, 5)),
  ]);
  const u = Float64Array.from({ length: kfac.dim }, (_, i) => Math.cos(i));
  const [grad2, kmv, kratio] = paired(
    () => model.gradient(x, labels),
    () => kfac.mv(u),
    repeats,
    warmup,
  );
  console.log(
    `K-FAC (${kfac.dim} params, 2 Kronecker blocks) mv ${kmv.toFixed(2)} ms vs gradient ${grad2.toFixed(2)} ms: ` +
      `median paired ratio ${kratio.toFixed(2)}× (target ≤ 1.2×)`,
  );
  x.dispose();
  net.dispose();
}
