import { createRng, DenseMatrix, InvalidArgumentError, solve } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { twoMoons } from '../generators/two-moons.js';
import { lapSvmEmbedder } from './lap-rls-embedder.js';
import { lapSvm } from './lap-svm.js';
import { solveSvmDual } from './smo.js';

const accuracy = (pred: Int32Array, truth: Int32Array): number =>
  pred.reduce((a, v, i) => a + (v === truth[i] ? 1 : 0), 0) / truth.length;

/** Brute force over active sets: each βᵢ at 0, at C or free (KKT system with the equality's multiplier). */
function bruteForceDual(Q: number[][], y: number[], C: number): number {
  const l = y.length;
  let best = Number.POSITIVE_INFINITY;
  for (let code = 0; code < 3 ** l; code++) {
    const state = Array.from({ length: l }, (_, i) => Math.floor(code / 3 ** i) % 3); // 0: at 0, 1: at C, 2: free
    const free = state.flatMap((s, i) => (s === 2 ? [i] : []));
    const beta = state.map((s) => (s === 1 ? C : 0));
    if (free.length > 0) {
      // [Q_FF  y_F; y_Fᵀ 0] [β_F; ν] = [1 − Q_FB β_B; −y_Bᵀβ_B]
      const f = free.length;
      const A = DenseMatrix.zeros(f + 1, f + 1);
      const rhs = new Float64Array(f + 1);
      free.forEach((i, a) => {
        free.forEach((j, b) => {
          A.set(a, b, Q[i]![j]!);
        });
        A.set(a, f, y[i]!);
        A.set(f, a, y[i]!);
        rhs[a] = 1 - beta.reduce((s, v, j) => s + (state[j] === 2 ? 0 : Q[i]![j]! * v), 0);
      });
      rhs[f] = -beta.reduce((s, v, j) => s + (state[j] === 2 ? 0 : y[j]! * v), 0);
      let x: Float64Array;
      try {
        x = solve(A, rhs);
      } catch {
        continue;
      }
      free.forEach((i, a) => {
        beta[i] = x[a]!;
      });
    }
    if (beta.some((v) => v < -1e-12 || v > C + 1e-12)) continue;
    if (Math.abs(beta.reduce((s, v, i) => s + v * y[i]!, 0)) > 1e-10) continue;
    let obj = 0;
    for (let i = 0; i < l; i++) {
      obj -= beta[i]!;
      for (let j = 0; j < l; j++) obj += 0.5 * beta[i]! * Q[i]![j]! * beta[j]!;
    }
    best = Math.min(best, obj);
  }
  return best;
}

describe('solveSvmDual', () => {
  it('reaches the optimum found by brute force over active sets', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const l = 5;
      const Z = Array.from({ length: l }, () => [rng.normal(), rng.normal(), rng.normal()]);
      const y = Array.from({ length: l }, (_, i) => (i % 2 === 0 ? 1 : -1));
      const Q = Z.map((a, i) => Z.map((b, j) => y[i]! * y[j]! * a.reduce((s, v, t) => s + v * b[t]!, 0)));
      const C = 0.5 + rng.uniform();
      const sol = solveSvmDual(Float64Array.from(Q.flat()), Float64Array.from(y), C, 1e-12);
      let obj = 0;
      for (let i = 0; i < l; i++) {
        obj -= sol.beta[i]!;
        for (let j = 0; j < l; j++) obj += 0.5 * sol.beta[i]! * Q[i]![j]! * sol.beta[j]!;
      }
      expect(sol.converged).toBe(true);
      expect(Math.abs(sol.beta.reduce((s, v, i) => s + v * y[i]!, 0))).toBeLessThan(1e-12);
      expect(obj).toBeCloseTo(bruteForceDual(Q, y, C), 8);
    }
  });
});

describe('lapSvm', () => {
  it('classifies two moons from one label per class where the plain SVM cannot', () => {
    const lap: number[] = [];
    const svm: number[] = [];
    for (let seed = 0; seed < 4; seed++) {
      const { points, labels } = twoMoons({ n: 200, noise: 0.05, seed });
      const rng = createRng(100 + seed);
      const y = new Int32Array(200).fill(-1);
      for (const c of [0, 1]) {
        const members = [...labels!.keys()].filter((i) => labels![i] === c);
        const i = members[rng.int(members.length)]!;
        y[i] = c;
      }
      const model = lapSvm(points, y, { kernelWidth: 0.35 });
      expect(model.converged).toBe(true);
      lap.push(accuracy(model.trainingPredictions, labels!));
      const fresh = twoMoons({ n: 200, noise: 0.05, seed: 500 + seed });
      expect(accuracy(model.predict(fresh.points), fresh.labels!)).toBeGreaterThanOrEqual(0.95);
      svm.push(accuracy(lapSvm(points, y, { kernelWidth: 0.35, gammaI: 0 }).trainingPredictions, labels!));
    }
    // Measured: LapSVM 1.0 on every seed; plain SVM 0.675–0.895.
    for (const a of lap) expect(a).toBeGreaterThanOrEqual(0.95);
    expect(svm.reduce((s, v) => s + v, 0) / svm.length).toBeLessThan(0.9);
  });

  it('runs as an embedder and rejects bad hyperparameters', () => {
    const { points, labels } = twoMoons({ n: 20, noise: 0.05, seed: 1 });
    const r = fitTransform(lapSvmEmbedder, points, { labels: labels!, kernelWidth: 0.35 });
    expect(r.info['converged']).toBe(true);
    const t = r.transform!(points);
    for (let i = 0; i < t.data.length; i++) expect(t.data[i]).toBeCloseTo(r.embedding.data[i]!, 12);
    expect(() => fitTransform(lapSvmEmbedder, points, {})).toThrow(InvalidArgumentError);
    expect(() => lapSvm(points, labels!, { gammaA: 0 })).toThrow(InvalidArgumentError);
    expect(() => lapSvm(points, new Int32Array(20).fill(-1))).toThrow(InvalidArgumentError);
  });
});
