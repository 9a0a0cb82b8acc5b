import {
  ConvergenceError,
  createRng,
  type DenseMatrix,
  InvalidArgumentError,
  spdLogdet,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { implicitFisher } from './implicit-fisher.js';
import { denseMv, randomPsd, randomVector, relErr, relFro } from './test-utils/brute-force.js';
import { checkAgainstDense } from './test-utils/conformance.js';

describe('implicitFisher', () => {
  const rng = createRng(40);
  const F = randomPsd(12, rng);
  const op = implicitFisher(12, (v) => denseMv(F, v), { traceSamples: 400, logdetSamples: 200, seed: 3 });

  it('mv, CG solve, diag, toDense and Lanczos topEigen agree with dense brute force', () => {
    expect(relFro(op.toDense(), F)).toBeLessThan(1e-15);
    // trace and logdet are stochastic: checked separately
    const exact = {
      ...op,
      trace: () => F.diag().reduce((a, b) => a + b, 0),
      logdet: (l = 0) => logdetDense(F, l),
    };
    const e = checkAgainstDense(exact, F, rng, {
      dampings: [0.1, 1],
      tol: 1e-9,
      k: 3,
    });
    expect(e.solve).toBeLessThan(1e-9);
    expect(e.topEigen).toBeLessThan(1e-9);
  });

  it('Hutchinson trace and SLQ logdet are within 4 standard errors, reproducibly', () => {
    const tr = F.diag().reduce((a, b) => a + b, 0);
    const t = op.traceEstimate();
    expect(Math.abs(t.estimate - tr)).toBeLessThan(4 * t.standardError);
    expect(t.standardError / tr).toBeLessThan(0.05);
    expect(op.trace()).toBe(t.estimate);
    for (const lam of [0, 0.5]) {
      const ld = op.logdetEstimate(lam);
      const exact = logdetDense(F, lam);
      expect(Math.abs(ld.estimate - exact)).toBeLessThan(4 * ld.standardError + 1e-8);
      expect(op.logdet(lam)).toBe(ld.estimate);
    }
    // diagonal F: Rademacher probes are exact
    const d = Float64Array.from([1, 2, 3, 4]);
    const D = implicitFisher(4, (v) => v.map((x, i) => x * d[i]!));
    expect(D.trace()).toBeCloseTo(10, 12);
    expect(D.logdet(1)).toBeCloseTo(Math.log(2 * 3 * 4 * 5), 10);
  });

  it('custom diag and typed errors', () => {
    const d = implicitFisher(12, (v) => denseMv(F, v), { diag: () => F.diag() });
    expect(relErr(d.diag(), F.diag())).toBe(0);
    expect(() => implicitFisher(0, (v) => v)).toThrow(InvalidArgumentError);
    expect(() => op.solve(randomVector(12, rng), -1)).toThrow(InvalidArgumentError);
    const singular = implicitFisher(3, (v) => Float64Array.from([v[0]!, 0, 0]), { maxIterations: 5 });
    expect(() => singular.solve(Float64Array.from([1, 1, 1]), 0)).toThrow(ConvergenceError);
    expect(() => implicitFisher(3, () => new Float64Array(2)).mv(new Float64Array(3))).toThrow();
  });
});

/** log det(F + λI) by dense Cholesky. */
function logdetDense(F: DenseMatrix, lam: number): number {
  const n = F.rows;
  const M = F.clone();
  for (let i = 0; i < n; i++) M.data[i * n + i]! += lam;
  return spdLogdet(M);
}
