import { bernoulli } from '@infogeom/distributions';
import {
  denseFisher,
  diagonalFisher,
  type FisherOperator,
  glmModel,
  implicitFisher,
  kfacFisher,
  logitLink,
} from '@infogeom/fisher';
import {
  AbortError,
  createRng,
  DenseMatrix,
  InvalidArgumentError,
  NonFiniteError,
  SingularMatrixError,
  solve,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { modelProblem } from './model-problem.js';
import { type NaturalGradientProblem, naturalGradient } from './natural-gradient.js';

/** L = ½ wᵀHw − bᵀw with the exact curvature as its "Fisher". */
function quadratic(
  H: number[][],
  b: number[],
  fisher: FisherOperator = denseFisher(H),
): NaturalGradientProblem {
  const M = denseFisher(H);
  const n = b.length;
  const Hw = (w: Float64Array) => M.mv(w);
  return {
    loss: (w) => {
      const h = Hw(w);
      let s = 0;
      for (let i = 0; i < n; i++) s += 0.5 * w[i]! * h[i]! - b[i]! * w[i]!;
      return s;
    },
    gradient: (w) => Hw(w).map((v, i) => v - b[i]!),
    fisher: () => fisher,
  };
}

const H = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];
const b = [1, -2, 0.5];

describe('naturalGradient on a quadratic', () => {
  it('takes the Newton step: one unit step lands on H⁻¹b and run() stops converged', () => {
    const opt = naturalGradient(quadratic(H, b), { init: [3, 3, 3] });
    const run = opt.run({ gradientTolerance: 1e-12 });
    const exact = solve(DenseMatrix.from(H), Float64Array.from(b));
    expect(run.iterations).toBe(1);
    expect(run.converged).toBe(true);
    expect(run.reason).toBe('gradient-tolerance');
    for (let i = 0; i < 3; i++) expect(opt.parameters[i]).toBeCloseTo(exact[i]!, 12);
    expect(run.trace[0]!.stepSize).toBe(1);
  });

  it('dense, operator and cg preconditioners give w − (F + λI)⁻¹g; diagonal gives gᵢ/(Fᵢᵢ + λ)', () => {
    const w0 = Float64Array.of(1, 2, -1);
    const prob = quadratic(H, b);
    const g = prob.gradient(w0);
    const lam = 0.3;
    const Hd = DenseMatrix.from(H.map((r, i) => r.map((v, j) => v + (i === j ? lam : 0))));
    const ref = solve(Hd, g);
    for (const pc of ['dense', 'operator', 'cg'] as const) {
      const opt = naturalGradient(prob, { init: w0, damping: lam, preconditioner: pc });
      opt.step();
      for (let i = 0; i < 3; i++) expect(opt.parameters[i]).toBeCloseTo(w0[i]! - ref[i]!, 10);
    }
    const opt = naturalGradient(prob, { init: w0, damping: lam, preconditioner: 'diagonal' });
    opt.step();
    for (let i = 0; i < 3; i++) expect(opt.parameters[i]).toBeCloseTo(w0[i]! - g[i]! / (H[i]![i]! + lam), 12);
  });

  it('the KL trust region clips ½UᵀFU to the radius', () => {
    const opt = naturalGradient(quadratic(H, b), {
      init: [30, 30, 30],
      stepRule: { kind: 'kl-trust-region', radius: 0.01 },
    });
    const r = opt.step();
    expect(r.kl).toBeCloseTo(0.01, 12);
    const u = opt.parameters.map((v) => v - 30);
    const Fu = denseFisher(H).mv(u);
    expect(0.5 * u.reduce((s, v, i) => s + v * Fu[i]!, 0)).toBeCloseTo(0.01, 12);
    expect(r.stepSize).toBeLessThan(1);
  });

  it('quadratic-model momentum with a diagonal preconditioner solves a 2-d quadratic in 2 steps (conjugate directions)', () => {
    const H2 = [
      [10, 3],
      [3, 1],
    ];
    const withM = naturalGradient(quadratic(H2, [1, 1]), {
      init: [5, -5],
      preconditioner: 'diagonal',
      momentum: { kind: 'quadratic-model' },
    });
    withM.step();
    const r2 = withM.step();
    expect(r2.gradientNorm).toBeLessThan(1e-10);
    const without = naturalGradient(quadratic(H2, [1, 1]), { init: [5, -5], preconditioner: 'diagonal' });
    without.step();
    expect(without.step().gradientNorm).toBeGreaterThan(1e-3);
  });

  it('heavy-ball momentum adds β times the previous update', () => {
    const opt = naturalGradient(quadratic(H, b), {
      init: [1, 1, 1],
      preconditioner: 'diagonal',
      stepRule: { kind: 'fixed', size: 0.5 },
      momentum: { kind: 'heavy-ball', beta: 0.8 },
    });
    const w0 = opt.parameters;
    opt.step();
    const w1 = opt.parameters;
    const g1 = quadratic(H, b).gradient(w1);
    opt.step();
    const w2 = opt.parameters;
    for (let i = 0; i < 3; i++)
      expect(w2[i]).toBeCloseTo(w1[i]! - (0.5 * g1[i]!) / H[i]![i]! + 0.8 * (w1[i]! - w0[i]!), 12);
  });
});

