import { assertInteger, jacobian as numericJacobian } from '@infogeom/linalg';
import type { Decoder, OutputFamily } from './decoder.js';

/** Specification of a {@link functionDecoder}. */
export interface FunctionDecoderSpec {
  /** Latent dimension d. */
  latentDimension: number;
  /** Output dimension D. */
  outputDimension: number;
  /** θ(z). */
  decode: (z: Float64Array) => ArrayLike<number>;
  /** J(z), row-major D×d (default: Richardson-extrapolated central differences). */
  jacobian?: (z: Float64Array) => ArrayLike<number>;
  /** ∇_z (uᵀ J(z) v) (default: central differences of Jᵀu along v). */
  secondOrder?: (z: Float64Array, u: Float64Array, v: Float64Array) => ArrayLike<number>;
  /** H[v,v] = d²θ(z+εv)/dε² (default: central differences of J v along v). */
  secondDirectional?: (z: Float64Array, v: Float64Array) => ArrayLike<number>;
  /** The output family (default Gaussian with σ = 1). */
  output?: OutputFamily;
}

/**
 * A decoder from plain TypeScript functions: the analytic Jacobian (and second-order products) when given,
 * else finite differences (Richardson-extrapolated for the Jacobian, so accurate to ~1e-10 on smooth maps).
 */
export function functionDecoder(spec: FunctionDecoderSpec): Decoder {
  const d = spec.latentDimension;
  const D = spec.outputDimension;
  assertInteger('latentDimension', d, 1);
  assertInteger('outputDimension', D, 1);
  const decode = (z: Float64Array): Float64Array => Float64Array.from(spec.decode(z));
  const userJ = spec.jacobian;
  const jac =
    userJ !== undefined
      ? (z: Float64Array): Float64Array => Float64Array.from(userJ(z))
      : (z: Float64Array): Float64Array => numericJacobian(decode, z, { name: 'decode', step: 0.01 }).data;
  const so = spec.secondOrder;
  const sd = spec.secondDirectional;
  return {
    latentDimension: d,
    outputDimension: D,
    ...(spec.output !== undefined ? { output: spec.output } : {}),
    decode,
    jacobian: jac,
    ...(so !== undefined ? { secondOrder: (z, u, v) => Float64Array.from(so(z, u, v)) } : {}),
    ...(sd !== undefined ? { secondDirectional: (z, v) => Float64Array.from(sd(z, v)) } : {}),
  };
}

/**
 * The linear decoder z ↦ A z + b (A row-major D×d, default b = 0): its pullback metric is the constant AᵀA/σ²
 * and its geodesics are straight lines of length ‖A(z₁ − z₀)‖/σ.
 */
export function linearDecoder(
  A: ArrayLike<number>,
  outputDimension: number,
  latentDimension: number,
  b?: ArrayLike<number>,
  output?: OutputFamily,
): Decoder {
  const a = Float64Array.from(A);
  const D = outputDimension;
  const d = latentDimension;
  return functionDecoder({
    latentDimension: d,
    outputDimension: D,
    decode: (z) => {
      const y = new Float64Array(D);
      for (let i = 0; i < D; i++) {
        let s = b?.[i] ?? 0;
        for (let j = 0; j < d; j++) s += a[i * d + j]! * z[j]!;
        y[i] = s;
      }
      return y;
    },
    jacobian: () => a,
    secondOrder: () => new Float64Array(d),
    secondDirectional: () => new Float64Array(D),
    ...(output !== undefined ? { output } : {}),
  });
}
