import type { CsrMatrix, Rng } from '@infogeom/linalg';
import {
  createPowTable,
  POW_TABLE_BASE,
  POW_TABLE_SHIFT,
  POW_TABLE_SIZE,
  type PowTable,
  tablePow,
} from './umap-pow-table.js';

/**
 * State of UMAP's stochastic gradient descent (umap-learn `optimize_layout_euclidean`): one positive
 * sample per edge every `epochsPerSample` epochs, `negativeSampleRate` negative samples per positive one,
 * learning rate decaying linearly from `initialAlpha`, gradients clipped to ±4.
 */
export interface UmapSgdState {
  /** Coordinates being optimised (m × dim, row-major). */
  readonly head: Float64Array;
  /** Coordinates of the other end of each edge (the same array as `head` when fitting). */
  readonly tail: Float64Array;
  /** Dimension. */
  readonly dim: number;
  /** Edge sources (rows of `head`). */
  readonly from: Int32Array;
  /** Edge targets (rows of `tail`). */
  readonly to: Int32Array;
  /** Epochs between samples of each edge. */
  readonly epochsPerSample: Float64Array;
  /** Next epoch at which each edge is sampled. */
  readonly nextSample: Float64Array;
  /** Next epoch at which each edge draws negative samples. */
  readonly nextNegative: Float64Array;
  /** Negative samples per positive sample. */
  readonly negativeSampleRate: number;
  /** Curve parameter a. */
  readonly a: number;
  /** Curve parameter b. */
  readonly b: number;
  /** Repulsion strength γ. */
  readonly gamma: number;
  /** Initial learning rate. */
  readonly initialAlpha: number;
  /** Total epochs. */
  readonly nEpochs: number;
  /** Whether the tail end moves too (fit: yes; transform: no). */
  readonly moveOther: boolean;
  /** Rows of `tail` negative samples are drawn from. */
  readonly nTail: number;
  /** xorshift state of the sampler, seeded from the run's {@link Rng}. */
  readonly seeds: Int32Array;
  /** Table of x ↦ x^b. */
  readonly powB: PowTable;
  /** Table of x ↦ x^(b−1). */
  readonly powBm1: PowTable;
}

/**
 * The SGD state for a weighted graph: edges with weight below max/nEpochs are dropped, as umap-learn
 * does, and every remaining stored entry (both directions of a symmetric graph) is an edge.
 */
export function createSgdState(
  graph: CsrMatrix,
  head: Float64Array,
  tail: Float64Array,
  dim: number,
  params: {
    a: number;
    b: number;
    gamma: number;
    initialAlpha: number;
    negativeSampleRate: number;
    nEpochs: number;
    moveOther: boolean;
  },
  rng: Rng,
): UmapSgdState {
  let wmax = 0;
  for (let p = 0; p < graph.nnz; p++) wmax = Math.max(wmax, graph.values[p]!);
  const cut = wmax / params.nEpochs;
  let m = 0;
  for (let p = 0; p < graph.nnz; p++) if (graph.values[p]! >= cut && graph.values[p]! > 0) m++;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const eps = new Float64Array(m);
  let e = 0;
  for (let i = 0; i < graph.rows; i++)
    for (let p = graph.rowPtr[i]!; p < graph.rowPtr[i + 1]!; p++) {
      const w = graph.values[p]!;
      if (!(w >= cut && w > 0)) continue;
      from[e] = i;
      to[e] = graph.colIdx[p]!;
      eps[e++] = wmax / w;
    }
  const nextNegative = new Float64Array(m);
  for (let t = 0; t < m; t++) nextNegative[t] = eps[t]! / params.negativeSampleRate;
  const seeds = new Int32Array(3);
  for (let t = 0; t < 3; t++) seeds[t] = rng.uint32() | 0x10; // Tausworthe needs bits above its masks
  return {
    head,
    tail,
    dim,
    from,
    to,
    epochsPerSample: eps,
    nextSample: Float64Array.from(eps),
    nextNegative,
    ...params,
    nTail: tail.length / dim,
    seeds,
    powB: createPowTable(params.b),
    powBm1: createPowTable(params.b - 1),
  };
}

