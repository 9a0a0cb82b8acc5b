import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { expectation, integrate } from './expectation.js';
import { poisson } from './families/poisson.js';

describe('integrate (double-exponential quadrature)', () => {
  it('integrates smooth, singular-endpoint and infinite-range integrands to ~1e-13', () => {
    expect(integrate((x) => [Math.exp(-x * x)], -Infinity, Infinity)[0]).toBeCloseTo(Math.sqrt(Math.PI), 13);
    expect(integrate((x) => [1 / Math.sqrt(x)], 0, 1)[0]).toBeCloseTo(2, 11);
    expect(integrate((x) => [Math.log(x)], 0, 1)[0]).toBeCloseTo(-1, 12);
    expect(integrate((x) => [Math.exp(-x)], 0, Infinity)[0]).toBeCloseTo(1, 13);
    expect(integrate((x) => [Math.exp(x)], -Infinity, 0)[0]).toBeCloseTo(1, 13);
    expect(integrate((x) => [1 / (1 + x * x)], -Infinity, Infinity)[0]).toBeCloseTo(Math.PI, 11);
    const v = integrate((x) => [x, x * x], 0, 3);
    expect(v[0]).toBeCloseTo(4.5, 13);
    expect(v[1]).toBeCloseTo(9, 13);
  });
});

describe('expectation', () => {
  it('sums a discrete support exactly (Poisson(3): E[x] = Var[x] = 3)', () => {
    const lam = 3;
    const lf = (k: number): number => {
      let s = 0;
      for (let i = 2; i <= k; i++) s += Math.log(i);
      return s;
    };
    const target = {
      support: { kind: 'discrete', lower: 0, upper: Number.POSITIVE_INFINITY } as const,
      logProb: (k: number) => k * Math.log(lam) - lam - lf(k),
      sample: () => [] as number[],
    };
    const e = expectation(target, (k) => [1, k, (k - lam) ** 2]);
    expect(e.method).toBe('summation');
    expect(e.value[0]).toBeCloseTo(1, 14);
    expect(e.value[1]).toBeCloseTo(3, 13);
    expect(e.value[2]).toBeCloseTo(3, 12);
  });

  it('sums wide supports outward from the centre (Poisson λ = 10⁶ and 10⁸) exactly and fast', () => {
    for (const lam of [1e6, 1e8]) {
      const target = {
        support: { kind: 'discrete', lower: 0, upper: Number.POSITIVE_INFINITY } as const,
        // Loader's saddle-point log pmf: the naive k log λ − λ − log k! loses 1e-8 to cancellation here.
        logProb: (k: number) => poisson.logProb({ rate: lam }, k),
        sample: () => [] as number[],
        center: lam,
      };
      const e = expectation(target, (k) => [1, k / lam, (k - lam) ** 2 / lam]);
      expect(e.method).toBe('summation');
      expect(Math.abs(e.value[0]! - 1)).toBeLessThan(1e-13);
      expect(Math.abs(e.value[1]! - 1)).toBeLessThan(1e-13);
      expect(Math.abs(e.value[2]! - 1)).toBeLessThan(1e-13);
    }
  });

  it('falls back to Monte Carlo with honest standard errors on vector supports', () => {
    const target = {
      support: { kind: 'vector', dimension: 2, domain: 'real' } as const,
      logProb: () => 0,
      sample: (rng: ReturnType<typeof createRng>, n: number) =>
        Array.from({ length: n }, () => Float64Array.of(rng.normal(), 2 * rng.normal())),
    };
    const e = expectation(target, (x) => [x[0]!, x[1]! * x[1]!], { rng: createRng(3), samples: 40_000 });
    expect(e.method).toBe('monte-carlo');
    expect(Math.abs(e.value[0]!)).toBeLessThan(5 * e.standardError[0]!);
    expect(Math.abs(e.value[1]! - 4)).toBeLessThan(5 * e.standardError[1]!);
    expect(e.standardError[0]).toBeCloseTo(1 / Math.sqrt(40_000), 3);
  });
});
