import { createRng, jacobian as numericJacobian } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { decoderOps } from './decoder-ops.js';
import { functionDecoder } from './function-decoder.js';
import { randomMlpDecoder } from './mlp-decoder.js';

describe('mlpDecoder derivatives', () => {
  for (const act of ['tanh', 'sigmoid', 'softplus', 'sin'] as const) {
    it(`${act}: Jacobian, Jᵀu, ∇(uᵀJv) and H[v,v] match finite differences`, () => {
      const rng = createRng(7);
      const dec = randomMlpDecoder([3, 8, 6, 5], rng, act);
      const z = Float64Array.of(0.3, -0.7, 0.5);
      const u = Float64Array.of(0.2, -1, 0.4, 0.9, -0.3);
      const v = Float64Array.of(-0.6, 0.1, 0.8);
      const J = dec.jacobian(z);
      const Jn = numericJacobian((x) => dec.decode(x), z).data;
      for (let i = 0; i < J.length; i++) expect(Math.abs(J[i]! - Jn[i]!)).toBeLessThan(1e-9);
      const g = dec.vjp!(z, u);
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (let i = 0; i < 5; i++) s += J[i * 3 + k]! * u[i]!;
        expect(Math.abs(g[k]! - s)).toBeLessThan(1e-14);
      }
      const uJv = (x: Float64Array): number[] => {
        const Jx = dec.jacobian(x);
        let s = 0;
        for (let i = 0; i < 5; i++) for (let k = 0; k < 3; k++) s += u[i]! * Jx[i * 3 + k]! * v[k]!;
        return [s];
      };
      const so = dec.secondOrder!(z, u, v);
      const son = numericJacobian(uJv, z).data;
      for (let k = 0; k < 3; k++) expect(Math.abs(so[k]! - son[k]!)).toBeLessThan(1e-9);
      const hvv = dec.secondDirectional!(z, v);
      const plain = decoderOps(
        functionDecoder({
          latentDimension: 3,
          outputDimension: 5,
          decode: dec.decode,
          jacobian: dec.jacobian,
        }),
      );
      const hn = plain.secondDirectional(z, v);
      const son2 = plain.secondOrder(z, u, v);
      for (let i = 0; i < 5; i++) expect(Math.abs(hvv[i]! - hn[i]!)).toBeLessThan(1e-7);
      for (let k = 0; k < 3; k++) expect(Math.abs(so[k]! - son2[k]!)).toBeLessThan(1e-7);
    });
  }
});
