import { normal } from '@infogeom/distributions';
import { gradient } from '@infogeom/linalg';
import { familyNaturalGradient } from '@infogeom/natgrad';
import { describe, expect, it } from 'vitest';
import {
  CHART_IDS,
  CHARTS,
  chartProblem,
  DATA,
  MLE,
  naturalGradientPaths,
  toChart,
} from './natural-gradient-paths.js';

describe('natural-gradient figure computation', () => {
  it('each chart problem has the chain-rule gradient (finite differences) and the pulled-back Fisher', () => {
    for (const c of CHART_IDS) {
      const p = chartProblem(CHARTS[c]);
      const w = Float64Array.from(toChart(CHARTS[c], [0.3, 1.7]));
      const g = p.gradient(w);
      const fd = gradient((x) => p.loss(x), w);
      for (let i = 0; i < 2; i++) expect(g[i]).toBeCloseTo(fd[i]!, 8);
      // Fisher metric of a tangent vector is chart-independent: vᵀF_w v with v = dw/dθ · δθ.
      const J = 1 / CHARTS[c].dSigma(w[1]!);
      const v = Float64Array.of(0.2, 0.5 * J);
      const F = p.fisher(w);
      const q = v[0]! * F.mv(v)[0]! + v[1]! * F.mv(v)[1]!;
      expect(q).toBeCloseTo((0.2 ** 2 + 2 * 0.5 ** 2) / 1.7 ** 2, 12);
    }
  });

  it('natural gradient in (μ, log σ) is @infogeom/natgrad familyNaturalGradient in unconstrained coordinates', () => {
    const r = naturalGradientPaths([3.5, 3], 0.1, 15);
    const run = r.runs.find((x) => x.optimizer === 'natural' && x.chart === 'logsigma')!;
    const opt = familyNaturalGradient(normal, DATA, {
      init: { mu: 3.5, sigma: 3 },
      stepRule: { kind: 'fixed', size: 0.1 },
    });
    for (let k = 1; k <= 15; k++) {
      opt.step();
      expect(run.path[k]![0]).toBeCloseTo(opt.params.mu, 12);
      expect(run.path[k]![1]).toBeCloseTo(opt.params.sigma, 12);
    }
  });

  it('the flow is chart-independent; discrete natural-gradient paths agree to O(α) along a path, GD does not', () => {
    const a = naturalGradientPaths([3.5, 3], 0.1, 40);
    const b = naturalGradientPaths([3.5, 3], 0.05, 80);
    expect(a.flowGap).toBeLessThan(1e-7);
    expect(b.naturalGap).toBeLessThan(0.7 * a.naturalGap);
    expect(a.naturalGap).toBeGreaterThan(1e-4);
    expect(a.gdGap).toBeGreaterThan(20 * a.naturalGap);
    // Enough natural-gradient steps reach the MLE in every chart.
    const c = naturalGradientPaths([3.5, 3], 0.5, 60);
    for (const run of c.runs.filter((x) => x.optimizer === 'natural')) {
      expect(run.finalKl).toBeLessThan(1e-12);
      expect(run.path[run.path.length - 1]![1]).toBeCloseTo(MLE.sigma, 6);
    }
  });

  it('a step that leaves the parameter space stops the run and says so', () => {
    // From σ = 0.6 far from the data, one natural step in τ gives τ < 0.
    const r = naturalGradientPaths([-2, 0.6], 0.1, 40);
    const run = r.runs.find((x) => x.optimizer === 'natural' && x.chart === 'precision')!;
    expect(run.stopped).toBe('left-domain');
    expect(run.iterations).toBe(0);
    expect(run.finalKl).toBeCloseTo(normal.kl(MLE, { mu: -2, sigma: 0.6 }), 12);
  });
});
