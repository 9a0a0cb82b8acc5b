import { describe, expect, it } from 'vitest';
import { Lbfgs } from './lbfgs.js';

/**
 * A strictly convex quadratic plus a large constant, f rounded to float32 as a tfjs network returns it
 * (relative rounding 2⁻²⁴ ≈ 6e-8 of |f| ≈ 1e3, far above what a step decreases f by once ‖∇f‖ ≲ 1e-2),
 * with the exact gradient.
 */
function noisyQuadratic(n: number) {
  const diag = Float64Array.from({ length: n }, (_, i) => 1 + i);
  const xStar = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const f = (x: Float64Array): number => {
    let s = 1000;
    for (let i = 0; i < n; i++) s += 0.5 * diag[i]! * (x[i]! - xStar[i]!) ** 2;
    return Math.fround(s);
  };
  const g = (x: Float64Array): Float64Array => x.map((v, i) => diag[i]! * (v - xStar[i]!));
  return { f, g, xStar };
}

const norm = (v: Float64Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

/** 200 evaluations from 0; the final and the smallest gradient norm at accepted iterates. */
function solve(noise: number, n = 12): { final: number; best: number } {
  const { f, g } = noisyQuadratic(n);
  const lb = new Lbfgs(new Float64Array(n), (v) => v.slice());
  lb.noise = noise;
  let best = norm(g(lb.x));
  for (let k = 0; k < 200 && !lb.stalled; k++) {
    const x = lb.proposal();
    if (lb.tell(f(x), g(x))) best = Math.min(best, norm(g(lb.x)));
  }
  return { final: norm(g(lb.x)), best };
}

describe('Lbfgs on a float32-rounded objective', () => {
  it('with its noise level declared, converges where the gradient leads; without, stalls on null steps', () => {
    const relaxed = solve(2 * 2 ** -24);
    const strict = solve(0);
    // f's rounding (6e-5 absolute) hides the decrease of a step once ‖∇f‖ ≲ √(2·6e-5·λ_max) ≈ 0.04.
    // Without the relaxation the backtracking shrinks the step until f rounds to the same float32 value
    // and "accepts" steps that do not move: the gradient stays there.
    expect(strict.best).toBeGreaterThan(1e-3);
    // With it, the quasi-Newton steps go on (within the noise the gradient norm must fall, so the iterates
    // do not drift back up).
    expect(relaxed.final).toBeLessThan(1e-8);
    expect(relaxed.final).toBe(relaxed.best);
  });

  it('noise 0 is the classical Armijo test: the exact quadratic converges the same either way', () => {
    const n = 8;
    const diag = Float64Array.from({ length: n }, (_, i) => 2 + i);
    const f = (x: Float64Array): number => x.reduce((s, v, i) => s + 0.5 * diag[i]! * (v - 1) ** 2, 0);
    const g = (x: Float64Array): Float64Array => x.map((v, i) => diag[i]! * (v - 1));
    for (const noise of [0, 1e-16]) {
      const lb = new Lbfgs(new Float64Array(n), (v) => v.slice());
      lb.noise = noise;
      for (let k = 0; k < 200; k++) {
        const x = lb.proposal();
        lb.tell(f(x), g(x));
        if (Math.max(...Array.from(g(lb.x), Math.abs)) < 1e-12) break;
      }
      for (const v of lb.x) expect(v).toBeCloseTo(1, 11);
    }
  });
});
