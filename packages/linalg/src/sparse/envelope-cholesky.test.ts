import { describe, expect, it } from 'vitest';
import { DenseMatrix } from '../core/dense-matrix.js';
import { InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.js';
import { norm2 } from '../core/vector.js';
import { createRng } from '../random/rng.js';
import { CsrMatrix } from './csr-matrix.js';
import { envelopeCholesky } from './envelope-cholesky.js';
import { graphLaplacian } from './graph-laplacian.js';
import { reverseCuthillMcKee } from './reverse-cuthill-mckee.js';

/** Laplacian of a random geometric graph in the unit square (radius r), possibly disconnected. */
function geometricLaplacian(n: number, r: number, seed: number): CsrMatrix {
  const rng = createRng(seed);
  const pts = Array.from({ length: n }, () => [rng.uniform(), rng.uniform()] as const);
  const ri: number[] = [];
  const ci: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (i !== j && Math.hypot(pts[i]![0] - pts[j]![0], pts[i]![1] - pts[j]![1]) < r) {
        ri.push(i);
        ci.push(j);
        v.push(1);
      }
  return graphLaplacian(CsrMatrix.fromCoo(n, n, ri, ci, v));
}

describe('envelopeCholesky', () => {
  it('solves shifted Laplacian systems to near machine precision, RCM and natural order', () => {
    const L = geometricLaplacian(150, 0.15, 1);
    const rng = createRng(2);
    const b = Float64Array.from({ length: 150 }, () => rng.normal());
    for (const ordering of ['rcm', 'none'] as const) {
      const F = envelopeCholesky(L, { shift: 1e-3, ordering });
      const x = F.solve(b);
      const r = L.mv(x);
      for (let i = 0; i < 150; i++) r[i] = b[i]! - r[i]! - 1e-3 * x[i]!;
      expect(norm2(r) / norm2(b)).toBeLessThan(1e-12);
      expect(F.inverseOperator().mv(b)).toEqual(x);
    }
  });

  it('RCM is a permutation and shrinks the envelope of a scrambled banded matrix', () => {
    const n = 60;
    const rng = createRng(5);
    const shuffle = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [shuffle[i], shuffle[j]] = [shuffle[j]!, shuffle[i]!];
    }
    const D = DenseMatrix.fromFunction(n, n, (i, j) => {
      const a = shuffle[i]!;
      const c = shuffle[j]!;
      return a === c ? 4 : Math.abs(a - c) <= 2 ? -1 : 0;
    });
    const A = CsrMatrix.fromDense(D);
    const perm = reverseCuthillMcKee(A);
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    const rcm = envelopeCholesky(A).entries;
    const natural = envelopeCholesky(A, { ordering: 'none' }).entries;
    expect(rcm).toBeLessThanOrEqual(3 * n);
    expect(rcm).toBeLessThan(natural);
  });

  it('throws typed errors for indefinite matrices and oversized envelopes', () => {
    const L = geometricLaplacian(40, 0.3, 3);
    expect(() => envelopeCholesky(L, { shift: -0.5 })).toThrow(NotPositiveDefiniteError);
    expect(() => envelopeCholesky(L, { shift: 1, maxEntries: 10 })).toThrow(InvalidArgumentError);
    expect(() => envelopeCholesky(L, { shift: 1, maxEntries: 10 })).toThrow(/maxEntries/);
    expect(() => envelopeCholesky(CsrMatrix.fromDense([[1, 2]]))).toThrow(/A\.shape/);
  });
});
