import { assertFiniteArray, assertInteger, assertLength, InvalidArgumentError } from '@infogeom/linalg';
import * as tf from '@tensorflow/tfjs';
import type { Decoder, EnergyDensity, OutputFamily } from '../decoders/decoder.js';
import { denseModelOptions } from './dense-network.js';

/** A decoder network as a function of a batch of codes: [n, d] ↦ θ [n, D], using tfjs ops only. */
export type TfjsDecoderFn = (z: tf.Tensor2D) => tf.Tensor;

/**
 * Forward-mode differentiation of a decoder network written with tfjs ops (tangent propagation), e.g.
 * {@link TfjsDenseNetwork.jvp}. When given to {@link tfjsDecoder}, J v costs one forward pass, and the
 * second-order products become exact: ∇_z(uᵀJv) is the reverse-mode gradient of this tangent program
 * (first derivatives of its ops only, so tanh is fine) and H[v,v] its VJP differentiated in the cotangent.
 */
export type TfjsJvpFn = (z: tf.Tensor2D, v: tf.Tensor2D) => tf.Tensor;

/** ∇_z ⟨u, J(z) v⟩ for a batch: ([n, d] codes, [n, D] cotangents u, [n, d] tangents v) ↦ [n, d]. */
export type TfjsSecondOrderFn = (z: tf.Tensor2D, u: tf.Tensor2D, v: tf.Tensor2D) => tf.Tensor;

/** H[v,v] = d²θ(z + εv)/dε² for a batch: ([n, d] codes, [n, d] directions) ↦ [n, D]. */
export type TfjsSecondDirectionalFn = (z: tf.Tensor2D, v: tf.Tensor2D) => tf.Tensor;

/** Reverse mode of a decoder network written with tfjs ops: ([n, d] codes, [n, D] cotangents) ↦ Jᵀu [n, d]. */
export type TfjsVjpFn = (z: tf.Tensor2D, u: tf.Tensor2D) => tf.Tensor;

/**
 * The gradients ∇_z S and ∇_v S (each [n, d]) of S(z, v) = ½ Σ_a w_a (J(z) v)_a² for a batch of codes z
 * and tangents v and the weights w [D] of a constant diagonal output Fisher, and the tangent J v [n, D]
 * itself: ∇_v S = G v and ∇_z S = ½ ∇_z (vᵀ G v), the whole energy density of a Gaussian output with fixed
 * σ. E.g. {@link TfjsDenseNetwork.energyGradients}, a hand-written reverse pass faster than tfjs autodiff.
 */
export type TfjsEnergyGradientsFn = (
  z: tf.Tensor2D,
  v: tf.Tensor2D,
  w: tf.Tensor1D,
) => [tf.Tensor, tf.Tensor, tf.Tensor];

/**
 * The d Jacobian columns and the second directional derivative at n codes, stacked: ([n, d] codes, [n, d]
 * directions) ↦ [(d + 1)·n, D] with rows c·n + i = J(zᵢ) e_c and rows d·n + i = H(zᵢ)[vᵢ, vᵢ]. E.g.
 * {@link TfjsDenseNetwork.geodesicTangents} (one stacked forward-mode pass per layer).
 */
export type TfjsGeodesicTangentsFn = (z: tf.Tensor2D, v: tf.Tensor2D) => tf.Tensor;

