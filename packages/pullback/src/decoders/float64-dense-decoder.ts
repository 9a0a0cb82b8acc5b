import {
  assertFiniteArray,
  assertInteger,
  assertLength,
  DenseMatrix,
  gemmPacked,
  packGemmOperand,
  sigmoidDerivatives,
  strided,
  tanhDerivatives,
} from '@infogeom/linalg';
import { type Activation, activation } from './activations.js';
import type { EnergyDensity, GeodesicForce, OutputFamily } from './decoder.js';
import { type DenseLayer, type MlpDecoder, mlpDecoder } from './mlp-decoder.js';

/**
 * The float64 path of a dense network (a `BatchedDecoder` for `batchedPullbackMetric`): the package's analytic `mlpDecoder` (per-code products), plus
 * batched products over n codes as matrix–matrix products (linalg's packed GEMM, wasm SIMD when
 * available) — one pass per layer for all codes of a curve instead of n matrix–vector passes.
 */
export interface Float64DenseDecoder extends MlpDecoder {
  /** θ at n codes (n×d) → n×D. */
  decodeBatch(Z: Float64Array, n: number): Float64Array;
  /** J at n codes → n×D×d, all d tangent directions of all codes in one pass per layer. */
  jacobianBatch(Z: Float64Array, n: number): Float64Array;
  /** J(zᵢ)ᵀuᵢ for n codes → n×d. */
  vjpBatch(Z: Float64Array, U: Float64Array, n: number): Float64Array;
  /** ∇_z (uᵢᵀ J(zᵢ) vᵢ) for n codes → n×d (reverse over forward, exact). */
  secondOrderBatch(Z: Float64Array, U: Float64Array, V: Float64Array, n: number): Float64Array;
  /**
   * The energy density of a constant diagonal output Fisher I = diag(w) (Gaussian with fixed σ: w = 1/σ²)
   * at n points, fused: one tangent pass (J v), then one reverse-over-forward pass from u = w ⊙ J v giving
   * G v = Jᵀu and ½∇_z vᵀGv = ∇_z(uᵀJv) together — no Jacobian is formed (used by `batchedPullbackMetric`).
   */
  weightedEnergyDensity(Z: Float64Array, V: Float64Array, n: number, w: Float64Array): EnergyDensity;
  /**
   * The pullback metric G(zᵢ) = J(zᵢ)ᵀ diag(w) J(zᵢ) of a constant diagonal output Fisher at n codes → n×d×d,
   * from the d tangent columns of one pass without forming J (used by `batchedPullbackMetric`).
   */
  weightedMetricBatch(Z: Float64Array, n: number, w: Float64Array): Float64Array;
  /**
   * The two halves of the Christoffel contraction of a constant diagonal output Fisher diag(w) at n codes:
   * the metric G = Jᵀ diag(w) J (n×d×d) and the force Jᵀ diag(w) H[vᵢ, vᵢ] (n×d), so that
   * Γ(vᵢ, vᵢ) = G⁻¹ force — from ONE stacked pass per layer: the d tangent columns and the second-order
   * forward-mode tangent along vᵢ (ä of the pre-activations) together (used by `batchedPullbackMetric`
   * for the shooting polish and the exponential map).
   */
  weightedGeodesicForce(Z: Float64Array, V: Float64Array, n: number, w: Float64Array): GeodesicForce;
  /**
   * The d Jacobian columns and H[vᵢ, vᵢ] at n codes from the same stacked pass, (d+1)·n × D: rows c·n + i
   * = J(zᵢ) e_c, rows d·n + i = H(zᵢ)[vᵢ, vᵢ] (the Christoffel contraction of any output family).
   */
  geodesicTangentsBatch(Z: Float64Array, V: Float64Array, n: number): Float64Array;
  /** Points per call at which the batched products run fastest (192: the activations stay in cache). */
  readonly preferredBatchSize: number;
}

