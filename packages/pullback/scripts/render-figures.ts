/**
 * Renders the figures of `packages/pullback/docs/` from the committed MNIST decoder:
 * - `interpolation.png`: decoded interpolations (the mean μ(z)) between two digits, one row each: the
 *   straight line, the geodesic of the pullback metric JᵀJ/σ² (float64 path), and the geodesic of
 *   J_μᵀJ_μ + J_σᵀJ_σ with the RBF variance network σ(z) (Arvanitidis et al. 2018);
 * - `magnification.png`: log₁₀ of the magnification factor √det G(z) of JᵀJ/σ² over the latent plane (tfjs
 *   wasm path), the 10,000 training codes as grey dots, the straight line (red), the geodesic (white) and
 *   the geodesic with the variance network (orange).
 *
 * Run: `cd packages/pullback && npx tsx --conditions=@infogeom/source scripts/render-figures.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadMnistDecoder } from '../bench/mnist-decoder.js';
import { mnistVarianceMetrics } from '../bench/mnist-variance.js';
import { curveLength } from '../src/curves/curve-energy.js';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { float64DenseDecoder } from '../src/decoders/float64-dense-decoder.js';
import { geodesic } from '../src/geodesics/geodesic.js';
import type { GeodesicResult } from '../src/geodesics/geodesic-types.js';
import { magnificationGrid } from '../src/geometry/magnification.js';
import { batchedPullbackMetric } from '../src/metrics/batched-pullback-metric.js';
import { gaussianOutput } from '../src/outputs/output-families.js';
import { tfjsDenseNetwork } from '../src/tfjs/dense-network.js';
import { tfjsDecoder } from '../src/tfjs/tfjs-decoder.js';
import { encodePng } from './png.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
const COLS = 12;
const SCALE = 2;
const GAP = 4;

/** The training digit of class `label` whose code is nearest the class's mean code. */
function medoid(codes: Float64Array, labels: Uint8Array, label: number): Float64Array {
  let mx = 0;
  let my = 0;
  let c = 0;
  labels.forEach((l, i) => {
    if (l !== label) return;
    mx += codes[2 * i]!;
    my += codes[2 * i + 1]!;
    c++;
  });
  mx /= c;
  my /= c;
  let best = -1;
  let bd = Number.POSITIVE_INFINITY;
  labels.forEach((l, i) => {
    const dd = (codes[2 * i]! - mx) ** 2 + (codes[2 * i + 1]! - my) ** 2;
    if (l === label && dd < bd) {
      bd = dd;
      best = i;
    }
  });
  return codes.slice(2 * best, 2 * best + 2);
}

/** COLS points along a polyline of nodes (n×2), equally spaced in node index. */
function pick(nodes: Float64Array): Float64Array {
  const n = nodes.length / 2;
  const out = new Float64Array(COLS * 2);
  for (let k = 0; k < COLS; k++) {
    const s = (k * (n - 1)) / (COLS - 1);
    const i = Math.min(Math.floor(s), n - 2);
    const f = s - i;
    for (let j = 0; j < 2; j++) out[2 * k + j] = (1 - f) * nodes[2 * i + j]! + f * nodes[2 * i + 2 + j]!;
  }
  return out;
}

function line(z0: Float64Array, z1: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < 2; j++) out[2 * i + j] = z0[j]! + ((z1[j]! - z0[j]!) * i) / (n - 1);
  return out;
}

/** Decoded rows of 28×28 images as one grey PNG. */
function grid(rows: Float64Array[]): Uint8Array {
  const cell = 28 * SCALE;
  const W = COLS * cell + (COLS + 1) * GAP;
  const H = rows.length * cell + (rows.length + 1) * GAP;
  const px = new Uint8Array(W * H).fill(255);
  rows.forEach((imgs, r) => {
    for (let c = 0; c < COLS; c++)
      for (let y = 0; y < cell; y++)
        for (let x = 0; x < cell; x++) {
          const v = imgs[c * 784 + Math.floor(y / SCALE) * 28 + Math.floor(x / SCALE)]!;
          px[(GAP + r * (cell + GAP) + y) * W + GAP + c * (cell + GAP) + x] = Math.round(255 * (1 - v));
        }
  });
  return encodePng(W, H, px, 1);
}

/** A viridis-like colour map on [0, 1]. */
function colour(t: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const s = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(s), stops.length - 2);
  const f = s - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

