/**
 * Where K-FAC is exact and where it is not, against the brute-force per-layer Fisher of a small
 * network with a unit-variance Gaussian output (F_l = E_x[J_lᵀJ_l], J_l = ∂z/∂vec W_l).
 */
import { createRng, DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { kfacFactors } from './kfac-factors.js';
import { kfacFisher } from './kfac-fisher.js';
import { layerGradients, randomMatrix, relFro, secondMoment } from './test-utils/brute-force.js';
import { exactKfacFactors, exactLayerFisher, randomMlp } from './test-utils/mlp.js';

/** Relative Frobenius error of K-FAC (exact factors) on layer l. */
function kfacError(net: ReturnType<typeof randomMlp>, X: DenseMatrix, l: number): number {
  const { A, G } = exactKfacFactors(net, X, l);
  return relFro(kfacFisher(A, G).toDense(), exactLayerFisher(net, X, l));
}

describe('K-FAC exactness', () => {
  it('is exact for a single datum, even for a nonlinear network (true and empirical Fisher)', () => {
    const rng = createRng(10);
    const net = randomMlp([3, 4, 2], 'tanh', rng);
    const X = randomMatrix(1, 3, rng);
    for (let l = 0; l < 2; l++) expect(kfacError(net, X, l)).toBeLessThan(1e-13);
    // Empirical Fisher of one per-example gradient: E[āāᵀ ⊗ ggᵀ] = E[āāᵀ] ⊗ E[ggᵀ] when n = 1.
    const a = randomMatrix(1, 4, rng);
    const g = randomMatrix(1, 3, rng);
    const { A, G } = kfacFactors(a, g);
    expect(relFro(kfacFisher(A, G).toDense(), secondMoment(layerGradients(a, g, true)))).toBeLessThan(1e-14);
  });

  it('is exact on every layer of a deep linear network with squared loss, for many data', () => {
    // ∂z/∂s_l = W_L…W_{l+1} does not depend on x, so g is independent of ā: F_l = E[ggᵀ] ⊗ E[āāᵀ].
    const rng = createRng(11);
    const net = randomMlp([3, 4, 3, 2], 'linear', rng);
    const X = randomMatrix(25, 3, rng);
    for (let l = 0; l < 3; l++) expect(kfacError(net, X, l)).toBeLessThan(1e-13);
  });

  it('is exact for a linear-Gaussian layer whose targets are sampled from the model (G = I)', () => {
    const rng = createRng(12);
    const net = randomMlp([4, 3], 'linear', rng);
    const X = randomMatrix(30, 4, rng);
    const { G } = exactKfacFactors(net, X, 0);
    expect(relFro(G, DenseMatrix.identity(3))).toBeLessThan(1e-15);
    expect(kfacError(net, X, 0)).toBeLessThan(1e-14);
  });

  it('is not exact for several data through a nonlinearity (measured error)', () => {
    const rng = createRng(13);
    const net = randomMlp([3, 5, 2], 'tanh', rng);
    const X = randomMatrix(40, 3, rng);
    for (let i = 0; i < X.data.length; i++) X.data[i]! *= 2;
    const e = kfacError(net, X, 0);
    expect(e).toBeGreaterThan(1e-2);
    expect(e).toBeLessThan(1);
    // the last layer's g is independent of x (B = I), so it stays exact
    expect(kfacError(net, X, 1)).toBeLessThan(1e-13);
  });

  it('is not exact for the empirical Fisher of several random per-example gradients', () => {
    const rng = createRng(14);
    const a = randomMatrix(20, 3, rng);
    const g = randomMatrix(20, 2, rng);
    for (let r = 0; r < 20; r++) g.data[r * 2]! *= a.data[r * 3]!; // correlate g with a
    const { A, G } = kfacFactors(a, g);
    const e = relFro(kfacFisher(A, G).toDense(), secondMoment(layerGradients(a, g, true)));
    expect(e).toBeGreaterThan(1e-2);
  });
});