interface Pass {
  /** Activations H₀ = Z, H₁, …, H_L (n × width). */
  H: DenseMatrix[];
  /** σ′(A_k) and σ″(A_k) per layer. */
  S1: Float64Array[];
  S2: Float64Array[];
}

/**
 * A float64 dense decoder with batched first- and second-order products (see {@link Float64DenseDecoder}).
 * @param layers - dense layers in the `mlpDecoder` format (weights outputs × inputs)
 * @param output - the output family (default Gaussian with σ = 1)
 */
export function float64DenseDecoder(
  layers: readonly DenseLayer[],
  output?: OutputFamily,
): Float64DenseDecoder {
  const base = mlpDecoder(layers, output);
  const W = layers.map(
    (l, k) => new DenseMatrix(l.bias.length, base.widths[k]!, Float64Array.from(l.weights)),
  );
  const b = layers.map((l) => Float64Array.from(l.bias));
  // Each layer's weights packed once for the GEMM kernel, both ways: Wᵀ for the forward and tangent passes,
  // W for the reverse ones (per call, packing them cost as much as multiplying by them on a few codes).
  const Wt = W.map((Wk) => packGemmOperand(true, Wk.cols, Wk.rows, strided(Wk.data, Wk.cols)));
  const Wn = W.map((Wk) => packGemmOperand(false, Wk.rows, Wk.cols, strided(Wk.data, Wk.cols)));
  const acts: Activation[] = layers.map((l, k) =>
    activation(l.activation ?? (k === layers.length - 1 ? 'identity' : 'tanh')),
  );
  const d = base.latentDimension;
  const D = base.outputDimension;
  const L = layers.length;

  /** σ, σ′, σ″ over a pre-activation block (bias added here); tanh and sigmoid from one transcendental per entry. */
  const activate = (
    k: number,
    a: Float64Array,
    m: number,
    s1: Float64Array | undefined,
    s2: Float64Array | undefined,
  ): void => {
    const f = acts[k]!;
    const bk = b[k]!;
    const rows = a.length / m;
    if ((f.name === 'tanh' || f.name === 'sigmoid') && s1 !== undefined && s2 !== undefined) {
      // Bias added here, then σ, σ′, σ″ of the whole block in one sweep (linalg's wasm SIMD kernels: the
      // activations were a sixth of a solve through Math.tanh and Math.exp).
      for (let r = 0, i = 0; r < rows; r++) for (let j = 0; j < m; j++, i++) a[i]! += bk[j]!;
      (f.name === 'tanh' ? tanhDerivatives : sigmoidDerivatives)(a, a, s1, s2);
    } else
      for (let r = 0, i = 0; r < rows; r++)
        for (let j = 0; j < m; j++, i++) {
          const t = a[i]! + bk[j]!;
          a[i] = f.f(t);
          if (s1 !== undefined && s2 !== undefined) {
            s1[i] = f.df(t);
            s2[i] = f.d2f(t);
          }
        }
  };
  // The last forward pass (with σ′, σ″), reused while the codes are the same (Jacobian then second order
  // at the same quadrature points, as an energy density asks for them).
  let cache: { Z: Float64Array; pass: Pass } | undefined;
  // Work buffers of the forward pass and the energy density, recycled across calls (grown when a call
  // needs more): a fresh n×D array per product costs page faults and zeroing — 13 % of a 32-node MNIST
  // geodesic solve (199 → 174 ms median). No caller holds them: every product returns fresh arrays.
  const work: Float64Array[] = [];
  const scratch = (slot: number, size: number): Float64Array => {
    let a = work[slot];
    if (a === undefined || a.length < size) {
      a = new Float64Array(size);
      work[slot] = a;
    }
    return a.length === size ? a : a.subarray(0, size);
  };
  const forward = (Z: Float64Array, n: number): Pass => {
    assertInteger('n', n, 1);
    assertLength('Z', Z.length, n * d);
    if (cache !== undefined && cache.Z.length === Z.length && cache.Z.every((x, i) => x === Z[i]))
      return cache.pass;
    assertFiniteArray('Z', Z);
    cache = undefined; // its buffers are overwritten below
    const H = [new DenseMatrix(n, d, Z.slice())];
    const S1: Float64Array[] = [];
    const S2: Float64Array[] = [];
    for (let k = 0; k < L; k++) {
      const m = W[k]!.rows;
      const w = W[k]!.cols;
      const A = new DenseMatrix(n, m, scratch(3 * L + 1 + k, n * m));
      gemmPacked(false, n, 1, strided(H[k]!.data, w), Wt[k]!, 0, strided(A.data, m));
      const s1 = scratch(4 * L + 1 + k, n * m);
      const s2 = scratch(5 * L + 1 + k, n * m);
      activate(k, A.data, m, s1, s2);
      H.push(A);
      S1.push(s1);
      S2.push(s2);
    }
    const pass = { H, S1, S2 };
    cache = { Z: Z.slice(), pass };
    return pass;
  };
  /**
   * Tangents Ȧ_k (copies, when `keep`) and Ḣ along per-row directions T (rows·d, `rep` copies of the n
   * codes). Ḣ lives in a work buffer: read it before the next product.
   */
  const tangent = (
    p: Pass,
    T: DenseMatrix,
    rep: number,
    keep = true,
  ): { dA: Float64Array[]; dH: DenseMatrix } => {
    let dH = T.data;
    const dA: Float64Array[] = [];
    const rowsAll = T.rows;
    for (let k = 0; k < L; k++) {
      const m = W[k]!.rows;
      const w = W[k]!.cols;
      const a = scratch(7 * L + 1 + k, rowsAll * m);
      gemmPacked(false, rowsAll, 1, strided(dH, w), Wt[k]!, 0, strided(a, m));
      if (keep) dA.push(a.slice());
      const s1 = p.S1[k]!;
      const block = (rowsAll / rep) * m;
      for (let r = 0, o = 0; r < rep; r++) for (let i = 0; i < block; i++, o++) a[o]! *= s1[i]!;
      dH = a;
    }
    return { dA, dH: new DenseMatrix(rowsAll, W[L - 1]!.rows, dH) };
  };

  // With derivatives (cached): a VJP or Jacobian at the same codes next (the polyline energy) reuses the pass.
  const decodeBatch = (Z: Float64Array, n: number): Float64Array => forward(Z, n).H[L]!.data.slice();
  /** The d Jacobian columns at n codes, column c of code i at [(c·n + i)·D, …) (a work buffer). */
  const jacobianColumns = (Z: Float64Array, n: number): Float64Array => {
    const p = forward(Z, n);
    const E = new DenseMatrix(d * n, d, new Float64Array(d * n * d));
    for (let c = 0; c < d; c++) for (let i = 0; i < n; i++) E.data[(c * n + i) * d + c] = 1;
    return tangent(p, E, d, false).dH.data;
  };
  const weightedMetricBatch = (Z: Float64Array, n: number, w: Float64Array): Float64Array => {
    assertLength('w', w.length, D);
    const cols = jacobianColumns(Z, n);
    const G = new Float64Array(n * d * d);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < d; c++) {
        const x = (c * n + i) * D;
        for (let e = 0; e <= c; e++) {
          const y = (e * n + i) * D;
          let s = 0;
          for (let a = 0; a < D; a++) s += cols[x + a]! * w[a]! * cols[y + a]!;
          G[(i * d + c) * d + e] = s;
          G[(i * d + e) * d + c] = s;
        }
      }
    return G;
  };
  const jacobianBatch = (Z: Float64Array, n: number): Float64Array => {
    const cols = jacobianColumns(Z, n);
    const J = new Float64Array(n * D * d);
    for (let c = 0; c < d; c++)
      for (let i = 0; i < n; i++)
        for (let a = 0; a < D; a++) J[(i * D + a) * d + c] = cols[(c * n + i) * D + a]!;
    return J;
  };
  const vjpBatch = (Z: Float64Array, U: Float64Array, n: number): Float64Array => {
    const p = forward(Z, n);
    assertLength('U', U.length, n * D);
    let g = new DenseMatrix(n, D, U.slice());
    for (let k = L - 1; k >= 0; k--) {
      const s1 = p.S1[k]!;
      for (let i = 0; i < g.data.length; i++) g.data[i]! *= s1[i]!;
      const next = new DenseMatrix(n, W[k]!.cols, new Float64Array(n * W[k]!.cols));
      gemmPacked(false, n, 1, strided(g.data, W[k]!.rows), Wn[k]!, 0, strided(next.data, next.cols));
      g = next;
    }
    return g.data;
  };
  /** Reverse over forward from the cotangents U of ḣ_L: [Jᵀu; ∇_z(uᵀJv)] stacked (2n×d). */
  const reverseOverForward = (p: Pass, dA: Float64Array[], U: Float64Array, n: number): Float64Array => {
    // Both adjoints in one stacked GEMM per layer: [g₁ (of ḣ); g₂ (of h)].
    let G = new DenseMatrix(2 * n, D, new Float64Array(2 * n * D));
    G.data.set(U);
    for (let k = L - 1; k >= 0; k--) {
      const m = W[k]!.rows;
      const s1 = p.S1[k]!;
      const s2 = p.S2[k]!;
      const da = dA[k]!;
      const g = G.data;
      for (let i = 0; i < n * m; i++) {
        const g1 = g[i]!;
        g[i] = s1[i]! * g1;
        g[n * m + i] = s2[i]! * da[i]! * g1 + s1[i]! * g[n * m + i]!;
      }
      const next = new DenseMatrix(2 * n, W[k]!.cols, new Float64Array(2 * n * W[k]!.cols));
      gemmPacked(false, 2 * n, 1, strided(G.data, m), Wn[k]!, 0, strided(next.data, next.cols));
      G = next;
    }
    return G.data;
  };
  const secondOrderBatch = (Z: Float64Array, U: Float64Array, V: Float64Array, n: number): Float64Array => {
    const p = forward(Z, n);
    assertLength('U', U.length, n * D);
    assertLength('V', V.length, n * d);
    assertFiniteArray('V', V);
    const { dA } = tangent(p, new DenseMatrix(n, d, V.slice()), 1);
    return reverseOverForward(p, dA, U, n).slice(n * d);
  };
  const weightedEnergyDensity = (
    Z: Float64Array,
    V: Float64Array,
    n: number,
    w: Float64Array,
  ): EnergyDensity => {
    const p = forward(Z, n);
    assertLength('V', V.length, n * d);
    assertLength('w', w.length, D);
    assertFiniteArray('V', V);
    // Tangent pass through the hidden layers (Ȧ_k kept for the reverse pass).
    let dH = V;
    const dA: Float64Array[] = [];
    for (let k = 0; k < L; k++) {
      const m = W[k]!.rows;
      const w = W[k]!.cols;
      const a = scratch(k, n * m);
      gemmPacked(false, n, 1, strided(dH, w), Wt[k]!, 0, strided(a, m));
      dA.push(a);
      if (k === L - 1) break;
      const s1 = p.S1[k]!;
      const h = scratch(L + k, a.length);
      for (let i = 0; i < a.length; i++) h[i] = s1[i]! * a[i]!;
      dH = h;
    }
    // Output layer fused: J v = σ′ ⊙ Ȧ, u = w ⊙ J v, the quadratic form, and the two adjoints of the
    // output pre-activation (of ȧ: σ′u; of a: σ″ ȧ u) written straight into the stacked reverse block.
    const s1 = p.S1[L - 1]!;
    const s2 = p.S2[L - 1]!;
    const da = dA[L - 1]!;
    const quad = new Float64Array(n);
    const nD = n * D;
    const g = scratch(2 * L, 2 * nD);
    for (let i = 0, o = 0; i < n; i++) {
      let q = 0;
      for (let a = 0; a < D; a++, o++) {
        const t = da[o]!;
        const s = s1[o]!;
        const jv = s * t;
        const u = w[a]! * jv;
        q += u * jv;
        g[o] = s * u;
        g[nD + o] = s2[o]! * t * u;
      }
      quad[i] = q;
    }
    // Reverse through the layers: both adjoints in one stacked product per layer.
    let gd = g;
    for (let k = L - 1; k >= 0; k--) {
      const m = W[k]!.rows;
      const w = W[k]!.cols;
      if (k < L - 1) {
        const r1 = p.S1[k]!;
        const r2 = p.S2[k]!;
        const dk = dA[k]!;
        const nm = n * m;
        for (let i = 0; i < nm; i++) {
          const g1 = gd[i]!;
          gd[i] = r1[i]! * g1;
          gd[nm + i] = r2[i]! * dk[i]! * g1 + r1[i]! * gd[nm + i]!;
        }
      }
      const next = scratch(2 * L + 1 + k, 2 * n * w);
      gemmPacked(false, 2 * n, 1, strided(gd, m), Wn[k]!, 0, strided(next, w));
      gd = next;
    }
    const out = gd;
    const pg = out.slice(n * d);
    for (let i = 0; i < pg.length; i++) pg[i]! *= 2;
    return { quad, metricTimesVelocity: out.slice(0, n * d), positionGradient: pg };
  };
  /**
   * The output layer's stacked pre-activation tangents at n codes (a work buffer, (d+1)·n × D): rows c·n + i
   * the tangent ȧ of code i along e_c, rows d·n + i its second-order tangent ä along vᵢ; with the pass.
   */
  const geodesicPreactivations = (
    Z: Float64Array,
    V: Float64Array,
    n: number,
  ): { p: Pass; A: Float64Array } => {
    const p = forward(Z, n);
    assertLength('V', V.length, n * d);
    assertFiniteArray('V', V);
    // Rows c·n + i: the tangent of code i along e_c (c < d); rows d·n + i: its second-order tangent along vᵢ.
    // Pre-activation tangents are linear in the direction, so ȧ(vᵢ) = Σ_c vᵢc ȧ(e_c) needs no pass of its own.
    const R = (d + 1) * n;
    const W0 = W[0]!;
    let m = W0.rows;
    let A = scratch(8 * L + 1, R * m);
    for (let c = 0; c < d; c++)
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) A[(c * n + i) * m + j] = W0.data[j * d + c]!;
    A.fill(0, d * n * m, R * m); // ä₀ = 0: the pre-activations are affine in z
    for (let k = 0; k < L - 1; k++) {
      const s1 = p.S1[k]!;
      const s2 = p.S2[k]!;
      const X = scratch(9 * L + 1, R * m);
      // ḣ = σ′ ⊙ ȧ per column; ḧ = σ″ ⊙ ȧ(v)² + σ′ ⊙ ä.
      for (let i = 0, o = 0; i < n; i++)
        for (let j = 0; j < m; j++, o++) {
          let av = 0;
          for (let c = 0; c < d; c++) {
            const t = A[c * n * m + o]!;
            X[c * n * m + o] = s1[o]! * t;
            av += V[i * d + c]! * t;
          }
          X[d * n * m + o] = s2[o]! * av * av + s1[o]! * A[d * n * m + o]!;
        }
      const mn = W[k + 1]!.rows;
      A = scratch(8 * L + 2 + k, R * mn);
      gemmPacked(false, R, 1, strided(X, m), Wt[k + 1]!, 0, strided(A, mn));
      m = mn;
    }
    return { p, A };
  };
  const weightedGeodesicForce = (
    Z: Float64Array,
    V: Float64Array,
    n: number,
    w: Float64Array,
  ): GeodesicForce => {
    assertLength('w', w.length, D);
    const { p, A } = geodesicPreactivations(Z, V, n);
    // Output layer: J e_c = σ′ ⊙ ȧ_c, H[v, v] = σ″ ⊙ ȧ(v)² + σ′ ⊙ ä, contracted with w.
    const s1 = p.S1[L - 1]!;
    const s2 = p.S2[L - 1]!;
    const metric = new Float64Array(n * d * d);
    const force = new Float64Array(n * d);
    const jc = new Float64Array(d);
    const g = new Float64Array(d * d);
    const f = new Float64Array(d);
    const nD = n * D;
    if (d === 2) {
      // The common 2-D latent space with scalar accumulators (the generic loop below is 2× slower).
      for (let i = 0; i < n; i++) {
        const v0 = V[2 * i]!;
        const v1 = V[2 * i + 1]!;
        let g00 = 0;
        let g01 = 0;
        let g11 = 0;
        let f0 = 0;
        let f1 = 0;
        for (let a = 0, o = i * D; a < D; a++, o++) {
          const t0 = A[o]!;
          const t1 = A[nD + o]!;
          const s = s1[o]!;
          const j0 = s * t0;
          const j1 = s * t1;
          const av = v0 * t0 + v1 * t1;
          const wa = w[a]!;
          const h = wa * (s2[o]! * av * av + s * A[2 * nD + o]!);
          const u0 = wa * j0;
          f0 += j0 * h;
          f1 += j1 * h;
          g00 += u0 * j0;
          g01 += u0 * j1;
          g11 += wa * j1 * j1;
        }
        force[2 * i] = f0;
        force[2 * i + 1] = f1;
        metric[4 * i] = g00;
        metric[4 * i + 1] = g01;
        metric[4 * i + 2] = g01;
        metric[4 * i + 3] = g11;
      }
      return { metric, force };
    }
    for (let i = 0; i < n; i++) {
      g.fill(0);
      f.fill(0);
      for (let a = 0, o = i * D; a < D; a++, o++) {
        let av = 0;
        for (let c = 0; c < d; c++) {
          const t = A[c * nD + o]!;
          jc[c] = s1[o]! * t;
          av += V[i * d + c]! * t;
        }
        const wa = w[a]!;
        const h = wa * (s2[o]! * av * av + s1[o]! * A[d * nD + o]!);
        for (let c = 0; c < d; c++) {
          const u = wa * jc[c]!;
          f[c]! += jc[c]! * h;
          for (let e = 0; e <= c; e++) g[c * d + e]! += u * jc[e]!;
        }
      }
      for (let c = 0; c < d; c++) {
        force[i * d + c] = f[c]!;
        for (let e = 0; e <= c; e++) {
          metric[(i * d + c) * d + e] = g[c * d + e]!;
          metric[(i * d + e) * d + c] = g[c * d + e]!;
        }
      }
    }
    return { metric, force };
  };
  const geodesicTangentsBatch = (Z: Float64Array, V: Float64Array, n: number): Float64Array => {
    const { p, A } = geodesicPreactivations(Z, V, n);
    const s1 = p.S1[L - 1]!;
    const s2 = p.S2[L - 1]!;
    const nD = n * D;
    const out = new Float64Array((d + 1) * nD);
    for (let i = 0, o = 0; i < n; i++)
      for (let a = 0; a < D; a++, o++) {
        let av = 0;
        for (let c = 0; c < d; c++) {
          const t = A[c * nD + o]!;
          out[c * nD + o] = s1[o]! * t;
          av += V[i * d + c]! * t;
        }
        out[d * nD + o] = s2[o]! * av * av + s1[o]! * A[d * nD + o]!;
      }
    return out;
  };
  return {
    ...base,
    weightedGeodesicForce,
    geodesicTangentsBatch,
    decodeBatch,
    jacobianBatch,
    vjpBatch,
    secondOrderBatch,
    weightedEnergyDensity,
    weightedMetricBatch,
    preferredBatchSize: 192,
  };
}