/** Pseudo-Huber loss √(1 + w²) − 1 (in a form exact near 0) with a far too small "Fisher" 0.01: unit steps overshoot. */
const huber = (w: Float64Array): number => w[0]! ** 2 / (1 + Math.sqrt(1 + w[0]! ** 2));
const overshoot: NaturalGradientProblem = {
  loss: huber,
  gradient: (w) => Float64Array.of(w[0]! / Math.sqrt(1 + w[0]! ** 2)),
  fisher: () => diagonalFisher([0.01]),
};

describe('damping and step rules', () => {
  it('Levenberg–Marquardt rejects a step that raises the loss and grows λ by 1/ω; shrinks it when ρ > 0.75', () => {
    const opt = naturalGradient(overshoot, {
      init: [2],
      damping: { kind: 'levenberg-marquardt', initial: 0.01, decay: 0.5 },
    });
    const r1 = opt.step();
    expect(r1.accepted).toBe(false);
    expect(r1.stepSize).toBe(0);
    expect(opt.parameters[0]).toBe(2);
    expect(opt.damping).toBeCloseTo(0.02, 15);
    const run = opt.run({ gradientTolerance: 1e-10, maxIterations: 200 });
    expect(run.converged).toBe(true);
    // The adaptation rule along the whole trace: λ/ω after ρ < 0.25 or a rejection, λ·ω after ρ > 0.75.
    const trace = [r1, ...run.trace];
    let grew = 0;
    let shrank = 0;
    for (let i = 0; i + 1 < trace.length; i++) {
      const [r, next] = [trace[i]!, trace[i + 1]!];
      const rho = r.reductionRatio!;
      if (!r.accepted || rho < 0.25) {
        expect(next.damping).toBeCloseTo(r.damping * 2, 12);
        grew++;
      } else if (rho > 0.75) {
        expect(next.damping).toBeCloseTo(r.damping * 0.5, 12);
        shrank++;
      } else expect(next.damping).toBe(r.damping);
    }
    expect(grew).toBeGreaterThan(0);
    expect(shrank).toBe(0); // the undamped model (F = 0.01) overestimates the decrease: ρ ≈ 0.6 at best
  });

  it('Levenberg–Marquardt on a quadratic: ρ = 1 exactly, so λ decays by ω every step', () => {
    const opt = naturalGradient(quadratic(H, b), {
      init: [3, 3, 3],
      damping: { kind: 'levenberg-marquardt', initial: 10 },
    });
    const trace = opt.run({ maxIterations: 5, gradientTolerance: 0 }).trace;
    for (const [i, r] of trace.entries()) {
      expect(r.reductionRatio).toBeCloseTo(1, 10);
      expect(r.damping).toBeCloseTo(10 * (2 / 3) ** i, 10);
    }
  });

  it('Armijo backtracking accepts only sufficient decrease', () => {
    const opt = naturalGradient(overshoot, { init: [2], stepRule: { kind: 'armijo' } });
    const before = opt.loss;
    const r = opt.step();
    expect(r.accepted).toBe(true);
    expect(r.stepSize).toBeLessThan(1);
    expect(r.loss).toBeLessThan(before);
    expect(opt.run({ gradientTolerance: 1e-10 }).converged).toBe(true);
  });

  it('a non-finite loss stops with a NonFiniteError naming the step; parameters keep their last finite value', () => {
    const bad: NaturalGradientProblem = {
      ...overshoot,
      loss: (w) => (Math.abs(w[0]!) > 50 ? Number.NaN : huber(w)),
      fisher: () => diagonalFisher([0.1]),
    };
    const opt = naturalGradient(bad, { init: [2], stepRule: { kind: 'fixed', size: 0.01 } });
    opt.step();
    const kept = opt.parameters;
    (opt as unknown as { step: () => void }).step;
    const wild = naturalGradient(bad, { init: kept, stepRule: { kind: 'fixed', size: 10 } });
    expect(() => wild.step()).toThrowError(/loss at step 1/);
    expect(() => wild.step()).toThrow(NonFiniteError);
    expect(wild.parameters).toEqual(kept);
    const badGradient: NaturalGradientProblem = {
      ...overshoot,
      gradient: (w) => Float64Array.of(w[0]! < 1 ? Number.NaN : 1),
    };
    const g = naturalGradient(badGradient, { init: [2], damping: 100 });
    const firstOk = g.step();
    expect(firstOk.accepted).toBe(true);
    const at = g.parameters;
    const g2 = naturalGradient(badGradient, { init: at, stepRule: { kind: 'fixed', size: 1e3 }, damping: 1 });
    expect(() => g2.step()).toThrowError(/gradient at step 1/);
    expect(g2.parameters).toEqual(at);
  });

  it('rejects bad options and a singular undamped diagonal', () => {
    expect(() => naturalGradient(overshoot, { init: [1], damping: -1 })).toThrow(InvalidArgumentError);
    expect(() =>
      naturalGradient(overshoot, { init: [1], stepRule: { kind: 'kl-trust-region', radius: 0 } }),
    ).toThrow(InvalidArgumentError);
    const singular = { ...overshoot, fisher: () => diagonalFisher([0]) };
    expect(() => naturalGradient(singular, { init: [1], preconditioner: 'diagonal' }).step()).toThrow(
      SingularMatrixError,
    );
    expect(() => naturalGradient(overshoot, { init: [1], preconditioner: 'kfac' }).step()).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('steppable API', () => {
  it('iterates, reports progress and honours an AbortSignal', () => {
    const opt = naturalGradient(overshoot, { init: [3], stepRule: { kind: 'armijo' } });
    const seen: number[] = [];
    for (const r of opt.steps({ maxIterations: 3, onProgress: (p) => seen.push(p.iteration) }))
      expect(r.iteration).toBeGreaterThan(0);
    expect(seen).toEqual([1, 2, 3]);
    const ac = new AbortController();
    ac.abort('stop');
    expect(() => opt.run({ signal: ac.signal })).toThrow(AbortError);
    let count = 0;
    for (const _ of opt) if (++count > 100) break;
    expect(opt.gradientNorm).toBeLessThanOrEqual(1e-8);
  });
});

describe('modelProblem + K-FAC operator', () => {
  it('logistic regression (glmModel) converges to a zero of the gradient by Fisher scoring', () => {
    const rng = createRng(3);
    const n = 200;
    const X = new DenseMatrix(n, 3);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      X.data[i * 3] = 1;
      X.data[i * 3 + 1] = rng.normal();
      X.data[i * 3 + 2] = 10 * rng.normal();
      const eta = 0.3 + X.data[i * 3 + 1]! - 0.1 * X.data[i * 3 + 2]!;
      y.push(rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
    }
    const model = glmModel(bernoulli, X, logitLink);
    const prob = modelProblem(model, { observations: y });
    const run = naturalGradient(prob, { init: [0, 0, 0] }).run({ gradientTolerance: 1e-12 });
    expect(run.converged).toBe(true);
    expect(run.iterations).toBeLessThan(12);
    const diag = naturalGradient(modelProblem(model, { observations: y }, { fisher: 'exact-diagonal' }), {
      init: [0, 0, 0],
      damping: { kind: 'levenberg-marquardt' },
    }).run({ gradientTolerance: 1e-12, maxIterations: 5 });
    expect(diag.gradientNorm).toBeGreaterThan(run.gradientNorm);
  });

  it('the kfac preconditioner inverts a Kronecker-factored Fisher: w − (G⊗A + λI)⁻¹g', () => {
    const A = DenseMatrix.from([
      [2, 0.3],
      [0.3, 1],
    ]);
    const G = DenseMatrix.from([
      [1.5, -0.2],
      [-0.2, 0.7],
    ]);
    const K = kfacFisher(A, G);
    const dense = K.toDense();
    const prob = quadratic(
      Array.from({ length: 4 }, (_, i) => Array.from(dense.row(i))),
      [1, 0, -1, 2],
      K,
    );
    const w0 = Float64Array.of(0.5, -0.5, 1, 0);
    const g = prob.gradient(w0);
    const Fd = dense.clone();
    for (let i = 0; i < 4; i++) Fd.data[i * 4 + i]! += 0.1;
    const ref = solve(Fd, g);
    const opt = naturalGradient(prob, { init: w0, damping: 0.1, preconditioner: 'kfac' });
    opt.step();
    for (let i = 0; i < 4; i++) expect(opt.parameters[i]).toBeCloseTo(w0[i]! - ref[i]!, 11);
  });

  it('an implicit Fisher (Fisher-vector products Xᵀ diag(p(1 − p)) X v / n only) with CG follows the dense path to 1e-9', () => {
    const rng = createRng(5);
    const [n, p] = [120, 6];
    const X = DenseMatrix.fromFunction(n, p, (_i, j) => (j === 0 ? 1 : rng.normal() * (j + 1)));
    const y = Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));
    const base = modelProblem(glmModel(bernoulli, X, logitLink), { observations: y });
    const fvp = (w: Float64Array) => (v: Float64Array) => {
      const out = new Float64Array(p);
      for (let i = 0; i < n; i++) {
        let z = 0;
        let xv = 0;
        for (let j = 0; j < p; j++) {
          z += X.data[i * p + j]! * w[j]!;
          xv += X.data[i * p + j]! * v[j]!;
        }
        const s = 1 / (1 + Math.exp(-z));
        for (let j = 0; j < p; j++) out[j]! += (s * (1 - s) * xv * X.data[i * p + j]!) / n;
      }
      return out;
    };
    const implicit = { ...base, fisher: (w: Float64Array) => implicitFisher(p, fvp(w)) };
    const a = naturalGradient(base, { init: new Float64Array(p), preconditioner: 'dense', damping: 1e-3 });
    const c = naturalGradient(implicit, { init: new Float64Array(p), preconditioner: 'cg', damping: 1e-3 });
    for (let k = 0; k < 6; k++) {
      a.step();
      const r = c.step();
      expect(r.preconditionerIterations).toBeGreaterThan(0);
      for (let j = 0; j < p; j++) expect(Math.abs(a.parameters[j]! - c.parameters[j]!)).toBeLessThan(1e-9);
    }
  });
});
