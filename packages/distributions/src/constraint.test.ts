import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Constraint, constraints, scalarBijection, wrapAngle } from './constraint.js';

const scalarKinds: Constraint[] = [
  constraints.real,
  constraints.positive,
  constraints.unitInterval,
  constraints.interval(-2, 5),
  constraints.greaterThan(3),
];

describe('scalar bijections', () => {
  it('round-trip, derivative matches a central difference, logDet = log dθ/dη', () => {
    for (const c of scalarKinds) {
      const b = scalarBijection(c);
      fc.assert(
        fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (eta) => {
          const theta = b.forward(eta);
          expect(b.inverse(theta)).toBeCloseTo(eta, 7);
          const h = 1e-5;
          const fd = (b.forward(eta + h) - b.forward(eta - h)) / (2 * h);
          expect(Math.abs(b.dForward(eta) - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
          expect(b.logDet(eta)).toBeCloseTo(Math.log(b.dForward(eta)), 10);
        }),
        { numRuns: 60 },
      );
    }
  });

  it('stays finite far in the tails', () => {
    const b = scalarBijection(constraints.unitInterval);
    expect(b.logDet(-800)).toBeGreaterThan(-Infinity);
    expect(b.logDet(800)).toBeLessThan(-700);
    expect(b.forward(-40)).toBeGreaterThan(0);
  });

  it('wraps angles into (−π, π]', () => {
    expect(wrapAngle(Math.PI)).toBeCloseTo(Math.PI, 15);
    expect(wrapAngle(-Math.PI)).toBeCloseTo(Math.PI, 15);
    expect(wrapAngle(3 * Math.PI + 0.5)).toBeCloseTo(-Math.PI + 0.5, 12);
  });
});
