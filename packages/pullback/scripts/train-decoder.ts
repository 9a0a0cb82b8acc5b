/**
 * Trains the MNIST decoder committed under `packages/pullback/models/`: a variational autoencoder with a
 * 2-D latent space on the 10,000 real digits of `tooling/bench/mnist.ts`.
 *
 * - Encoder 784 → 128 → 64 → (μ, log σ²) ∈ ℝ² × ℝ², tanh hidden layers (only the decoder is committed).
 * - Decoder 2 → 64 → 64 → 784, tanh hidden layers, sigmoid output: the output is the MEAN μ(z) ∈ (0, 1)⁷⁸⁴
 *   of a Gaussian p(x | z) = N(μ(z), σ²I) with one learned noise level σ. Gaussian rather than Bernoulli
 *   means: the grey levels are not binary, the pullback of N(μ, σ²I) is the reference metric
 *   JᵀJ/σ², and the RBF variance network of Arvanitidis et al. (2018) extends exactly this Gaussian
 *   family to σ(z) (precision grows off the data), so "with and without the variance network" compares
 *   two metrics of one model.
 * - Loss: the negative ELBO per digit, ‖x − μ(z)‖²/(2σ²) + 784 log σ + KL(q(z|x) ‖ N(0, I)), Adam.
 *
 * Seeded: the weight initialisation, the shuffles and the reparameterisation noise all come from
 * `createRng(seed)` (passed to tfjs as tensors), so a rerun on the same backend gives the same weights.
 *
 * Output: `mnist-decoder.json` (layer shapes, σ, training summary), `mnist-decoder.bin` (decoder weights,
 * float32 little-endian, layer by layer: W [in × out] row-major then b), `mnist-codes.bin` (posterior means
 * of the 10,000 digits, float32 n × 2) and `mnist-labels.bin` (uint8 labels).
 *
 * Run: `cd packages/pullback && npx tsx --conditions=@infogeom/source scripts/train-decoder.ts [epochs]`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Rng } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { loadMnist } from '../../../tooling/bench/mnist.js';
import { useFastestBackend } from '../bench/tfjs-backend.js';

const SEED = 20181;
const EPOCHS = Number(process.argv[2] ?? 60);
const BATCH = 100;
const LATENT = 2;
const ENCODER = [784, 128, 64] as const;
const DECODER = [LATENT, 64, 64, 784] as const;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'models');

/** Glorot-uniform weights and zero biases for the layer sizes, drawn from `rng`. */
function dense(sizes: readonly number[], rng: Rng): tf.Variable[] {
  const vars: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const a = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * a;
    vars.push(tf.variable(tf.tensor2d(w, [fanIn, fanOut])));
    vars.push(tf.variable(tf.zeros([fanOut])));
  }
  return vars;
}

/** tanh MLP; the last layer is affine (no activation). */
function mlp(vars: readonly tf.Variable[], x: tf.Tensor): tf.Tensor {
  let h = x;
  const layers = vars.length / 2;
  for (let l = 0; l < layers; l++) {
    h = tf.add(tf.matMul(h as tf.Tensor2D, vars[2 * l] as tf.Tensor2D), vars[2 * l + 1]!);
    if (l + 1 < layers) h = tf.tanh(h);
  }
  return h;
}

