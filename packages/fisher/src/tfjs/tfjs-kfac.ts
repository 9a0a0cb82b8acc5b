import { DenseMatrix, DimensionMismatchError, gram } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import { type BlockDiagonalFisher, blockDiagonalFisher } from '../operators/block-diagonal-fisher.js';
import { type EkfacFisher, ekfacFromEigenbasis } from '../operators/ekfac-fisher.js';
import { type KfacDamping, type KfacFisher, kfacFisher } from '../operators/kfac-fisher.js';
import { captureDense, type DenseCaptureOptions } from './dense-capture.js';
import { type DenseLayerView, denseLayers, type TfjsDenseNetwork } from './dense-network.js';
import type { TfjsLabels } from './tfjs-model.js';

/** The shape of one dense layer's K-FAC block. */
export interface KfacLayerShape {
  /** Layer name. */
  name: string;
  /** Input width (without the homogeneous coordinate). */
  inputDim: number;
  /** Output width. */
  outputDim: number;
  /** Whether the layer has a bias (then A is (in+1)×(in+1), its last coordinate the constant 1). */
  bias: boolean;
}

/** The float64 K-FAC factors of one dense layer ({@link tfjsKfacFactors}). */
export interface TfjsKfacLayerFactors extends KfacLayerShape {
  /** A = (1/N) Σ āāᵀ, in'×in'. */
  A: DenseMatrix;
  /** G = (1/N) Σ ggᵀ, out×out (g = ∂ℓₙ/∂s for the labels of the Fisher type). */
  G: DenseMatrix;
}

/** Options of {@link tfjsKfacFactors}. */
export interface TfjsKfacOptions extends DenseCaptureOptions {
  /** Observed labels; needed for the 'empirical' Fisher type. */
  labels?: TfjsLabels;
}

/** Options of {@link tfjsKfacFisher}. */
export interface TfjsKfacFisherOptions extends TfjsKfacOptions {
  /**
   * 'kfac' (default): G_l ⊗ A_l per layer; 'ekfac': the same eigenbasis with the scalings refitted to the
   * batch's per-example (per-label-draw) gradients (George et al. 2018).
   */
  representation?: 'kfac' | 'ekfac';
  /** How the K-FAC blocks' `solve` damps (see `kfacFisher`; default 'exact'). */
  damping?: KfacDamping;
}

/** The float64 K-FAC Fisher of a dense tfjs network ({@link tfjsKfacFisher}). */
export interface TfjsKfacFisher {
  /** The per-layer blocks in K-FAC parameter order (see {@link tfjsToKfacOrder}). */
  operator: BlockDiagonalFisher;
  /** The layers' shapes, for {@link tfjsToKfacOrder} / {@link kfacToTfjsOrder}. */
  layers: KfacLayerShape[];
  /** The factors A_l, G_l. */
  factors: TfjsKfacLayerFactors[];
}

const shapeOf = (l: DenseLayerView): KfacLayerShape => ({
  name: l.name,
  inputDim: l.inputDim,
  outputDim: l.outputDim,
  bias: l.bias !== null,
});

/** (1/n) RᵀR in float64 from the float32 rows R (exactly symmetric PSD up to float64 rounding). */
function moment(rows: tf.Tensor2D, n: number): DenseMatrix {
  const M = gram(new DenseMatrix(rows.shape[0], rows.shape[1], Float64Array.from(rows.dataSync())));
  for (let i = 0; i < M.data.length; i++) M.data[i]! /= n;
  return M;
}

/**
 * K-FAC factors of every dense layer of a network on batch `x` in one forward and one backward pass:
 * A_l = (1/N) Σₙ āₙāₙᵀ (bias as homogeneous coordinate) and G_l = (1/N) Σₙ gₙgₙᵀ with gₙ = ∂ℓₙ/∂s_l for
 * labels drawn from the model ('mc', default), summed over labels ('exact') or observed ('empirical').
 * Computed in float32 by tfjs, returned in float64; leaves no tensors behind.
 * @param network - a Sequential, a chain functional LayersModel or a {@link TfjsDenseNetwork}
 * @param x - inputs [N, …]
 * @param options - likelihood, Fisher type, samples, rng, labels
 * @throws UnsupportedLayerError naming a layer K-FAC cannot handle
 */
export function tfjsKfacFactors(
  network: tf.LayersModel | TfjsDenseNetwork,
  x: tf.Tensor,
  options: TfjsKfacOptions = {},
): TfjsKfacLayerFactors[] {
  const layers = denseLayers(network);
  const { labels, ...capture } = options;
  const out: TfjsKfacLayerFactors[] = [];
  tf.tidy(() => {
    const c = captureDense(layers, x, options.fisherType === 'empirical' ? (labels ?? null) : null, capture);
    layers.forEach((l, i) => {
      const a = c.inputs[i]!;
      const g = c.curvatureRows[i]!;
      out.push({
        ...shapeOf(l),
        A: moment(a, c.n),
        G: moment(g, c.n),
      });
    });
  });
  return out;
}

