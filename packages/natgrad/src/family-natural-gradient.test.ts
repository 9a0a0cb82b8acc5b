import { readFileSync } from 'node:fs';
import {
  constraints,
  defineFamily,
  type Family,
  familyByName,
  gamma,
  normal,
  poisson,
  registerFamily,
  studentT,
} from '@infogeom/distributions';
import { createRng, gradient, InvalidArgumentError, NonFiniteError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { familyNaturalGradient } from './family-natural-gradient.js';
import { familyProblem } from './family-problem.js';
import { naturalGradientFlow } from './natural-gradient-flow.js';

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/natgrad-fixtures.json', import.meta.url), 'utf8'),
) as {
  gammaMle: { data: number[]; shape: number; rate: number };
};

const rng = createRng(7);
const normalData = normal.sample({ mu: 1.5, sigma: 0.7 }, rng, 300);
const poissonData = poisson.sample({ rate: 3.2 }, rng, 300);

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** A third-party plugin: the normal in (μ, τ) with precision τ = 1/σ² — same model, other coordinates. */
type PrecisionParams = { readonly mu: number; readonly tau: number };
const normalPrecision: Family<PrecisionParams, number> = defineFamily<PrecisionParams, number>({
  name: 'normalPrecision',
  description: 'Normal with mean mu and precision tau = 1/σ² (test plugin).',
  parameters: [
    { name: 'mu', shape: 'scalar', constraint: constraints.real, description: 'mean' },
    { name: 'tau', shape: 'scalar', constraint: constraints.positive, description: 'precision' },
  ],
  examples: [{ mu: 0, tau: 1 }],
  support: () => ({ kind: 'continuous', lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY }),
  logProb: ({ mu, tau }, x) => 0.5 * Math.log(tau / (2 * Math.PI)) - 0.5 * tau * (x - mu) ** 2,
  sample: ({ mu, tau }, r, n) => normal.sample({ mu, sigma: 1 / Math.sqrt(tau) }, r, n),
  mean: ({ mu }) => mu,
  variance: ({ tau }) => 1 / tau,
  score: ({ mu, tau }, x) => Float64Array.of(tau * (x - mu), 0.5 / tau - 0.5 * (x - mu) ** 2),
});

