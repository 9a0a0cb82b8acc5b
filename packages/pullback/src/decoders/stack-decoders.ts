import { InvalidArgumentError } from '@infogeom/linalg';
import type { Decoder, OutputFamily } from './decoder.js';
import { decoderOps } from './decoder-ops.js';

/**
 * The decoder z ↦ (θ₁(z), θ₂(z), …) of several decoders on the same latent space, outputs concatenated
 * (e.g. a mean decoder and an RBF variance network: with a Gaussian output the pullback is J_μᵀJ_μ + J_σᵀJ_σ).
 */
export function stackDecoders(decoders: readonly Decoder[], output?: OutputFamily): Decoder {
  const first = decoders[0];
  if (first === undefined) throw new InvalidArgumentError('decoders.length', 0, 'at least one decoder');
  const d = first.latentDimension;
  for (const [i, dec] of decoders.entries())
    if (dec.latentDimension !== d)
      throw new InvalidArgumentError(`decoders[${i}].latentDimension`, dec.latentDimension, `${d}`);
  const ops = decoders.map(decoderOps);
  const offs: number[] = [];
  let D = 0;
  for (const dec of decoders) {
    offs.push(D);
    D += dec.outputDimension;
  }
  const part = (u: Float64Array, i: number): Float64Array =>
    u.subarray(offs[i]!, offs[i]! + decoders[i]!.outputDimension);
  const cat = (f: (dec: Decoder, i: number) => Float64Array): Float64Array => {
    const out = new Float64Array(D);
    decoders.forEach((dec, i) => {
      out.set(f(dec, i), offs[i]!);
    });
    return out;
  };
  const sum = (f: (i: number) => Float64Array): Float64Array => {
    const out = new Float64Array(d);
    decoders.forEach((_, i) => {
      const g = f(i);
      for (let k = 0; k < d; k++) out[k]! += g[k]!;
    });
    return out;
  };
  return {
    latentDimension: d,
    outputDimension: D,
    ...(output !== undefined ? { output } : {}),
    decode: (z) => cat((dec) => dec.decode(z)),
    jacobian: (z) => {
      const J = new Float64Array(D * d);
      decoders.forEach((dec, i) => {
        J.set(dec.jacobian(z), offs[i]! * d);
      });
      return J;
    },
    vjp: (z, u) => sum((i) => ops[i]!.vjp(z, part(u, i).slice())),
    secondOrder: (z, u, v) => sum((i) => ops[i]!.secondOrder(z, part(u, i).slice(), v)),
    secondDirectional: (z, v) => cat((_, i) => ops[i]!.secondDirectional(z, v)),
  };
}
