import { InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import type { Decoder, EnergyDensity, LatentMetric, OutputFamily } from '../decoders/decoder.js';
import { decoderOps } from '../decoders/decoder-ops.js';
import type { MlpDecoder } from '../decoders/mlp-decoder.js';
import { gaussianOutput } from '../outputs/output-families.js';
import { spdSolveDamped } from './spd-solve-damped.js';

/** Options of {@link pullbackMetric}. */
export interface PullbackMetricOptions {
  /** The output family (default: the decoder's own, else Gaussian with σ = 1). */
  output?: OutputFamily;
  /** Domain of the latent codes (default everywhere). */
  contains?: (z: Float64Array) => boolean;
}

/** The constant output metric M (h×h) of a linear head folded into the body's output. */
function constantMatrixOutput(M: Float64Array, h: number): OutputFamily {
  return {
    name: 'linear-head',
    constantFisher: true,
    fisherApply(_t, a, out) {
      for (let i = 0; i < h; i++) {
        let s = 0;
        for (let j = 0; j < h; j++) s += M[i * h + j]! * a[j]!;
        out[i] = s;
      }
      return true;
    },
    fisherQuadGradient: (_t, _a, out) => {
      out.fill(0);
      return true;
    },
    fisherDirectional: (_t, _a, out) => {
      out.fill(0);
      return true;
    },
  };
}

/**
 * The pullback G(z) = J(z)ᵀ I(θ(z)) J(z) of the output family's Fisher information through a decoder, with
 * exact ∂G/∂z, energy density and Christoffel contraction from the decoder's second-order products (or
 * their first-order finite-difference fallbacks). An MLP decoder with a linear last layer and a constant
 * output Fisher (Gaussian with fixed σ) is evaluated in its last hidden layer with M = Wᵀ I W.
 * @example
 * ```ts
 * import { gaussianOutput, linearDecoder, pullbackMetric } from '@infogeom/pullback';
 *
 * // θ(z) = A z with A = [[1, 0], [0, 1], [1, 1]] and σ = 0.5: G = AᵀA / σ² = [[8, 4], [4, 8]] everywhere.
 * const decoder = linearDecoder([1, 0, 0, 1, 1, 1], 3, 2, undefined, gaussianOutput(0.5));
 * const G = pullbackMetric(decoder).metric(Float64Array.of(0.3, -0.2));
 * console.log(Array.from(G, (g) => g.toFixed(6)).join(' '));
 * ```
 *
 * ```txt [output]
 * 8.000000 4.000000 4.000000 8.000000
 * ```
 */
export function pullbackMetric(decoder: Decoder, options: PullbackMetricOptions = {}): LatentMetric {
  const output = options.output ?? decoder.output ?? gaussianOutput(1);
  const head = (decoder as MlpDecoder).linearHead;
  if (head !== undefined && output.constantFisher) {
    const h = head.body.outputDimension;
    const D = decoder.outputDimension;
    const W = head.weights;
    const M = new Float64Array(h * h);
    const col = new Float64Array(D);
    const icol = new Float64Array(D);
    const theta = new Float64Array(D);
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < D; i++) col[i] = W[i * h + j]!;
      output.fisherApply(theta, col, icol);
      for (let k = 0; k < h; k++) {
        let s = 0;
        for (let i = 0; i < D; i++) s += W[i * h + k]! * icol[i]!;
        M[k * h + j] = s;
      }
    }
    return build(head.body, constantMatrixOutput(M, h), decoder, options.contains);
  }
  return build(decoder, output, decoder, options.contains);
}