async function main(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  const m = loadMnistDecoder();
  const output = gaussianOutput(m.sigma);
  const dec64 = float64DenseDecoder(m.layers, output);
  const metric64 = batchedPullbackMetric(dec64);
  const z0 = medoid(m.codes, m.labels, 0);
  const z1 = medoid(m.codes, m.labels, 1);
  const t0 = performance.now();
  const geo = geodesic(metric64, z0, z1, { nodes: 32, refine: false });
  const straight = line(z0, z1, 32);
  const report = (name: string, r: GeodesicResult, m: LatentMetric): void =>
    console.log(
      `${name} ${Array.from(z0, (x) => x.toFixed(3))} → ${Array.from(z1, (x) => x.toFixed(3))}: length ${r.length.toFixed(3)} (straight line ${curveLength(m, line(z0, z1, 129)).toFixed(3)}), converged ${r.converged} (${r.iterations} iterations, residual ${r.residual.toExponential(1)}), ${(performance.now() - t0).toFixed(0)} ms`,
    );
  report('geodesic JᵀJ/σ²', geo, metric64);
  const { withVariance } = mnistVarianceMetrics(m);
  const geoVar = geodesic(withVariance, z0, z1, { nodes: 32, refine: false });
  report('geodesic with the variance network', geoVar, withVariance);
  const decodeAll = (Z: Float64Array): Float64Array => {
    const out = new Float64Array(COLS * 784);
    for (let k = 0; k < COLS; k++) out.set(dec64.decode(Z.subarray(2 * k, 2 * k + 2)), k * 784);
    return out;
  };
  writeFileSync(
    join(docs, 'interpolation.png'),
    grid([decodeAll(pick(straight)), decodeAll(pick(geo.points)), decodeAll(pick(geoVar.points))]),
  );

  // Magnification factor on the tfjs wasm path (metricBatch: one batched Jacobian call per chunk).
  const net = tfjsDenseNetwork(m.layers);
  const metric32 = batchedPullbackMetric(tfjsDecoder(net.apply, { ...net.decoderOptions, output }));
  const R = 150;
  const box = { x: [-4.5, 3.5] as [number, number], y: [-4.5, 5.5] as [number, number] };
  const mf = magnificationGrid(metric32, { ...box, resolution: R });
  const logs = Array.from(mf, (v) => Math.log10(v));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  const S = 3;
  const W = R * S;
  const px = new Uint8Array(W * W * 3);
  const put = (x: number, y: number, c: [number, number, number]): void => {
    if (x < 0 || y < 0 || x >= W || y >= W) return;
    px.set(c, (y * W + x) * 3);
  };
  for (let i = 0; i < R; i++)
    for (let j = 0; j < R; j++) {
      const c = colour((logs[i * R + j]! - lo) / (hi - lo));
      for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) put(j * S + b, W - 1 - (i * S + a), c);
    }
  const toPx = (z0x: number, z0y: number): [number, number] => [
    Math.round(((z0x - box.x[0]) / (box.x[1] - box.x[0])) * (W - 1)),
    W - 1 - Math.round(((z0y - box.y[0]) / (box.y[1] - box.y[0])) * (W - 1)),
  ];
  for (let i = 0; i < m.n; i++) put(...toPx(m.codes[2 * i]!, m.codes[2 * i + 1]!), [200, 200, 200]);
  const draw = (nodes: Float64Array, c: [number, number, number]): void => {
    const n = nodes.length / 2;
    for (let i = 0; i + 1 < n; i++)
      for (let s = 0; s <= 40; s++) {
        const f = s / 40;
        const [x, y] = toPx(
          (1 - f) * nodes[2 * i]! + f * nodes[2 * i + 2]!,
          (1 - f) * nodes[2 * i + 1]! + f * nodes[2 * i + 3]!,
        );
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
        ] as const)
          put(x + dx, y + dy, c);
      }
  };
  draw(straight, [230, 30, 30]);
  draw(geo.points, [255, 255, 255]);
  draw(geoVar.points, [255, 150, 0]);
  writeFileSync(join(docs, 'magnification.png'), encodePng(W, W, px, 3));
  console.log(`magnification factor: log10 range [${lo.toFixed(2)}, ${hi.toFixed(2)}]`);
  net.dispose();
}

await main();