describe('familyNaturalGradient: mean-parameter (mirror) step', () => {
  it('reaches the normal MLE in one step of size 1', () => {
    const opt = familyNaturalGradient(normal, normalData, {
      init: { mu: -3, sigma: 5 },
      coordinates: 'mean',
    });
    const r = opt.step();
    const m = mean(normalData);
    const sd = Math.sqrt(mean(normalData.map((x) => (x - m) ** 2)));
    expect(opt.params.mu).toBeCloseTo(m, 12);
    expect(Math.abs(opt.params.sigma - sd) / sd).toBeLessThan(1e-12);
    expect(r.gradientNorm).toBeLessThan(1e-10);
  });

  it('reaches the Poisson MLE (the sample mean) in one step', () => {
    const opt = familyNaturalGradient(poisson, poissonData, { init: { rate: 20 }, coordinates: 'mean' });
    opt.step();
    expect(Math.abs(opt.params.rate - mean(poissonData)) / mean(poissonData)).toBeLessThan(1e-13);
  });

  it('reaches the gamma MLE (scipy brentq fixture) in one step', () => {
    const { data, shape, rate } = fixtures.gammaMle;
    const opt = familyNaturalGradient(gamma, data, { init: { shape: 0.5, rate: 4 }, coordinates: 'mean' });
    const run = opt.run({ maxIterations: 1, gradientTolerance: 1e-9 });
    expect(run.iterations).toBe(1);
    expect(run.converged).toBe(true);
    expect(Math.abs(opt.params.shape - shape) / shape).toBeLessThan(1e-10);
    expect(Math.abs(opt.params.rate - rate) / rate).toBeLessThan(1e-10);
  });

  it('a step of size α moves the mean parameters α of the way: μ₁ = (1 − α)μ₀ + αT̄', () => {
    const problem = familyProblem(normal, normalData, { init: { mu: -3, sigma: 5 }, coordinates: 'mean' });
    const opt = familyNaturalGradient(normal, normalData, {
      init: { mu: -3, sigma: 5 },
      coordinates: 'mean',
      stepRule: { kind: 'fixed', size: 0.3 },
    });
    opt.step();
    const tBar = [mean(normalData), mean(normalData.map((x) => x * x))];
    const mu1 = problem.init.map((m, k) => 0.7 * m + 0.3 * tBar[k]!);
    expect(opt.parameters[0]).toBeCloseTo(mu1[0]!, 12);
    expect(opt.parameters[1]).toBeCloseTo(mu1[1]!, 11);
  });

  it('rejects mean coordinates for a non-exponential family', () => {
    expect(() => familyNaturalGradient(studentT, [0, 1, 2], { coordinates: 'mean' })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('familyNaturalGradient: unconstrained coordinates', () => {
  it('finds the gamma MLE of the fixture to 1e-10 in a handful of Fisher-scoring steps', () => {
    const { data, shape, rate } = fixtures.gammaMle;
    const opt = familyNaturalGradient(gamma, data, { init: { shape: 1, rate: 1 } });
    const run = opt.run({ gradientTolerance: 1e-12, maxIterations: 50 });
    expect(run.converged).toBe(true);
    expect(run.iterations).toBeLessThan(12);
    expect(Math.abs(opt.params.shape - shape) / shape).toBeLessThan(1e-10);
    expect(Math.abs(opt.params.rate - rate) / rate).toBeLessThan(1e-10);
  });

  it('works for a registered third-party family through the registry', () => {
    const unregister = registerFamily(normalPrecision, { onDuplicate: () => {} });
    try {
      const opt = familyNaturalGradient(familyByName('normalPrecision'), normalData, {
        init: { mu: 0, tau: 1 },
        damping: { kind: 'levenberg-marquardt' },
      });
      const run = opt.run({ gradientTolerance: 1e-10 });
      const m = mean(normalData);
      const v = mean(normalData.map((x) => (x - m) ** 2));
      expect(run.converged).toBe(true);
      expect(opt.params['mu']).toBeCloseTo(m, 9);
      expect(Math.abs((opt.params['tau'] as number) * v - 1)).toBeLessThan(1e-9);
    } finally {
      unregister();
    }
  });
});

describe('parameterisation invariance', () => {
  /*
   * Discrete iterates: an affine change of coordinates w′ = Aw + b maps gradients to A⁻ᵀg and the Fisher
   * to A⁻ᵀFA⁻¹, so the undamped natural-gradient step maps exactly: Δ′ = AΔ. The unconstrained
   * coordinates of normal, (μ, log σ), and of the precision plugin, (μ, log τ) = (μ, −2 log σ), are
   * related affinely, so their discrete paths must coincide (to rounding) for any step size.
   */
  it('discrete paths of normal (μ, log σ) and (μ, log τ) agree to 1e-10 (exact invariance under an affine map)', () => {
    const a = familyNaturalGradient(normal, normalData, {
      init: { mu: -2, sigma: 3 },
      stepRule: { kind: 'fixed', size: 0.4 },
    });
    const b = familyNaturalGradient(normalPrecision, normalData, {
      init: { mu: -2, tau: 1 / 9 },
      stepRule: { kind: 'fixed', size: 0.4 },
    });
    for (let k = 0; k < 12; k++) {
      a.step();
      b.step();
      expect(Math.abs(a.params.mu - b.params.mu)).toBeLessThan(1e-10);
      expect(Math.abs(a.params.sigma - 1 / Math.sqrt(b.params.tau))).toBeLessThan(1e-10);
      expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-12);
    }
  });

  /*
   * Continuous time: the flow ẇ = −F⁻¹∇L is invariant under any smooth reparameterisation (the chain
   * rule cancels: J ẇ′… ), while discrete steps are not for non-affine maps such as σ = exp(s). We
   * integrate the flow in (μ, σ) and in (μ, log σ) with Dormand–Prince (rtol 1e-12) and compare.
   */
  it('natural-gradient flows in (μ, σ) and (μ, log σ) agree to 1e-8; discrete unit steps do not', () => {
    const init = { mu: -2, sigma: 3 };
    const pA = familyProblem(normal, normalData, { init, coordinates: 'family' });
    const pB = familyProblem(normal, normalData, { init, coordinates: 'unconstrained' });
    const times = [0.25, 0.5, 1, 2, 4];
    const flowA = naturalGradientFlow(pA, pA.init, times, { rtol: 1e-12, atol: 1e-14 });
    const flowB = naturalGradientFlow(pB, pB.init, times, { rtol: 1e-12, atol: 1e-14 });
    for (let i = 0; i < times.length; i++) {
      const a = pA.toParams(flowA[i]!);
      const b = pB.toParams(flowB[i]!);
      expect(Math.abs(a.mu - b.mu)).toBeLessThan(1e-8);
      expect(Math.abs(a.sigma - b.sigma)).toBeLessThan(1e-8);
    }
    // The σ-path moves: it is not trivially equal.
    expect(Math.abs(pA.toParams(flowA[4]!).sigma - 3)).toBeGreaterThan(1);
    // Discrete unit steps in the two coordinate systems differ after one step (σ + Δσ vs σ·exp(Δs)).
    const dA = familyNaturalGradient(normal, normalData, {
      init,
      coordinates: 'family',
      stepRule: { kind: 'fixed', size: 0.5 },
    });
    const dB = familyNaturalGradient(normal, normalData, { init, stepRule: { kind: 'fixed', size: 0.5 } });
    dA.step();
    dB.step();
    expect(Math.abs(dA.params.sigma - dB.params.sigma)).toBeGreaterThan(1e-3);
  });
});

describe('familyProblem: gradients and Fisher in every coordinate system', () => {
  const cases = [
    { name: 'gamma', fam: gamma, data: fixtures.gammaMle.data, at: { shape: 1.3, rate: 0.6 } },
    { name: 'normal', fam: normal, data: normalData, at: { mu: 0.4, sigma: 1.9 } },
  ] as const;
  for (const c of cases)
    for (const coordinates of ['unconstrained', 'family', 'mean'] as const) {
      it(`${c.name} in ${coordinates} coordinates: gradient = finite differences; at the MLE, Fisher = Hessian of the NLL (to 1e-6)`, () => {
        const f = c.fam as Family<Record<string, number>, number>;
        const prob = familyProblem(f, c.data, { init: c.at as Record<string, number>, coordinates });
        const g = prob.gradient(prob.init);
        const fd = gradient(prob.loss, prob.init);
        for (let k = 0; k < g.length; k++)
          expect(Math.abs(g[k]! - fd[k]!)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd[k]!)));
        // Exponential families: at the MLE (∇L = 0) the Hessian of the mean NLL is JᵀFJ in any coordinates.
        const mle = familyNaturalGradient(f, c.data, {
          init: c.at as Record<string, number>,
          coordinates: 'mean',
        });
        mle.step();
        const w = prob.fromParams(mle.params);
        const F = prob.fisher(w).toDense();
        // Hessian by central differences (fixed small steps, which stay inside the parameter space) of the
        // gradient checked above: O(h²) ≈ 1e-10 accurate.
        const p = w.length;
        const Hn = { data: new Float64Array(p * p) };
        for (let j = 0; j < p; j++) {
          const h = 1e-5 * Math.max(1, Math.abs(w[j]!));
          const up = w.slice();
          const dn = w.slice();
          up[j]! += h;
          dn[j]! -= h;
          const [gu, gd] = [prob.gradient(up), prob.gradient(dn)];
          for (let i = 0; i < p; i++) Hn.data[i * p + j] = (gu[i]! - gd[i]!) / (2 * h);
        }
        for (let k = 0; k < F.data.length; k++)
          expect(Math.abs(F.data[k]! - Hn.data[k]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(Hn.data[k]!)));
      });
    }

  it("a step out of the parameter space in 'family' coordinates is a NonFiniteError naming the step", () => {
    const opt = familyNaturalGradient(normal, normalData, {
      init: { mu: 1.5, sigma: 3 },
      coordinates: 'family',
      stepRule: { kind: 'fixed', size: 5 },
    });
    const before = opt.parameters;
    expect(() => opt.step()).toThrowError(/loss at step 1/);
    expect(() => opt.step()).toThrow(NonFiniteError);
    expect(opt.parameters).toEqual(before);
  });
});
