/** Checks every operation of a Fisher operator against dense brute force on a reference matrix. */
import { type DenseMatrix, dampedSolve, eigh, type Rng, spdLogdet } from '@infogeom/linalg';
import { expect } from 'vitest';
import type { FisherOperator } from '../fisher-operator.js';
import { denseMv, randomVector, relErr, relFro, relScalar } from './brute-force.js';

/** Largest measured relative errors, per operation. */
export interface ConformanceErrors {
  /** toDense vs reference (Frobenius). */
  toDense: number;
  /** mv. */
  mv: number;
  /** solve over the dampings. */
  solve: number;
  /** trace. */
  trace: number;
  /** logdet over the dampings. */
  logdet: number;
  /** diag. */
  diag: number;
  /** top eigenvalues (relative to λ_max) and eigen-residuals ‖Fv − λv‖/λ_max. */
  topEigen: number;
}

/** Options of {@link checkAgainstDense}. */
export interface ConformanceOptions {
  /** Dampings to test (default [1e-3, 0.1, 1]); 0 is added when the reference is well conditioned. */
  dampings?: number[];
  /** Relative tolerance (default 1e-10). */
  tol?: number;
  /** Number of top eigenpairs (default min(3, dim)). */
  k?: number;
  /** Tolerance for the Lanczos-based topEigen (default `tol`). */
  eigenTol?: number;
}

/** Runs all checks; returns the measured errors. */
export function checkAgainstDense(
  op: FisherOperator,
  ref: DenseMatrix,
  rng: Rng,
  options: ConformanceOptions = {},
): ConformanceErrors {
  const tol = options.tol ?? 1e-10;
  const n = ref.rows;
  expect(op.dim).toBe(n);
  expect(op.shape).toEqual([n, n]);
  const { values, vectors: _v } = eigh(ref, { vectors: false });
  const lmax = Math.max(values[n - 1]!, 1e-300);
  const dampings = [...(options.dampings ?? [1e-3, 0.1, 1])];
  if (values[0]! > 1e-6 * lmax) dampings.push(0);
  const e: ConformanceErrors = {
    toDense: relFro(op.toDense(), ref),
    mv: 0,
    solve: 0,
    trace: relScalar(
      op.trace(),
      ref.diag().reduce((s, x) => s + x, 0),
    ),
    logdet: 0,
    diag: relErr(op.diag(), ref.diag()),
    topEigen: 0,
  };
  for (let t = 0; t < 3; t++) {
    const v = randomVector(n, rng);
    e.mv = Math.max(e.mv, relErr(op.mv(v), denseMv(ref, v)));
    const out = new Float64Array(n);
    expect(op.mv(v, out)).toBe(out);
    for (const lam of dampings) {
      const x = dampedSolve(ref, v, lam);
      e.solve = Math.max(e.solve, relErr(op.solve(v, lam), x));
    }
  }
  for (const lam of dampings) {
    const shifted = ref.clone();
    for (let i = 0; i < n; i++) shifted.data[i * n + i]! += lam;
    e.logdet = Math.max(e.logdet, relScalar(op.logdet(lam), spdLogdet(shifted)));
  }
  const k = options.k ?? Math.min(3, n);
  const top = op.topEigen(k, { tol: options.eigenTol ?? tol });
  for (let j = 0; j < k; j++) {
    e.topEigen = Math.max(e.topEigen, Math.abs(top.values[j]! - values[n - 1 - j]!) / lmax);
    const vj = top.vectors.column(j);
    const Fv = denseMv(ref, vj);
    let r = 0;
    for (let i = 0; i < n; i++) r += (Fv[i]! - top.values[j]! * vj[i]!) ** 2;
    e.topEigen = Math.max(e.topEigen, Math.sqrt(r) / lmax, Math.abs(relErr(vj, new Float64Array(n)) - 1));
  }
  for (const [name, err] of Object.entries(e)) {
    expect(err, name).toBeLessThanOrEqual(tol);
  }
  return e;
}
