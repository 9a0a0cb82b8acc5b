import {
  type BlockDiagonalFisher,
  blockDiagonalFisher,
  type FisherOperator,
  type KfacFisher,
  kfacFactors,
  kfacFisher,
} from '@infogeom/fisher';
import { eigh, gram, type LinearOperator, lanczos } from '@infogeom/linalg';
import { naturalGradient } from '@infogeom/natgrad';
import {
  type Dataset,
  fisherRows,
  fisherVectorProduct,
  initParams,
  lossAndGradient,
  type Mlp,
  mlp,
  predict,
  spirals,
} from './fisher-spectrum-mlp.js';

/** The figure's state. */
export interface SpectrumOptions {
  /** Hidden width of the 2 → width → width → 3 network. */
  width: number;
  /** Number of training examples (a multiple of 3). */
  n: number;
  /** K-FAC natural-gradient training steps before the spectrum is taken. */
  steps: number;
}

/** Number of top eigenvalues Lanczos computes. */
export const LANCZOS_K = 20;

/** What the worker sends back. */
export interface SpectrumResult {
  /** Number of parameters. */
  dim: number;
  /** Top {@link LANCZOS_K} eigenvalues of the exact Fisher by Lanczos on Fisher-vector products, largest first. */
  lanczos: Float64Array;
  /** Fisher-vector products Lanczos used. */
  lanczosMatvecs: number;
  /** Whether every Lanczos pair met its tolerance. */
  lanczosConverged: boolean;
  /** All eigenvalues of the K-FAC approximation (products of Kronecker-factor eigenvalues), largest first. */
  kfac: Float64Array;
  /** All eigenvalues of the dense exact Fisher MᵀM/n (linalg's eigh), largest first. */
  exact: Float64Array;
  /** max over the top k of |λ_Lanczos − λ_dense| / λ_dense. */
  lanczosError: number;
  /** tr F (exact) and tr of the K-FAC approximation. */
  traceExact: number;
  /** Trace of the K-FAC approximation (Σ tr G_l · tr A_l). */
  traceKfac: number;
  /** Training loss (mean cross-entropy) after each step, the initial loss first. */
  losses: number[];
  /** Training accuracy at the final parameters. */
  accuracy: number;
  /** The data (for the inset). */
  data: Dataset;
  /** The network's predicted class (argmax) of every example. */
  predicted: Int32Array;
}

const descending = (a: Float64Array): Float64Array => a.slice().sort().reverse();

/** The K-FAC operator of the network at w: one G ⊗ A block per layer (@infogeom/fisher). */
function kfacOperator(
  net: Mlp,
  w: Float64Array,
  data: Dataset,
): { op: BlockDiagonalFisher; blocks: KfacFisher[] } {
  const { activations, preGrads } = fisherRows(net, w, data);
  const blocks = activations.map((a, l) => {
    const { A, G } = kfacFactors(a, preGrads[l]!);
    return kfacFisher(A, G);
  });
  return { op: blockDiagonalFisher(blocks), blocks };
}

/**
 * The whole figure, deterministic for its options: spiral data (seed 3), a seeded network (seed 5), `steps`
 * steps of K-FAC natural gradient (@infogeom/natgrad with the K-FAC operator, Levenberg–Marquardt damping),
 * then the exact Fisher's top eigenvalues by Lanczos (@infogeom/linalg) on matrix-free Fisher-vector
 * products, the K-FAC spectrum (@infogeom/fisher), and the dense exact spectrum as a check.
 * `onProgress(fraction, stage)` reports as it goes.
 */
export function computeFisherSpectrum(
  options: SpectrumOptions,
  onProgress: (fraction: number, stage: string) => void = () => {},
): SpectrumResult {
  const data = spirals(options.n, 3);
  const net = mlp(options.width);
  const train = {
    loss: (w: Float64Array) => lossAndGradient(net, w, data).loss,
    gradient: (w: Float64Array) => lossAndGradient(net, w, data).gradient,
    fisher: (w: Float64Array): FisherOperator => kfacOperator(net, w, data).op,
  };
  const opt = naturalGradient(train, {
    init: initParams(net, 5),
    damping: { kind: 'levenberg-marquardt', initial: 0.1 },
  });
  const losses = [opt.loss];
  for (let s = 0; s < options.steps; s++) {
    losses.push(opt.step().loss);
    onProgress((0.4 * (s + 1)) / options.steps, `training ${s + 1}/${options.steps}`);
  }
  const w = opt.parameters;
  const { accuracy } = lossAndGradient(net, w, data);

  onProgress(0.42, 'K-FAC factors');
  const kop = kfacOperator(net, w, data);
  const kfac = descending(Float64Array.from(kop.blocks.flatMap((b) => Array.from(b.eigenvalues))));

  onProgress(0.45, 'Lanczos');
  const op: LinearOperator = {
    shape: [net.dim, net.dim] as const,
    symmetric: true,
    mv: (v, out) => {
      const r = fisherVectorProduct(net, w, data, v);
      if (out === undefined) return r;
      out.set(r);
      return out;
    },
  };
  const k = Math.min(LANCZOS_K, net.dim - 1);
  const lz = lanczos(op, {
    k,
    which: 'largest',
    tol: 1e-10,
    seed: 1,
    onProgress: (p) => onProgress(0.45 + 0.3 * Math.min(1, p.converged / k), `Lanczos: ${p.converged}/${k}`),
  });
  const lanczosValues = descending(lz.values);

  onProgress(0.78, 'dense Fisher');
  const { rows } = fisherRows(net, w, data);
  const F = gram(rows);
  for (let i = 0; i < F.data.length; i++) F.data[i]! /= data.n;
  let traceExact = 0;
  for (let i = 0; i < net.dim; i++) traceExact += F.data[i * net.dim + i]!;
  onProgress(0.85, 'dense eigenvalues');
  const exact = descending(eigh(F, { vectors: false }).values);
  let lanczosError = 0;
  for (let j = 0; j < k; j++)
    lanczosError = Math.max(lanczosError, Math.abs(lanczosValues[j]! - exact[j]!) / exact[j]!);

  const probs = predict(net, w, data.x);
  const predicted = Int32Array.from({ length: data.n }, (_, m) => {
    const p = probs.subarray(3 * m, 3 * m + 3);
    return p[0]! >= p[1]! && p[0]! >= p[2]! ? 0 : p[1]! >= p[2]! ? 1 : 2;
  });
  onProgress(1, 'done');
  return {
    dim: net.dim,
    lanczos: lanczosValues,
    lanczosMatvecs: lz.iterations,
    lanczosConverged: lz.converged,
    kfac,
    exact,
    lanczosError,
    traceExact,
    traceKfac: kop.op.trace(),
    losses,
    accuracy,
    data,
    predicted,
  };
}
