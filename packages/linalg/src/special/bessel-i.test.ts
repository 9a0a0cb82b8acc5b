import { describe, expect, it } from 'vitest';
import { besselI0e, besselI1e, besselIRatio, logBesselI, logBesselI0, logBesselI1 } from './bessel-i.js';
import { checkTable } from './test-utils/fixtures.js';

describe('modified Bessel I vs mpmath', () => {
  it('logBesselI(ν, x) for ν ∈ [0, 1e5], x ∈ [1e-10, 1e8] (rtol 2e-14, absolute 2e-15·(ν+1))', () => {
    // log I = ν·log(x/2) − log Γ(ν+1) + log(series): for large ν the first two terms cancel, so the
    // attainable absolute accuracy is a few ε·ν·log ν (e.g. 1.8e-13 at ν = 150.5, x = 100).
    checkTable('logBesselI', logBesselI, 2e-14, ([nu]) => 2e-15 * (nu! + 1));
    // Orders 0, ½, 1 (von Mises and friends) are tighter.
    checkTable('logBesselI', logBesselI, 1e-14, 1e-15, ([nu]) => nu! > 1);
  });

  it('besselI0e and besselI1e, incl. negative x, 0, ∞ and NaN (rtol 1e-14)', () => {
    checkTable('besselI0e', besselI0e, 1e-14);
    checkTable('besselI1e', besselI1e, 1e-14);
  });

  it('besselIRatio = I_(ν+1)/I_ν, the von Mises A(κ), up to κ = 1e7 (rtol 1e-14)', () => {
    checkTable('besselIRatio', besselIRatio, 1e-14);
    // A(κ) → 1 − 1/(2κ) − 1/(8κ²) for large κ.
    const k = 1e8;
    expect(Math.abs(besselIRatio(0, k) - (1 - 1 / (2 * k) - 1 / (8 * k * k)))).toBeLessThan(1e-15);
  });

  it('edges: x = 0, negative arguments, NaN', () => {
    expect(logBesselI0(0)).toBe(0);
    expect(logBesselI0(-3)).toBe(logBesselI0(3));
    expect(logBesselI1(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logBesselI1(-1)).toBeNaN();
    expect(logBesselI(-0.5, 1)).toBeNaN();
    expect(logBesselI(1, Number.NaN)).toBeNaN();
    expect(logBesselI(2, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(besselIRatio(0, 0)).toBe(0);
    expect(besselIRatio(0, Number.POSITIVE_INFINITY)).toBe(1);
    // Closed form: I_(1/2)(x) = √(2/(πx)) sinh x.
    const x = 3.3;
    expect(logBesselI(0.5, x)).toBeCloseTo(Math.log(Math.sqrt(2 / (Math.PI * x)) * Math.sinh(x)), 14);
  });
});