const scratch = new Float64Array(1);
const scratchHigh = new Uint32Array(
  scratch.buffer,
  new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 4 : 0,
  1,
);

function clip(v: number): number {
  return v > 4 ? 4 : Math.max(v, -4);
}

/** One step of umap-learn's Tausworthe generator on `st` (three int32 words); returns a uint32. */
function tauRand(st: Int32Array): number {
  const s0 = st[0]!;
  const s1 = st[1]!;
  const s2 = st[2]!;
  const t0 = (((s0 & 4294967294) << 12) & 0xffffffff) ^ ((((s0 << 13) & 0xffffffff) ^ s0) >>> 19);
  const t1 = (((s1 & 4294967288) << 4) & 0xffffffff) ^ ((((s1 << 2) & 0xffffffff) ^ s1) >>> 25);
  const t2 = (((s2 & 4294967280) << 17) & 0xffffffff) ^ ((((s2 << 3) & 0xffffffff) ^ s2) >>> 11);
  st[0] = t0;
  st[1] = t1;
  st[2] = t2;
  return (t0 ^ t1 ^ t2) >>> 0;
}

/**
 * Runs epoch `epoch` (0-based) of UMAP's SGD in place. Negative samples are drawn with umap-learn's
 * Tausworthe generator, seeded from the run's Rng, so a seed gives bit-identical layouts.
 */
export function sgdEpoch(s: UmapSgdState, epoch: number): void {
  if (s.dim === 2) sgdEpoch2(s, epoch);
  else sgdEpochN(s, epoch);
}

function sgdEpochN(s: UmapSgdState, epoch: number): void {
  const {
    head,
    tail,
    dim,
    from,
    to,
    a,
    b,
    gamma,
    nTail,
    moveOther,
    seeds,
    epochsPerSample,
    nextSample,
    nextNegative,
  } = s;
  const alpha = s.initialAlpha * (1 - epoch / s.nEpochs);
  const m = from.length;
  const twoAB = 2 * a * b;
  const twoGB = 2 * gamma * b;
  const rate = s.negativeSampleRate;
  for (let e = 0; e < m; e++) {
    if (nextSample[e]! > epoch) continue;
    const j = from[e]! * dim;
    const k = to[e]! * dim;
    let d2 = 0;
    for (let d = 0; d < dim; d++) {
      const diff = head[j + d]! - tail[k + d]!;
      d2 += diff * diff;
    }
    if (d2 > 0) {
      const pb1 = tablePow(s.powBm1, d2);
      const coeff = (-twoAB * pb1) / (a * pb1 * d2 + 1);
      for (let d = 0; d < dim; d++) {
        const g = clip(coeff * (head[j + d]! - tail[k + d]!)) * alpha;
        head[j + d]! += g;
        if (moveOther) tail[k + d]! -= g;
      }
    }
    const eps = epochsPerSample[e]!;
    nextSample[e]! += eps;
    const epn = eps / rate;
    const nNeg = Math.floor((epoch - nextNegative[e]!) / epn);
    for (let p = 0; p < nNeg; p++) {
      const kk = ((tauRand(seeds) & 0x7fffffff) % nTail) * dim;
      let q2 = 0;
      for (let d = 0; d < dim; d++) {
        const diff = head[j + d]! - tail[kk + d]!;
        q2 += diff * diff;
      }
      if (q2 > 0) {
        const coeff = twoGB / ((0.001 + q2) * (a * tablePow(s.powB, q2) + 1));
        for (let d = 0; d < dim; d++) head[j + d]! += clip(coeff * (head[j + d]! - tail[kk + d]!)) * alpha;
      }
    }
    nextNegative[e]! += nNeg * epn;
  }
}