async function main(): Promise<void> {
  await useFastestBackend();
  const rng = createRng(SEED);
  const { images, labels, n } = loadMnist();
  const X = tf.tensor2d(images, [n, 784]);
  const enc = dense([...ENCODER, 2 * LATENT], rng);
  const dec = dense(DECODER, rng);
  const logSigma = tf.variable(tf.scalar(Math.log(0.3)));
  const optimizer = tf.train.adam(2e-3);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const eps = new Float32Array(BATCH * LATENT);
  const t0 = performance.now();
  const history: { epoch: number; loss: number; mse: number; kl: number; sigma: number }[] = [];
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    // Decay in place (keeps Adam's moment estimates); tfjs declares the field protected.
    if (epoch === Math.round(EPOCHS * 0.75))
      (optimizer as unknown as { learningRate: number }).learningRate = 5e-4;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let sumLoss = 0;
    let sumMse = 0;
    let sumKl = 0;
    for (let b = 0; b + BATCH <= n; b += BATCH) {
      for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
      const stats = tf.tidy(() => {
        const idx = tf.tensor1d(order.subarray(b, b + BATCH), 'int32');
        const x = tf.gather(X, idx);
        const e = tf.tensor2d(eps, [BATCH, LATENT]);
        let parts: tf.Tensor[] = [];
        const cost = optimizer.minimize(() => {
          const h = mlp(enc, x);
          const mu = h.slice([0, 0], [BATCH, LATENT]);
          const logVar = h.slice([0, LATENT], [BATCH, LATENT]);
          const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), e));
          const mean = tf.sigmoid(mlp(dec, z));
          const sq = tf.mean(tf.sum(tf.square(tf.sub(x, mean)), 1));
          const kl = tf.mean(
            tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 1)),
          );
          const nll = tf.add(tf.div(sq, tf.mul(2, tf.exp(tf.mul(2, logSigma)))), tf.mul(784, logSigma));
          parts = [tf.keep(sq), tf.keep(kl)];
          return tf.add(nll, kl) as tf.Scalar;
        }, true);
        return [cost!, ...parts];
      });
      const [l, s, k] = stats.map((t) => t.dataSync()[0]!);
      tf.dispose(stats);
      sumLoss += l!;
      sumMse += s! / 784;
      sumKl += k!;
    }
    const batches = Math.floor(n / BATCH);
    const row = {
      epoch,
      loss: sumLoss / batches,
      mse: sumMse / batches,
      kl: sumKl / batches,
      sigma: Math.exp(logSigma.dataSync()[0]!),
    };
    history.push(row);
    console.log(
      `epoch ${epoch}: −ELBO ${row.loss.toFixed(1)} nats, pixel MSE ${row.mse.toFixed(5)}, KL ${row.kl.toFixed(2)}, σ ${row.sigma.toFixed(4)}, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }

  // Posterior means of all digits, and the final deterministic reconstruction error through them.
  const [codes, mseMean] = tf.tidy(() => {
    const h = mlp(enc, X);
    const mu = h.slice([0, 0], [n, LATENT]);
    const rec = tf.sigmoid(mlp(dec, mu));
    return [mu.dataSync() as Float32Array, tf.mean(tf.square(tf.sub(rec, X))).dataSync()[0]!] as const;
  });
  const weights: number[] = [];
  const layers: { in: number; out: number }[] = [];
  for (let l = 0; l < dec.length / 2; l++) {
    layers.push({ in: DECODER[l]!, out: DECODER[l + 1]! });
    weights.push(...dec[2 * l]!.dataSync(), ...dec[2 * l + 1]!.dataSync());
  }
  const w32 = Float32Array.from(weights);
  writeFileSync(join(out, 'mnist-decoder.bin'), new Uint8Array(w32.buffer));
  writeFileSync(
    join(out, 'mnist-codes.bin'),
    new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength),
  );
  writeFileSync(join(out, 'mnist-labels.bin'), labels);
  const last = history[history.length - 1]!;
  const manifest = {
    description:
      'Decoder of a 2-D Gaussian VAE trained on the 10,000 MNIST digits of tooling/bench/mnist.ts by scripts/train-decoder.ts',
    activation: 'tanh',
    output: 'sigmoid',
    likelihood: 'gaussian',
    sigma: last.sigma,
    layers,
    weights: 'mnist-decoder.bin',
    codes: 'mnist-codes.bin',
    labels: 'mnist-labels.bin',
    n,
    latentDimension: LATENT,
    training: {
      seed: SEED,
      epochs: EPOCHS,
      batch: BATCH,
      backend: tf.getBackend(),
      encoder: [...ENCODER, 2 * LATENT],
      finalNegativeElbo: last.loss,
      finalKl: last.kl,
      reconstructionMsePerPixel: mseMean,
      seconds: Math.round((performance.now() - t0) / 1000),
    },
  };
  writeFileSync(join(out, 'mnist-decoder.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote ${out}: ${w32.length} decoder weights, reconstruction MSE/pixel ${mseMean.toFixed(5)}`);
}

await main();
