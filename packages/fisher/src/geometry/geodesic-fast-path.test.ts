import type { Params } from '@infogeom/distributions';
import { dirichlet, gamma, multivariateNormal, normal, weibull } from '@infogeom/distributions';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { dormandPrinceInPlace } from './dormand-prince.js';
import { exponentialMap, geodesicRhsInPlace } from './exponential-map.js';
import { type FisherRaoManifold, fisherRaoManifold } from './fisher-rao-manifold.js';
import { geodesicDistance } from './geodesic-distance.js';
import { type AnyFamily, erase } from './test-utils/family-case.js';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));

describe('allocation-free geodesic fast path', () => {
  it('christoffelInto agrees with christoffel, and reports points off the domain', () => {
    const cases: Array<[FisherRaoManifold, number[]]> = [
      [fisherRaoManifold(gamma, { shape: 1, rate: 1 }), [0.7, 3]],
      [fisherRaoManifold(weibull, { scale: 1, shape: 1 }), [2, 0.6]],
      [fisherRaoManifold(dirichlet, { alpha: Float64Array.of(1, 2, 3) }), [0.5, 2, 7]],
      [fisherRaoManifold(normal, { mu: 0, sigma: 1 }), [0.3, 0.7]],
      [fisherRaoManifold(gamma, { shape: 1, rate: 1 }, { numericOnly: true }), [0.7, 3]],
      [
        fisherRaoManifold(
          multivariateNormal,
          { mu: Float64Array.of(0, 0), Sigma: DenseMatrix.identity(2) },
          { freeze: ['Sigma'] },
        ),
        [1, 2],
      ],
    ];
    for (const [M, theta] of cases) {
      const t = Float64Array.from(theta);
      const out = new Float64Array(M.dimension ** 3);
      expect(M.christoffelInto!(t, out)).toBe(true);
      const ref = M.christoffel(t);
      const size = Math.max(1, ...Array.from(ref, Math.abs));
      expect(maxDiff(out, ref) / size, M.family.name).toBeLessThan(1e-13);
    }
    const G = fisherRaoManifold(gamma, { shape: 1, rate: 1 });
    expect(G.christoffelInto!(Float64Array.of(-1, 1), new Float64Array(8))).toBe(false);
    expect(G.christoffelInto!(Float64Array.of(1, Number.NaN), new Float64Array(8))).toBe(false);
  });

  it('Dirichlet: closed-form metric derivative matches linalg jacobian differences', () => {
    const base = { alpha: Float64Array.of(1, 1, 1) };
    const closed = fisherRaoManifold(dirichlet, base);
    const numeric = fisherRaoManifold(dirichlet, base, { numericOnly: true });
    const t = Float64Array.of(0.6, 2.5, 9);
    const a = closed.metricDerivative(t);
    const size = Math.max(...Array.from(a, Math.abs));
    expect(maxDiff(a, numeric.metricDerivative(t)) / size).toBeLessThan(1e-9);
    const G = new Float64Array(9);
    const dG = new Float64Array(27);
    expect(closed.metricJetInto!(t, G, dG)).toBe(true);
    expect(maxDiff(G, closed.metric(t).data)).toBeLessThan(1e-14);
    expect(closed.metricJetInto!(Float64Array.of(1, 0, 1), G, dG)).toBe(false);
  });

  it('dormandPrinceInPlace: passive components ride on the controlled steps', () => {
    // y′ = y controlled; z′ = 2z passive.
    const r = dormandPrinceInPlace(
      (_t, y, dy) => {
        dy[0] = y[0]!;
        dy[1] = 2 * y[1]!;
        return true;
      },
      0,
      [1, 1],
      1,
      { errorComponents: 1, rtol: 1e-12, atol: 0 },
    );
    expect(r.converged).toBe(true);
    expect(Math.abs(r.y[0]! - Math.E)).toBeLessThan(1e-11);
    expect(Math.abs(r.y[1]! / Math.exp(2) - 1)).toBeLessThan(1e-8);
    const off = dormandPrinceInPlace(
      (_t, y, dy) => {
        dy[0] = -1;
        return y[0]! > 0;
      },
      0,
      [1],
      2,
    );
    expect(off.reason).toBe('domain');
  });

  it('the variational equations give the Jacobian of exp (vs central differences)', () => {
    const M = fisherRaoManifold(gamma, { shape: 1, rate: 1 });
    const a = Float64Array.of(1, 1);
    const v = Float64Array.of(3, -0.4);
    // y = (x, ẋ, X, V) with X(0) = 0, V(0) = I (row-major n×n, entries 8 and 11).
    const y0 = new Float64Array(12);
    y0.set(a);
    y0.set(v, 2);
    y0[8] = 1;
    y0[11] = 1;
    const r = dormandPrinceInPlace(geodesicRhsInPlace(M, true), 0, y0, 1, {
      rtol: 1e-12,
      atol: 1e-14,
      errorComponents: 4,
    });
    expect(r.converged).toBe(true);
    for (let c = 0; c < 2; c++) {
      const h = 1e-5;
      const vp = v.slice();
      const vm = v.slice();
      vp[c]! += h;
      vm[c]! -= h;
      const p = exponentialMap(M, a, vp, { rtol: 1e-13, atol: 1e-15 }).point;
      const m = exponentialMap(M, a, vm, { rtol: 1e-13, atol: 1e-15 }).point;
      for (let k = 0; k < 2; k++) {
        const fd = (p[k]! - m[k]!) / (2 * h);
        expect(Math.abs(r.y[4 + k * 2 + c]! - fd) / Math.max(1, Math.abs(fd))).toBeLessThan(1e-6);
      }
    }
  });

  it('Dirichlet(3) geodesic distance: converged, symmetric, triangle inequality', () => {
    const fam: AnyFamily = erase(dirichlet);
    const [p, q, s]: Params[] = [
      { alpha: Float64Array.of(1, 2, 3) },
      { alpha: Float64Array.of(4, 1, 0.5) },
      { alpha: Float64Array.of(2, 2, 2) },
    ];
    const pq = geodesicDistance(fam, p!, q!);
    expect(pq.converged).toBe(true);
    expect(pq.method).toBe('shooting');
    const qp = geodesicDistance(fam, q!, p!);
    expect(Math.abs(pq.distance - qp.distance) / pq.distance).toBeLessThan(1e-8);
    // Small-distance limit √(dθᵀ I(mid) dθ).
    const d = [1e-4, -2e-4, 5e-5];
    const near = { alpha: Float64Array.of(1 + d[0]!, 2 + d[1]!, 3 + d[2]!) };
    const I = dirichlet.fisher({ alpha: Float64Array.of(1 + d[0]! / 2, 2 + d[1]! / 2, 3 + d[2]! / 2) });
    let quad = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) quad += d[i]! * I.get(i, j) * d[j]!;
    const lin = Math.sqrt(quad);
    expect(Math.abs(geodesicDistance(fam, p!, near).distance - lin) / lin).toBeLessThan(1e-7);
    const ps = geodesicDistance(fam, p!, s!).distance;
    const sq = geodesicDistance(fam, s!, q!).distance;
    expect(pq.distance).toBeLessThanOrEqual(ps + sq);
  });
});
