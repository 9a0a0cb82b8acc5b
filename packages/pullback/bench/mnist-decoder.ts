/**
 * Loads the committed MNIST decoder (`models/`, trained by `scripts/train-decoder.ts`): its dense layers in
 * the float64 `mlpDecoder` format, the noise level σ, and the latent codes and labels of the 10,000 digits.
 * Used by the benchmarks, the figure script and the tests (node:fs, so not part of the published entries).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@infogeom/linalg';
import type { DenseLayer } from '../src/decoders/mlp-decoder.js';

/** The committed decoder and the codes of its training digits. */
export interface MnistDecoderModel {
  /** Dense layers 2 → 64 → 64 → 784 (weights outputs × inputs, float64), tanh hidden, sigmoid output. */
  layers: DenseLayer[];
  /** Learned Gaussian noise level σ of p(x | z) = N(μ(z), σ²I). */
  sigma: number;
  /** Posterior means of the training digits, n × 2 row-major. */
  codes: Float64Array;
  /** Digit labels 0–9. */
  labels: Uint8Array;
  /** Number of digits n. */
  n: number;
  /** The training summary written by the script. */
  training: Record<string, unknown>;
}

interface Manifest {
  activation: 'tanh';
  output: 'sigmoid';
  sigma: number;
  layers: { in: number; out: number }[];
  weights: string;
  codes: string;
  labels: string;
  n: number;
  training: Record<string, unknown>;
}

const here = dirname(fileURLToPath(import.meta.url));

const float32 = (path: string): Float32Array => {
  const b = readFileSync(path);
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
};

/** Reads `packages/pullback/models/mnist-decoder.*` (weights stored float32, W as inputs × outputs). */
export function loadMnistDecoder(dir = join(here, '..', 'models')): MnistDecoderModel {
  const m = JSON.parse(readFileSync(join(dir, 'mnist-decoder.json'), 'utf8')) as Manifest;
  const w = float32(join(dir, m.weights));
  const layers: DenseLayer[] = [];
  let off = 0;
  m.layers.forEach((l, k) => {
    const W = new Float64Array(l.in * l.out);
    for (let a = 0; a < l.in; a++) for (let b = 0; b < l.out; b++) W[b * l.in + a] = w[off + a * l.out + b]!;
    off += l.in * l.out;
    const bias = Float64Array.from(w.subarray(off, off + l.out));
    off += l.out;
    layers.push({ weights: W, bias, activation: k === m.layers.length - 1 ? m.output : m.activation });
  });
  if (off !== w.length) throw new Error(`mnist-decoder.bin: ${w.length} floats, layers need ${off}`);
  const codes = Float64Array.from(float32(join(dir, m.codes)));
  const labels = new Uint8Array(readFileSync(join(dir, m.labels)));
  return { layers, sigma: m.sigma, codes, labels, n: m.n, training: m.training };
}

/** The benchmarks' endpoint pairs: P pairs of training codes of different digits (createRng(2018)). */
export function mnistBenchPairs(m: MnistDecoderModel, P: number): [Float64Array, Float64Array][] {
  const rng = createRng(2018);
  const pairs: [Float64Array, Float64Array][] = [];
  while (pairs.length < P) {
    const i = rng.int(m.n);
    const j = rng.int(m.n);
    if (m.labels[i] === m.labels[j]) continue;
    pairs.push([m.codes.slice(2 * i, 2 * i + 2), m.codes.slice(2 * j, 2 * j + 2)]);
  }
  return pairs;
}
