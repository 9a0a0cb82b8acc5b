import { createRng, DenseMatrix } from '@infogeom/linalg';

/**
 * A small tanh MLP classifier (softmax output) in float64, with exactly the derivatives the figure needs:
 * the loss gradient, the per-example "Fisher square roots" (the rows M with F = MᵀM / n), the K-FAC inputs
 * (layer inputs and pre-activation gradients) and a matrix-free Fisher-vector product (forward-mode J v,
 * the softmax Hessian H = diag(p) − ppᵀ, then Jᵀ by back-propagation).
 *
 * Parameters: layer l is W_l, out × (in + 1) row-major with the bias as the last column — the K-FAC
 * convention of @infogeom/fisher (θ[o·(in+1) + i] = W[o, i]) — and the layers are concatenated.
 */
export interface Mlp {
  /** Layer sizes, input first (e.g. [2, 16, 16, 3]). */
  readonly sizes: readonly number[];
  /** Offset of each layer's parameters (length layers + 1; the last is the dimension). */
  readonly offsets: readonly number[];
  /** Number of parameters. */
  readonly dim: number;
}

/** A labelled 2-D data set. */
export interface Dataset {
  /** Inputs, n × 2 row-major. */
  readonly x: Float64Array;
  /** Class labels 0 … classes − 1. */
  readonly y: Int32Array;
  /** Number of examples. */
  readonly n: number;
}

/** Three interleaved spiral arms (classes), `n / 3` points each, seeded. */
export function spirals(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const t = rng.uniform();
    const angle = 3.5 * t + (2 * Math.PI * c) / 3 + 0.25 * rng.normal();
    x[2 * i] = t * Math.cos(angle);
    x[2 * i + 1] = t * Math.sin(angle);
    y[i] = c;
  }
  return { x, y, n };
}

/** The architecture 2 → width → width → 3. */
export function mlp(width: number): Mlp {
  const sizes = [2, width, width, 3];
  const offsets = [0];
  for (let l = 1; l < sizes.length; l++) offsets.push(offsets[l - 1]! + sizes[l]! * (sizes[l - 1]! + 1));
  return { sizes, offsets, dim: offsets[offsets.length - 1]! };
}

/** Seeded initial parameters: weights N(0, 1.5²/fan-in), biases N(0, 0.1²). */
export function initParams(net: Mlp, seed: number): Float64Array {
  const rng = createRng(seed);
  const w = new Float64Array(net.dim);
  for (let l = 1; l < net.sizes.length; l++) {
    const fin = net.sizes[l - 1]!;
    const fout = net.sizes[l]!;
    for (let o = 0; o < fout; o++)
      for (let i = 0; i <= fin; i++)
        w[net.offsets[l - 1]! + o * (fin + 1) + i] =
          i < fin ? (1.5 * rng.normal()) / Math.sqrt(fin) : 0.1 * rng.normal();
  }
  return w;
}

/** Forward pass of one example: layer outputs a_l (a_0 = x) and the softmax probabilities. */
interface Trace {
  a: Float64Array[];
  p: Float64Array;
}

function forward(net: Mlp, w: Float64Array, x0: number, x1: number): Trace {
  const L = net.sizes.length - 1;
  const a: Float64Array[] = [Float64Array.of(x0, x1)];
  let logits = new Float64Array(0);
  for (let l = 1; l <= L; l++) {
    const fin = net.sizes[l - 1]!;
    const fout = net.sizes[l]!;
    const off = net.offsets[l - 1]!;
    const prev = a[l - 1]!;
    const z = new Float64Array(fout);
    for (let o = 0; o < fout; o++) {
      const row = off + o * (fin + 1);
      let s = w[row + fin]!;
      for (let i = 0; i < fin; i++) s += w[row + i]! * prev[i]!;
      z[o] = s;
    }
    if (l < L) a.push(z.map(Math.tanh));
    else logits = z;
  }
  let m = Number.NEGATIVE_INFINITY;
  for (const v of logits) m = Math.max(m, v);
  const p = logits.map((v) => Math.exp(v - m));
  const s = p.reduce((t, v) => t + v, 0);
  for (let k = 0; k < p.length; k++) p[k]! /= s;
  return { a, p };
}

/**
 * Back-propagates an output (logit) gradient `r` through the network at `t`: calls `visit(l, g)` with the
 * pre-activation gradient g of every layer l (last first). The parameter gradient of layer l is g ⊗ [a_{l−1}; 1].
 */
function backprop(
  net: Mlp,
  w: Float64Array,
  t: Trace,
  r: Float64Array,
  visit: (l: number, g: Float64Array) => void,
): void {
  let g = r;
  for (let l = net.sizes.length - 1; l >= 1; l--) {
    visit(l, g);
    if (l === 1) break;
    const fin = net.sizes[l - 1]!;
    const off = net.offsets[l - 1]!;
    const prev = t.a[l - 1]!;
    const d = new Float64Array(fin);
    for (let o = 0; o < g.length; o++) {
      const row = off + o * (fin + 1);
      for (let i = 0; i < fin; i++) d[i]! += w[row + i]! * g[o]!;
    }
    for (let i = 0; i < fin; i++) d[i]! *= 1 - prev[i]! * prev[i]!;
    g = d;
  }
}

/** Adds s · g ⊗ [a; 1] into `out` at layer l's offset. */
function addOuter(net: Mlp, out: Float64Array, l: number, g: Float64Array, a: Float64Array, s: number): void {
  const fin = net.sizes[l - 1]!;
  const off = net.offsets[l - 1]!;
  for (let o = 0; o < g.length; o++) {
    const row = off + o * (fin + 1);
    const go = s * g[o]!;
    for (let i = 0; i < fin; i++) out[row + i]! += go * a[i]!;
    out[row + fin]! += go;
  }
}