/** Options of {@link tfjsDecoder}. */
export interface TfjsDecoderOptions {
  /** Tangent propagation J(z)v of the same network (default: J v by a VJP of a VJP, second-order by differences). */
  jvp?: TfjsJvpFn;
  /** Jᵀu of the same network, e.g. {@link TfjsDenseNetwork.vjp} (default: tfjs autodiff of the network). */
  vjp?: TfjsVjpFn;
  /**
   * ∇_z ⟨u, J(z) v⟩ of the same network, e.g. {@link TfjsDenseNetwork.secondOrder} (default with `jvp`:
   * tfjs autodiff through the tangent program; without: differences of VJPs).
   */
  secondOrder?: TfjsSecondOrderFn;
  /**
   * H[v,v] of the same network, e.g. {@link TfjsDenseNetwork.secondDirectional} (default with `jvp`: tfjs
   * autodiff of the tangent program's VJP in its cotangent; without: differences of JVPs).
   */
  secondDirectional?: TfjsSecondDirectionalFn;
  /**
   * The energy density's gradients of the same network (default with `jvp`: tfjs autodiff through the
   * tangent program); enables {@link TfjsDecoder.weightedEnergyDensity} on its own.
   */
  energyGradients?: TfjsEnergyGradientsFn;
  /**
   * The Jacobian columns and H[v,v] of the same network in one call; enables
   * {@link TfjsDecoder.geodesicTangentsBatch} (the Christoffel contraction in one tfjs call per integrator
   * stage, contracted with the output family's Fisher in float64).
   */
  geodesicTangents?: TfjsGeodesicTangentsFn;
  /**
   * For a `tf.Sequential` of Dense layers: use {@link denseModelOptions}' hand-written forward and reverse
   * passes (on the model's live weights) where `jvp`, `vjp`, `secondOrder`, `secondDirectional`,
   * `energyGradients`, `geodesicTangents` are not given
   * (default true; false: tfjs autodiff throughout).
   */
  denseLayers?: boolean;
  /** The output family whose Fisher information is pulled back (default: Gaussian with σ = 1). */
  output?: OutputFamily;
  /** Latent dimension d; required for a function network (read from the input shape of a LayersModel). */
  latentDimension?: number;
  /** Output dimension D; required for a function network (read from the output shape of a LayersModel). */
  outputDimension?: number;
  /**
   * Relative step δ of the float32 finite differences behind {@link Decoder.secondOrderBatch} and
   * {@link Decoder.secondDirectional}: the stencil moves z by δ·max(1, ‖z‖∞) along v (default 5e-3: a
   * five-point stencil, truncation ~δ⁴ balanced against float32 rounding ~1e-7/δ; ≈ 5e-5 relative
   * accuracy on a tanh MLP with unit-scale weights).
   */
  differenceStep?: number;
}

/**
 * A {@link Decoder} backed by a TensorFlow.js network, float32 inside and float64 at the boundary. Every
 * product is ONE batched network call over all codes (e.g. all nodes of a curve), inside `tf.tidy`:
 * - `vjpBatch`: one reverse pass;
 * - `jvpBatch` / `jacobianBatch`: J v as the derivative of the (linear) cotangent map u ↦ ⟨Jᵀu, v⟩, a
 *   VJP of a VJP, which differentiates the network's gradient only in its cotangent (never a second
 *   derivative through tanh/exp, broken upstream: tfjs issue 3252); the Jacobian stacks the d tangent
 *   directions into one batch of d·n rows;
 * - `secondOrderBatch` (∇_z uᵀJ(z)v) and `secondDirectional` (H[v,v]): five-point central differences
 *   of VJPs / JVPs along v with a float32-sized step, all stencil points in one call; exact (reverse mode
 *   through the tangent program) when the network comes with forward mode ({@link TfjsDecoderOptions.jvp}).
 */
export interface TfjsDecoder extends Decoder {
  /** J(zᵢ) vᵢ for n codes `Z` (n×d) and tangents `V` (n×d) → n×D, one double-VJP call. */
  jvpBatch(Z: Float64Array, V: Float64Array, n: number): Float64Array;
  /** θ at n codes as a tensor [n, D] (the caller owns it), for rendering decoded curves. */
  decodeTensor(Z: Float64Array, n: number): tf.Tensor2D;
  /** vjpBatch (and the rest) are always present on a tfjs decoder. */
  vjpBatch(Z: Float64Array, U: Float64Array, n: number): Float64Array;
  /** Always present on a tfjs decoder. */
  decodeBatch(Z: Float64Array, n: number): Float64Array;
  /** Always present on a tfjs decoder. */
  jacobianBatch(Z: Float64Array, n: number): Float64Array;
  /** Always present on a tfjs decoder. */
  secondOrderBatch(Z: Float64Array, U: Float64Array, V: Float64Array, n: number): Float64Array;
  /**
   * With forward mode or `energyGradients` only: the energy density of a constant diagonal output Fisher
   * I = diag(w) (Gaussian with fixed σ: w = 1/σ²) at n points, fused in tfjs — G v and ½∇_z q as the
   * gradients in v and in z of S = ½ Σ w ⊙ (J v)² (one tangent pass and one reverse pass), and q = ‖J v‖²_w
   * summed in float64 from the tangent J v (free of the low bias of float32 sums over the D outputs).
   */
  weightedEnergyDensity?(Z: Float64Array, V: Float64Array, n: number, w: Float64Array): EnergyDensity;
  /**
   * With `geodesicTangents` only: its stacked J columns and H[v,v] as float64 ((d+1)·n × D), from which
   * `batchedPullbackMetric` contracts the Christoffel symbols of any output family (one tfjs call each).
   */
  geodesicTangentsBatch?(Z: Float64Array, V: Float64Array, n: number): Float64Array;
}