function build(
  dec: Decoder,
  output: OutputFamily,
  original: Decoder,
  contains: ((z: Float64Array) => boolean) | undefined,
): LatentMetric {
  const ops = decoderOps(dec);
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const d2 = d * d;
  const constant = output.constantFisher;
  const ia = new Float64Array(D);
  const qg = new Float64Array(D);
  const fd = new Float64Array(D);
  const a = new Float64Array(D);
  const thetaAt = (z: Float64Array): Float64Array => (constant ? a : dec.decode(z));
  const fail = (what: string, z: Float64Array): never => {
    throw new InvalidArgumentError(
      'z',
      Array.from(z),
      `a code whose decoded ${what} lies in the ${output.name} domain`,
    );
  };
  const apply = (theta: Float64Array, x: Float64Array, out: Float64Array, z: Float64Array): void => {
    if (!output.fisherApply(theta, x, out)) fail('parameters', z);
  };
  const jv = (J: Float64Array, v: ArrayLike<number>, out: Float64Array): void => {
    for (let i = 0; i < D; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += J[i * d + j]! * v[j]!;
      out[i] = s;
    }
  };
  const jtu = (J: Float64Array, u: Float64Array, out: Float64Array, scale = 1, accumulate = false): void => {
    if (!accumulate) out.fill(0);
    for (let i = 0; i < D; i++) {
      const ui = u[i]! * scale;
      if (ui === 0) continue;
      for (let j = 0; j < d; j++) out[j]! += J[i * d + j]! * ui;
    }
  };
  const metricFrom = (
    J: Float64Array,
    theta: Float64Array,
    z: Float64Array,
    out: Float64Array,
    off: number,
  ): void => {
    const cj = new Float64Array(D);
    const icj = new Float64Array(D);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < D; i++) cj[i] = J[i * d + j]!;
      apply(theta, cj, icj, z);
      for (let k = 0; k <= j; k++) {
        let s = 0;
        for (let i = 0; i < D; i++) s += J[i * d + k]! * icj[i]!;
        out[off + k * d + j] = s;
        out[off + j * d + k] = s;
      }
    }
  };
  const checkFinite = (x: Float64Array, what: string): void => {
    for (const t of x) if (!Number.isFinite(t)) throw new NonFiniteError(what, t, 'finite values');
  };
  const metric = (z: Float64Array): Float64Array => {
    const J = dec.jacobian(z);
    checkFinite(J, 'jacobian(z)');
    const out = new Float64Array(d2);
    metricFrom(J, thetaAt(z), z, out, 0);
    return out;
  };
  const energyDensity = (Z: Float64Array, V: Float64Array, n: number): EnergyDensity => {
    const quad = new Float64Array(n);
    const gv = new Float64Array(n * d);
    const pg = new Float64Array(n * d);
    const Js = dec.jacobianBatch?.(Z, n);
    const tmp = new Float64Array(d);
    // With a batched second-order product: collect the cotangents u = I J v, then one call for all points.
    const U = dec.secondOrderBatch !== undefined ? new Float64Array(n * D) : undefined;
    for (let p = 0; p < n; p++) {
      const z = Z.subarray(p * d, (p + 1) * d).slice();
      const v = V.subarray(p * d, (p + 1) * d);
      const J = Js !== undefined ? Js.subarray(p * D * d, (p + 1) * D * d) : dec.jacobian(z);
      const theta = thetaAt(z);
      jv(J, v, a);
      apply(theta, a, ia, z);
      let q = 0;
      for (let i = 0; i < D; i++) q += a[i]! * ia[i]!;
      quad[p] = q;
      jtu(J, ia, tmp);
      gv.set(tmp, p * d);
      if (U !== undefined) U.set(ia, p * D);
      else {
        const so = ops.secondOrder(z, ia, v);
        for (let k = 0; k < d; k++) pg[p * d + k] = 2 * so[k]!;
      }
      if (!constant) {
        if (!output.fisherQuadGradient(theta, a, qg)) fail('parameters', z);
        jtu(J, qg, tmp);
        for (let k = 0; k < d; k++) pg[p * d + k]! += tmp[k]!;
      }
    }
    if (U !== undefined && dec.secondOrderBatch !== undefined) {
      const so = dec.secondOrderBatch(Z, U, V, n);
      checkFinite(so, 'secondOrderBatch');
      for (let i = 0; i < n * d; i++) pg[i]! += 2 * so[i]!;
    }
    return { quad, metricTimesVelocity: gv, positionGradient: pg };
  };
  const christoffelContraction = (z: Float64Array, v: Float64Array): Float64Array => {
    const J = dec.jacobian(z);
    const theta = thetaAt(z);
    const G = new Float64Array(d2);
    metricFrom(J, theta, z, G, 0);
    const hvv = ops.secondDirectional(z, v);
    apply(theta, hvv, ia, z);
    if (!constant) {
      jv(J, v, a);
      if (!output.fisherDirectional(theta, a, fd) || !output.fisherQuadGradient(theta, a, qg))
        fail('parameters', z);
      for (let i = 0; i < D; i++) ia[i]! += fd[i]! - 0.5 * qg[i]!;
    }
    const r = new Float64Array(d);
    jtu(J, ia, r);
    const out = new Float64Array(d);
    spdSolveDamped(G, r, d, out);
    return out;
  };
  const metricDerivative = (z: Float64Array): Float64Array => {
    // ∂ₖG_ij = H[eₖ,eᵢ]ᵀ I Jⱼ + Jᵢᵀ I H[eₖ,eⱼ] + Jᵢᵀ (∂ₖ I) Jⱼ; mixed H by polarisation of H[v,v].
    const J = dec.jacobian(z);
    const theta = thetaAt(z);
    const Hm: Float64Array[] = [];
    const e = new Float64Array(d);
    for (let k = 0; k < d; k++)
      for (let i = 0; i <= k; i++) {
        e.fill(0);
        e[k]! += 1;
        e[i]! += 1;
        const hp = ops.secondDirectional(z, e);
        e[i]! -= 2;
        const hm = i === k ? new Float64Array(D) : ops.secondDirectional(z, e);
        for (let t = 0; t < D; t++) hp[t] = (hp[t]! - hm[t]!) / 4;
        Hm[k * d + i] = hp;
        Hm[i * d + k] = hp;
      }
    const IJ: Float64Array[] = [];
    const cj = new Float64Array(D);
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < D; i++) cj[i] = J[i * d + j]!;
      const o = new Float64Array(D);
      apply(theta, cj, o, z);
      IJ.push(o);
    }
    const out = new Float64Array(d2 * d);
    for (let k = 0; k < d; k++)
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          let s = 0;
          const hki = Hm[k * d + i]!;
          const hkj = Hm[k * d + j]!;
          for (let t = 0; t < D; t++) s += hki[t]! * IJ[j]![t]! + hkj[t]! * IJ[i]![t]!;
          out[k * d2 + i * d + j] = s;
        }
    if (!constant) {
      // Jᵢᵀ(∂ₖI)Jⱼ = ¼[∇(bᵀIb)·Jₖ − ∇(cᵀIc)·Jₖ], b = Jᵢ + Jⱼ, c = Jᵢ − Jⱼ.
      const b = new Float64Array(D);
      const g = new Float64Array(D);
      const cub = new Float64Array(d2 * d);
      for (let i = 0; i < d; i++)
        for (let j = 0; j <= i; j++)
          for (const sgn of [1, -1]) {
            for (let t = 0; t < D; t++) b[t] = J[t * d + i]! + sgn * J[t * d + j]!;
            if (!output.fisherQuadGradient(theta, b, g)) fail('parameters', z);
            for (let k = 0; k < d; k++) {
              let s = 0;
              for (let t = 0; t < D; t++) s += g[t]! * J[t * d + k]!;
              cub[k * d2 + i * d + j]! += (sgn * s) / 4;
            }
          }
      for (let k = 0; k < d; k++)
        for (let i = 0; i < d; i++)
          for (let j = 0; j <= i; j++) {
            const c = cub[k * d2 + i * d + j]!;
            out[k * d2 + i * d + j]! += c;
            if (j !== i) out[k * d2 + j * d + i]! += c;
          }
    }
    return out;
  };
  return {
    dimension: d,
    metric,
    metricDerivative,
    energyDensity,
    christoffelContraction,
    ...(contains !== undefined ? { contains } : {}),
    decoder: original,
  };
}
