import { NonFiniteError } from '@infogeom/linalg';
import type { Decoder } from './decoder.js';

/**
 * First- and second-order products of a decoder, with the fallbacks the {@link Decoder} contract promises:
 * Jᵀu from the Jacobian, ∇_z(uᵀJv) by central differences of Jᵀu along v, H[v,v] by central differences of
 * J v along v (first-order products only, as a TensorFlow.js decoder can provide).
 */
export interface DecoderOps {
  /** The decoder. */
  readonly decoder: Decoder;
  /** J(z)ᵀu. */
  vjp(z: Float64Array, u: Float64Array): Float64Array;
  /** ∇_z (uᵀ J(z) v). */
  secondOrder(z: Float64Array, u: Float64Array, v: Float64Array): Float64Array;
  /** H[v,v] = d²θ(z+εv)/dε². */
  secondDirectional(z: Float64Array, v: Float64Array): Float64Array;
}

function nrm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/** Step ε of the central difference along v: ≈ ∛(machine ε) relative to the size of z, over ‖v‖. */
function stepAlong(z: Float64Array, v: Float64Array): number {
  const nv = nrm(v);
  return nv === 0 ? 0 : (6e-6 * Math.max(1, nrm(z))) / nv;
}

function shifted(z: Float64Array, v: Float64Array, e: number): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i]! + e * v[i]!;
  return out;
}

/** {@link DecoderOps} of a decoder. */
export function decoderOps(decoder: Decoder): DecoderOps {
  const d = decoder.latentDimension;
  const D = decoder.outputDimension;
  const vjp =
    decoder.vjp !== undefined
      ? decoder.vjp.bind(decoder)
      : (z: Float64Array, u: Float64Array): Float64Array => {
          const J = decoder.jacobian(z);
          const out = new Float64Array(d);
          for (let i = 0; i < D; i++) {
            const ui = u[i]!;
            for (let j = 0; j < d; j++) out[j]! += J[i * d + j]! * ui;
          }
          return out;
        };
  const jv = (z: Float64Array, v: Float64Array): Float64Array => {
    const J = decoder.jacobian(z);
    const out = new Float64Array(D);
    for (let i = 0; i < D; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += J[i * d + j]! * v[j]!;
      out[i] = s;
    }
    return out;
  };
  const finite = (x: Float64Array, what: string): Float64Array => {
    for (const t of x) if (!Number.isFinite(t)) throw new NonFiniteError(what, t, 'finite values');
    return x;
  };
  return {
    decoder,
    vjp,
    secondOrder:
      decoder.secondOrder !== undefined
        ? decoder.secondOrder.bind(decoder)
        : (z, u, v) => {
            const e = stepAlong(z, v);
            if (e === 0) return new Float64Array(d);
            const p = vjp(shifted(z, v, e), u);
            const m = vjp(shifted(z, v, -e), u);
            for (let i = 0; i < d; i++) p[i] = (p[i]! - m[i]!) / (2 * e);
            return finite(p, 'secondOrder');
          },
    secondDirectional:
      decoder.secondDirectional !== undefined
        ? decoder.secondDirectional.bind(decoder)
        : (z, v) => {
            const e = stepAlong(z, v);
            if (e === 0) return new Float64Array(D);
            const p = jv(shifted(z, v, e), v);
            const m = jv(shifted(z, v, -e), v);
            for (let i = 0; i < D; i++) p[i] = (p[i]! - m[i]!) / (2 * e);
            return finite(p, 'secondDirectional');
          },
  };
}