/** Throws unless the tensor `t` returned by a user function has shape [rows, cols]. */
function assertShape(name: string, t: tf.Tensor, rows: number, cols: number): void {
  if (t.shape.length !== 2 || t.shape[0] !== rows || t.shape[1] !== cols)
    throw new InvalidArgumentError(
      name,
      `shape [${t.shape.join(', ')}]`,
      `tensors of shape [${rows}, ${cols}]`,
    );
}

/** Runs `fn` in `tf.tidy` and returns its plain (non-tensor) result. */
function tidy<T>(fn: () => T): T {
  let out: T | undefined;
  tf.tidy(() => {
    out = fn();
  });
  return out as T;
}

const isLayersModel = (m: tf.LayersModel | TfjsDecoderFn): m is tf.LayersModel =>
  typeof m === 'object' && m !== null && 'apply' in m && 'inputs' in m;

/** Five-point stencil offsets and weights for f′(0) ≈ Σ wₖ f(cₖh)/h. */
const STENCIL: readonly (readonly [number, number])[] = [
  [-2, 1 / 12],
  [-1, -8 / 12],
  [1, 8 / 12],
  [2, -1 / 12],
];

/**
 * Wraps a TensorFlow.js network (a `tf.LayersModel` taking [n, d] codes, or a function of a [n, d] tensor)
 * as a {@link TfjsDecoder}. The network stays the caller's; the decoder allocates no persistent tensors,
 * so nothing needs disposing and repeated solves leave `tf.memory().numTensors` unchanged. A
 * `tf.Sequential` of Dense layers gets hand-written forward and reverse passes on its live weights
 * ({@link denseModelOptions}; ≈ 3.6× faster geodesics than autodiff on the wasm backend).
 * @param network - the decoder network z ↦ θ(z)
 * @param options - output family, dimensions (function networks), products, finite-difference step
 */