/**
 * The K-FAC (or EK-FAC) Fisher of a dense tfjs network as a float64 block-diagonal operator, one
 * `kfacFisher` / `ekfacFromEigenbasis` block per layer. Parameters are in K-FAC order: per layer, the
 * row-major out×in' matrix [kernelᵀ | bias]; convert tfjs-order vectors with {@link tfjsToKfacOrder}.
 * @param network - a Sequential, a chain functional LayersModel or a {@link TfjsDenseNetwork}
 * @param x - inputs [N, …]
 * @param options - representation, damping mode and the options of {@link tfjsKfacFactors}
 */
export function tfjsKfacFisher(
  network: tf.LayersModel | TfjsDenseNetwork,
  x: tf.Tensor,
  options: TfjsKfacFisherOptions = {},
): TfjsKfacFisher {
  const { representation = 'kfac', damping, labels, ...capture } = options;
  const layers = denseLayers(network);
  const factors: TfjsKfacLayerFactors[] = [];
  const blocks: (KfacFisher | EkfacFisher)[] = [];
  tf.tidy(() => {
    const c = captureDense(layers, x, capture.fisherType === 'empirical' ? (labels ?? null) : null, capture);
    layers.forEach((l, i) => {
      const a = c.inputs[i]!;
      const g = c.curvatureRows[i]!;
      const f: TfjsKfacLayerFactors = {
        ...shapeOf(l),
        A: moment(a, c.n),
        G: moment(g, c.n),
      };
      factors.push(f);
      const kf = kfacFisher(f.A, f.G, damping === undefined ? {} : { damping });
      if (representation === 'kfac') {
        blocks.push(kf);
        return;
      }
      // sₜ = (1/N) Σ_rows (U_Gᵀ g)ₒ² (U_Aᵀ ā)ᵢ², rows of one example sharing its ā.
      const r = c.rowsPerExample;
      const ua = tf.tensor2d(Float32Array.from(kf.UA.data), [kf.UA.rows, kf.UA.cols], 'float32');
      const ug = tf.tensor2d(Float32Array.from(kf.UG.data), [kf.UG.rows, kf.UG.cols], 'float32');
      const ah = tf.square(tf.matMul(a, ua));
      const gh = tf.sum(tf.square(tf.matMul(g, ug)).reshape([c.n, r, l.outputDim]), 1);
      const s = tf.div(tf.matMul(gh, ah, true, false), c.n);
      blocks.push(ekfacFromEigenbasis(kf.UA, kf.UG, Float64Array.from(s.dataSync())));
    });
  });
  return { operator: blockDiagonalFisher(blocks), layers: layers.map(shapeOf), factors };
}

const totalTfjs = (layers: readonly KfacLayerShape[]): number =>
  layers.reduce((s, l) => s + (l.inputDim + (l.bias ? 1 : 0)) * l.outputDim, 0);

function permute(layers: readonly KfacLayerShape[], v: ArrayLike<number>, toKfac: boolean): Float64Array {
  const n = totalTfjs(layers);
  if (v.length !== n) throw new DimensionMismatchError('v.length', v.length, `${n} parameters`);
  const out = new Float64Array(n);
  let off = 0;
  for (const l of layers) {
    const p = l.inputDim + (l.bias ? 1 : 0);
    const q = l.outputDim;
    // tfjs: kernel [in, out] row-major (i·out + o), then bias (o); K-FAC: W[o, i] at o·in' + i, bias at i = in.
    for (let i = 0; i < p; i++)
      for (let o = 0; o < q; o++) {
        const t = off + i * q + o;
        const k = off + o * p + i;
        if (toKfac) out[k] = v[t]!;
        else out[t] = v[k]!;
      }
    off += p * q;
  }
  return out;
}

/**
 * Reorders a flat vector in tfjs variable order (per layer: kernel [in, out] row-major, then bias) into
 * K-FAC order (per layer: the row-major out×in' matrix [kernelᵀ | bias]).
 * @param layers - the layer shapes (e.g. {@link TfjsKfacFisher.layers})
 * @param v - vector in tfjs order
 */
export function tfjsToKfacOrder(layers: readonly KfacLayerShape[], v: ArrayLike<number>): Float64Array {
  return permute(layers, v, true);
}

/**
 * The inverse of {@link tfjsToKfacOrder}: K-FAC order back to tfjs variable order.
 * @param layers - the layer shapes
 * @param v - vector in K-FAC order
 */
export function kfacToTfjsOrder(layers: readonly KfacLayerShape[], v: ArrayLike<number>): Float64Array {
  return permute(layers, v, false);
}
