import { kfacFactors, kfacFisher } from '@infogeom/fisher';
import { createRng, gradient, gram, jacobian } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import {
  fisherRows,
  fisherVectorProduct,
  initParams,
  lossAndGradient,
  mlp,
  predict,
  spirals,
} from './fisher-spectrum-mlp.js';

const net = mlp(3);
const data = spirals(6, 3);
const w = initParams(net, 5);

/** The true Fisher by brute force: Σ_y p_y ∇log p_y ∇log p_yᵀ / n, gradients by finite differences. */
function bruteForceFisher(): Float64Array {
  const F = new Float64Array(net.dim * net.dim);
  for (let n = 0; n < data.n; n++) {
    const x = data.x.subarray(2 * n, 2 * n + 2);
    const p = predict(net, w, x);
    const J = jacobian((v) => predict(net, v, x).map(Math.log), w);
    for (let y = 0; y < 3; y++)
      for (let i = 0; i < net.dim; i++)
        for (let j = 0; j < net.dim; j++) F[i * net.dim + j]! += (p[y]! * J.get(y, i) * J.get(y, j)) / data.n;
  }
  return F;
}

describe('fisher-spectrum MLP', () => {
  it('the loss gradient matches finite differences', () => {
    const g = lossAndGradient(net, w, data).gradient;
    const fd = gradient((v) => lossAndGradient(net, v, data).loss, w);
    for (let i = 0; i < net.dim; i++) expect(g[i]).toBeCloseTo(fd[i]!, 7);
  });

  it('the matrix-free FVP and MᵀM/n both equal the brute-force true Fisher', () => {
    const F = bruteForceFisher();
    const M = gram(fisherRows(net, w, data).rows);
    const rng = createRng(1);
    const v = Float64Array.from({ length: net.dim }, () => rng.normal());
    const fv = fisherVectorProduct(net, w, data, v);
    const scale = Math.max(...F.map(Math.abs));
    for (let i = 0; i < net.dim; i++) {
      let ref = 0;
      for (let j = 0; j < net.dim; j++) {
        ref += F[i * net.dim + j]! * v[j]!;
        expect(Math.abs(M.get(i, j) / data.n - F[i * net.dim + j]!)).toBeLessThan(1e-7 * scale);
      }
      expect(Math.abs(fv[i]! - ref)).toBeLessThan(1e-7 * scale * net.dim);
    }
  });

  it('with one example K-FAC is exact on every layer block', () => {
    const one = spirals(1, 8);
    const { rows, activations, preGrads } = fisherRows(net, w, one);
    const F = gram(rows);
    for (let l = 0; l < 3; l++) {
      const { A, G } = kfacFactors(activations[l]!, preGrads[l]!);
      const K = kfacFisher(A, G).toDense();
      const lo = net.offsets[l]!;
      for (let i = 0; i < K.rows; i++)
        for (let j = 0; j < K.cols; j++) expect(K.get(i, j)).toBeCloseTo(F.get(lo + i, lo + j), 12);
    }
  });
});