export function tfjsDecoder(
  network: tf.LayersModel | TfjsDecoderFn,
  options: TfjsDecoderOptions = {},
): TfjsDecoder {
  const dense =
    isLayersModel(network) && options.denseLayers !== false ? denseModelOptions(network) : undefined;
  const opts: TfjsDecoderOptions = dense !== undefined ? { ...dense, ...options } : options;
  let d: number;
  let D: number;
  let f: (z: tf.Tensor2D) => tf.Tensor;
  if (isLayersModel(network)) {
    const inShape = network.inputs[0]?.shape;
    const outShape = network.outputs[0]?.shape;
    d = opts.latentDimension ?? inShape?.[1] ?? Number.NaN;
    D = opts.outputDimension ?? outShape?.[1] ?? Number.NaN;
    f = (z) => network.apply(z, { training: false }) as tf.Tensor;
  } else if (typeof network === 'function') {
    if (opts.latentDimension === undefined || opts.outputDimension === undefined)
      throw new InvalidArgumentError(
        'options',
        options,
        'latentDimension and outputDimension for a function network',
      );
    d = opts.latentDimension;
    D = opts.outputDimension;
    f = network;
  } else
    throw new InvalidArgumentError('network', network, 'a tf.LayersModel or a function of a [n, d] tensor');
  assertInteger('latentDimension', d, 1);
  assertInteger('outputDimension', D, 1);
  const delta = opts.differenceStep ?? 5e-3;
  if (!(delta > 0 && delta < 1)) throw new InvalidArgumentError('options.differenceStep', delta, '(0, 1)');

  const forward = (z: tf.Tensor2D): tf.Tensor2D => f(z).reshape([z.shape[0], D]) as tf.Tensor2D;
  const codes = (Z: Float64Array, n: number, name = 'Z'): tf.Tensor2D => {
    assertInteger('n', n, 1);
    assertLength(name, Z.length, n * d);
    assertFiniteArray(name, Z);
    return tf.tensor2d(Float32Array.from(Z), [n, d]);
  };
  const block = (A: Float64Array, n: number, cols: number, name: string): tf.Tensor2D => {
    assertLength(name, A.length, n * cols);
    assertFiniteArray(name, A);
    return tf.tensor2d(Float32Array.from(A), [n, cols]);
  };
  /** Jᵀu row by row: gradient of Σ θ ∘ U with respect to the codes. */
  const vjpT = (z: tf.Tensor2D, u: tf.Tensor): tf.Tensor2D =>
    tf.grad((x: tf.Tensor) => tf.sum(tf.mul(forward(x as tf.Tensor2D), u)))(z) as tf.Tensor2D;
  /** J v row by row: the derivative in u (at u = 0) of the linear map u ↦ ⟨Jᵀu, v⟩. */
  const doubleVjp = (z: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D =>
    tf.grad((u: tf.Tensor) => tf.sum(tf.mul(vjpT(z, u), v)))(tf.zeros([z.shape[0], D])) as tf.Tensor2D;
  const fwd = opts.jvp;
  const jvpT =
    fwd === undefined
      ? doubleVjp
      : (z: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D => fwd(z, v).reshape([z.shape[0], D]) as tf.Tensor2D;
  /** Exact ∇_z ⟨u, J(z)v⟩ through the tangent program (forward mode only). */
  const exactSecondOrder = (fn: TfjsJvpFn, z: tf.Tensor2D, u: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D =>
    tf.grad((x: tf.Tensor) => tf.sum(tf.mul(fn(x as tf.Tensor2D, v), u)))(z) as tf.Tensor2D;
  const toF64 = (t: tf.Tensor): Float64Array => Float64Array.from(t.dataSync());

  /** Step per row for differences along V: δ·max(1, ‖z‖∞)/‖v‖∞ (0 where v = 0). */
  const steps = (Z: Float64Array, V: Float64Array, n: number): Float64Array => {
    const h = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let zn = 1;
      let vn = 0;
      for (let j = 0; j < d; j++) {
        zn = Math.max(zn, Math.abs(Z[i * d + j]!));
        vn = Math.max(vn, Math.abs(V[i * d + j]!));
      }
      h[i] = vn > 0 ? (delta * zn) / vn : 0;
    }
    return h;
  };
  /** The stencil points Z + cₖhᵢVᵢ stacked as 4 blocks of n rows. */
  const stencilCodes = (Z: Float64Array, V: Float64Array, h: Float64Array, n: number): tf.Tensor2D => {
    const out = new Float32Array(4 * n * d);
    STENCIL.forEach(([c], k) => {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++) out[(k * n + i) * d + j] = Z[i * d + j]! + c * h[i]! * V[i * d + j]!;
    });
    return tf.tensor2d(out, [4 * n, d]);
  };
  /** Combines 4 stacked blocks (4n × m) of a stencil into the derivative (n × m). */
  const combine = (vals: Float32Array, h: Float64Array, n: number, m: number): Float64Array => {
    const out = new Float64Array(n * m);
    STENCIL.forEach(([, w], k) => {
      for (let i = 0; i < n; i++) {
        if (h[i] === 0) continue;
        const s = w / h[i]!;
        for (let j = 0; j < m; j++) out[i * m + j]! += s * vals[(k * n + i) * m + j]!;
      }
    });
    return out;
  };

  const decodeBatch = (Z: Float64Array, n: number): Float64Array => tidy(() => toF64(forward(codes(Z, n))));
  const userVjp = opts.vjp;
  const vjpBatch = (Z: Float64Array, U: Float64Array, n: number): Float64Array =>
    tidy(() => {
      const z = codes(Z, n);
      const u = block(U, n, D, 'U');
      if (userVjp === undefined) return toF64(vjpT(z, u));
      const g = userVjp(z, u);
      assertShape('vjp', g, n, d);
      return toF64(g);
    });
  const jvpBatch = (Z: Float64Array, V: Float64Array, n: number): Float64Array =>
    tidy(() => toF64(jvpT(codes(Z, n), block(V, n, d, 'V'))));
  const jacobianBatch = (Z: Float64Array, n: number): Float64Array =>
    tidy(() => {
      const z = codes(Z, n);
      const e = new Float32Array(d * n * d);
      for (let k = 0; k < d; k++) for (let i = 0; i < n; i++) e[(k * n + i) * d + k] = 1;
      const cols = jvpT(tf.tile(z, [d, 1]) as tf.Tensor2D, tf.tensor2d(e, [d * n, d])).dataSync();
      const J = new Float64Array(n * D * d);
      for (let k = 0; k < d; k++)
        for (let i = 0; i < n; i++)
          for (let a = 0; a < D; a++) J[(i * D + a) * d + k] = cols[(k * n + i) * D + a]!;
      return J;
    });
  const secondOrderBatch = (Z: Float64Array, U: Float64Array, V: Float64Array, n: number): Float64Array => {
    assertLength('V', V.length, n * d);
    assertFiniteArray('V', V);
    const userSecond = opts.secondOrder;
    if (userSecond !== undefined)
      return tidy(() => {
        const g = userSecond(codes(Z, n), block(U, n, D, 'U'), block(V, n, d, 'V'));
        assertShape('secondOrder', g, n, d);
        return toF64(g);
      });
    if (fwd !== undefined)
      return tidy(() => toF64(exactSecondOrder(fwd, codes(Z, n), block(U, n, D, 'U'), block(V, n, d, 'V'))));
    const h = steps(Z, V, n);
    return tidy(() => {
      const u = block(U, n, D, 'U');
      codes(Z, n);
      const g = vjpT(stencilCodes(Z, V, h, n), tf.tile(u, [4, 1]));
      return combine(g.dataSync() as Float32Array, h, n, d);
    });
  };
  const secondDirectional = (z: Float64Array, v: Float64Array): Float64Array => {
    assertLength('v', v.length, d);
    assertFiniteArray('v', v);
    const userHvv = opts.secondDirectional;
    if (userHvv !== undefined)
      return tidy(() => {
        const g = userHvv(codes(z, 1), block(v, 1, d, 'v'));
        assertShape('secondDirectional', g, 1, D);
        return toF64(g);
      });
    if (fwd !== undefined)
      return tidy(() => {
        // H[v,v] = ∂/∂u ⟨∇_z⟨u, J v⟩, v⟩: a VJP of the tangent program, differentiated in its cotangent.
        const zt = codes(z, 1);
        const vt = block(v, 1, d, 'v');
        const g = tf.grad((u: tf.Tensor) =>
          tf.sum(tf.mul(exactSecondOrder(fwd, zt, u as tf.Tensor2D, vt), vt)),
        );
        return toF64(g(tf.zeros([1, D])));
      });
    const h = steps(z, v, 1);
    return tidy(() => {
      codes(z, 1);
      const jv = jvpT(stencilCodes(z, v, h, 1), tf.tile(tf.tensor2d(Float32Array.from(v), [1, d]), [4, 1]));
      return combine(jv.dataSync() as Float32Array, h, 1, D);
    });
  };

  /**
   * S = ½ Σ w ⊙ (J v)² differentiated by tfjs autodiff through ONE run of the tangent program: ∇_z S =
   * ∇_z⟨u, J v⟩ and ∇_v S = Jᵀu = G v with u = w ⊙ J v, and J v itself taken from inside the tape.
   */
  const autodiffEnergyGradients =
    (fn: TfjsJvpFn): TfjsEnergyGradientsFn =>
    (z, v, w) => {
      let jv: tf.Tensor | undefined;
      const [gz, gv] = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const t = fn(a as tf.Tensor2D, b as tf.Tensor2D).reshape([z.shape[0], D]);
        jv = tf.keep(t); // outlives the gradient's scope; released below
        return tf.mul(0.5, tf.sum(tf.mul(tf.mul(t, t), w)));
      })([z, v]);
      const tangent = jv!.clone(); // owned by the caller's tidy, unlike the kept tensor
      jv!.dispose();
      return [gz!, gv!, tangent];
    };
  const energyGradients =
    opts.energyGradients ?? (fwd !== undefined ? autodiffEnergyGradients(fwd) : undefined);
  const weightedEnergyDensity = (
    grads: TfjsEnergyGradientsFn,
    Z: Float64Array,
    V: Float64Array,
    n: number,
    w: Float64Array,
  ): EnergyDensity => {
    assertLength('w', w.length, D);
    return tidy(() => {
      const z = codes(Z, n);
      const v = block(V, n, d, 'V');
      const [gz, gv, tangent] = grads(z, v, tf.tensor1d(Float32Array.from(w)));
      assertShape('energyGradients', gz, n, d);
      assertShape('energyGradients', gv, n, d);
      assertShape('energyGradients', tangent, n, D);
      const pg = toF64(gz);
      for (let i = 0; i < pg.length; i++) pg[i]! *= 2;
      const Gv = toF64(gv);
      // q = Σ w ⊙ (J v)² summed in float64: as a float32 sum over the D outputs (or as vᵀ(G v) with G v
      // from a long float32 matmul) it rounds low by 2e-7 – 7e-7 relative on the MNIST decoder (784 terms),
      // a bias that went straight into lengths.
      const jv = tangent.dataSync();
      const quad = new Float64Array(n);
      const D4 = D - (D % 4);
      for (let i = 0; i < n; i++) {
        const o = i * D;
        // Four partial sums: no loop-carried add chain.
        let q0 = 0;
        let q1 = 0;
        let q2 = 0;
        let q3 = 0;
        let a = 0;
        for (; a < D4; a += 4) {
          const j0 = jv[o + a]!;
          const j1 = jv[o + a + 1]!;
          const j2 = jv[o + a + 2]!;
          const j3 = jv[o + a + 3]!;
          q0 += w[a]! * j0 * j0;
          q1 += w[a + 1]! * j1 * j1;
          q2 += w[a + 2]! * j2 * j2;
          q3 += w[a + 3]! * j3 * j3;
        }
        for (; a < D; a++) q0 += w[a]! * jv[o + a]! * jv[o + a]!;
        quad[i] = q0 + q1 + (q2 + q3);
      }
      return { quad, metricTimesVelocity: Gv, positionGradient: pg };
    });
  };

  const geodesicTangentsBatch = (
    tangents: TfjsGeodesicTangentsFn,
    Z: Float64Array,
    V: Float64Array,
    n: number,
  ) =>
    tidy(() => {
      const out = tangents(codes(Z, n), block(V, n, d, 'V'));
      assertShape('geodesicTangents', out, (d + 1) * n, D);
      return toF64(out);
    });
  return {
    latentDimension: d,
    outputDimension: D,
    roundoff: 2 ** -24,
    ...(opts.geodesicTangents !== undefined
      ? {
          geodesicTangentsBatch: (Z: Float64Array, V: Float64Array, n: number) =>
            geodesicTangentsBatch(opts.geodesicTangents!, Z, V, n),
        }
      : {}),
    ...(opts.output !== undefined ? { output: opts.output } : {}),
    ...(energyGradients !== undefined
      ? {
          weightedEnergyDensity: (Z: Float64Array, V: Float64Array, n: number, w: Float64Array) =>
            weightedEnergyDensity(energyGradients, Z, V, n, w),
        }
      : {}),
    decode: (z) => decodeBatch(z, 1),
    jacobian: (z) => jacobianBatch(z, 1),
    vjp: (z, u) => vjpBatch(z, u, 1),
    secondOrder: (z, u, v) => secondOrderBatch(z, u, v, 1),
    secondDirectional,
    decodeBatch,
    jacobianBatch,
    vjpBatch,
    jvpBatch,
    secondOrderBatch,
    decodeTensor: (Z, n) => tf.tidy(() => forward(codes(Z, n))),
  };
}