/** The same epoch specialised to two dimensions (the common case), generator state in registers. */
function sgdEpoch2(s: UmapSgdState, epoch: number): void {
  const {
    head,
    tail,
    from,
    to,
    a,
    b,
    gamma,
    nTail,
    moveOther,
    seeds,
    epochsPerSample,
    nextSample,
    nextNegative,
  } = s;
  const alpha = s.initialAlpha * (1 - epoch / s.nEpochs);
  const m = from.length;
  const bm1 = b - 1;
  const twoAB = 2 * a * b;
  const twoGB = 2 * gamma * b;
  const rate = s.negativeSampleRate;
  let s0 = seeds[0]!;
  let s1 = seeds[1]!;
  let s2 = seeds[2]!;
  const bI = s.powB.intercept;
  const bS = s.powB.slope;
  const mI = s.powBm1.intercept;
  const mS = s.powBm1.slope;
  const f64 = scratch;
  const hi = scratchHigh;
  for (let e = 0; e < m; e++) {
    if (nextSample[e]! > epoch) continue;
    const j = from[e]! << 1;
    const k = to[e]! << 1;
    let x = head[j]!;
    let y = head[j + 1]!;
    const dx = x - tail[k]!;
    const dy = y - tail[k + 1]!;
    const d2 = dx * dx + dy * dy;
    if (d2 > 0) {
      f64[0] = d2;
      const t = (hi[0]! >>> POW_TABLE_SHIFT) - POW_TABLE_BASE;
      const pb1 = t >= 0 && t < POW_TABLE_SIZE ? mI[t]! + mS[t]! * d2 : d2 ** bm1;
      const coeff = (-twoAB * pb1) / (a * pb1 * d2 + 1);
      let gx = coeff * dx;
      let gy = coeff * dy;
      gx = (gx > 4 ? 4 : Math.max(gx, -4)) * alpha;
      gy = (gy > 4 ? 4 : Math.max(gy, -4)) * alpha;
      x += gx;
      y += gy;
      if (moveOther) {
        tail[k]! -= gx;
        tail[k + 1]! -= gy;
      }
    }
    const eps = epochsPerSample[e]!;
    nextSample[e]! += eps;
    const epn = eps / rate;
    const nNeg = Math.floor((epoch - nextNegative[e]!) / epn);
    for (let p = 0; p < nNeg; p++) {
      s0 = (((s0 & 4294967294) << 12) & 0xffffffff) ^ ((((s0 << 13) & 0xffffffff) ^ s0) >>> 19);
      s1 = (((s1 & 4294967288) << 4) & 0xffffffff) ^ ((((s1 << 2) & 0xffffffff) ^ s1) >>> 25);
      s2 = (((s2 & 4294967280) << 17) & 0xffffffff) ^ ((((s2 << 3) & 0xffffffff) ^ s2) >>> 11);
      const kk = (((s0 ^ s1 ^ s2) & 0x7fffffff) % nTail) << 1;
      const ex = x - tail[kk]!;
      const ey = y - tail[kk + 1]!;
      const q2 = ex * ex + ey * ey;
      if (q2 > 0 && (kk !== j || head !== tail)) {
        f64[0] = q2;
        const t = (hi[0]! >>> POW_TABLE_SHIFT) - POW_TABLE_BASE;
        const pb = t >= 0 && t < POW_TABLE_SIZE ? bI[t]! + bS[t]! * q2 : q2 ** b;
        const coeff = twoGB / ((0.001 + q2) * (a * pb + 1));
        const gx = coeff * ex;
        const gy = coeff * ey;
        x += (gx > 4 ? 4 : Math.max(gx, -4)) * alpha;
        y += (gy > 4 ? 4 : Math.max(gy, -4)) * alpha;
      }
    }
    head[j] = x;
    head[j + 1] = y;
    nextNegative[e]! += nNeg * epn;
  }
  seeds[0] = s0;
  seeds[1] = s1;
  seeds[2] = s2;
}