/** Mean cross-entropy, its gradient and the training accuracy at w. */
export function lossAndGradient(
  net: Mlp,
  w: Float64Array,
  data: Dataset,
): { loss: number; gradient: Float64Array; accuracy: number } {
  const gradient = new Float64Array(net.dim);
  let loss = 0;
  let correct = 0;
  for (let n = 0; n < data.n; n++) {
    const t = forward(net, w, data.x[2 * n]!, data.x[2 * n + 1]!);
    const y = data.y[n]!;
    loss -= Math.log(t.p[y]!);
    if (t.p.every((v) => v <= t.p[y]!)) correct++;
    const r = t.p.slice();
    r[y]! -= 1;
    backprop(net, w, t, r, (l, g) => addOuter(net, gradient, l, g, t.a[l - 1]!, 1 / data.n));
  }
  return { loss: loss / data.n, gradient, accuracy: correct / data.n };
}

/** The class probabilities at w for every input row of `x` (m × 2), m × 3 row-major. */
export function predict(net: Mlp, w: Float64Array, x: Float64Array): Float64Array {
  const m = x.length / 2;
  const out = new Float64Array(3 * m);
  for (let n = 0; n < m; n++) out.set(forward(net, w, x[2 * n]!, x[2 * n + 1]!).p, 3 * n);
  return out;
}

/**
 * The true Fisher's ingredients, with the expectation over the model's labels taken exactly:
 * for every example and class c, s_c = √p_c (e_c − p) satisfies Σ_c s_c s_cᵀ = diag(p) − ppᵀ = H.
 * - `rows`: the 3n × dim matrix M whose rows are Jᵀ s_c, so the exact Fisher is F = MᵀM / n;
 * - per layer, K-FAC's inputs for @infogeom/fisher's `kfacFactors`: the layer input a_{l−1} (repeated for
 *   the 3 classes) and √3 · (pre-activation gradient of s_c), so that their plain averages over the 3n rows
 *   are A = E[ā āᵀ] and G = E_x Σ_c g_c g_cᵀ.
 */
export function fisherRows(
  net: Mlp,
  w: Float64Array,
  data: Dataset,
): { rows: DenseMatrix; activations: DenseMatrix[]; preGrads: DenseMatrix[] } {
  const C = 3;
  const L = net.sizes.length - 1;
  const rows = new DenseMatrix(C * data.n, net.dim);
  const activations = Array.from({ length: L }, (_, l) => new DenseMatrix(C * data.n, net.sizes[l]!));
  const preGrads = Array.from({ length: L }, (_, l) => new DenseMatrix(C * data.n, net.sizes[l + 1]!));
  for (let n = 0; n < data.n; n++) {
    const t = forward(net, w, data.x[2 * n]!, data.x[2 * n + 1]!);
    for (let c = 0; c < C; c++) {
      const r = C * n + c;
      const sq = Math.sqrt(t.p[c]!);
      const s = t.p.map((v, k) => sq * ((k === c ? 1 : 0) - v));
      const row = rows.data.subarray(r * net.dim, (r + 1) * net.dim);
      backprop(net, w, t, s, (l, g) => {
        addOuter(net, row, l, g, t.a[l - 1]!, 1);
        activations[l - 1]!.data.set(t.a[l - 1]!, r * net.sizes[l - 1]!);
        preGrads[l - 1]!.data.set(
          g.map((v) => Math.sqrt(C) * v),
          r * net.sizes[l]!,
        );
      });
    }
  }
  return { rows, activations, preGrads };
}

/**
 * The exact (true) Fisher-vector product F v = (1/n) Σ Jᵀ H J v, matrix-free: J v by forward-mode
 * differentiation (tangents of the pre-activations), H = diag(p) − ppᵀ, then Jᵀ by back-propagation.
 */
export function fisherVectorProduct(net: Mlp, w: Float64Array, data: Dataset, v: Float64Array): Float64Array {
  const L = net.sizes.length - 1;
  const out = new Float64Array(net.dim);
  for (let n = 0; n < data.n; n++) {
    const t = forward(net, w, data.x[2 * n]!, data.x[2 * n + 1]!);
    // Forward mode: da_l, the tangent of layer l's output (da_0 = 0: the input does not depend on w).
    let da = new Float64Array(2);
    let u = new Float64Array(0);
    for (let l = 1; l <= L; l++) {
      const fin = net.sizes[l - 1]!;
      const fout = net.sizes[l]!;
      const off = net.offsets[l - 1]!;
      const prev = t.a[l - 1]!;
      const dz = new Float64Array(fout);
      for (let o = 0; o < fout; o++) {
        const row = off + o * (fin + 1);
        let s = v[row + fin]!;
        for (let i = 0; i < fin; i++) s += v[row + i]! * prev[i]! + w[row + i]! * da[i]!;
        dz[o] = s;
      }
      if (l < L) {
        const a = t.a[l]!;
        da = dz.map((d, o) => (1 - a[o]! * a[o]!) * d);
      } else u = dz;
    }
    const pu = t.p.reduce((s, pk, k) => s + pk * u[k]!, 0);
    const hu = t.p.map((pk, k) => pk * (u[k]! - pu));
    backprop(net, w, t, hu, (l, g) => addOuter(net, out, l, g, t.a[l - 1]!, 1 / data.n));
  }
  return out;
}
