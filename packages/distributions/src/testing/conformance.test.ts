import { createRng, DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { defineFamily } from '../define-family.js';
import { type NormalParams, normal } from '../families/normal.js';
import type { FamilyConfig } from '../family.js';
import { type ConformanceCheckName, runConformance } from './index.js';

const base = normal.config as FamilyConfig<NormalParams, number>;

/** A copy of the normal family with one deliberate bug. */
function mutant(patch: Partial<FamilyConfig<NormalParams, number>>) {
  return defineFamily<NormalParams, number>({ ...base, ...patch, name: 'mutant' });
}

function failedChecks(f: ReturnType<typeof mutant>): Set<ConformanceCheckName> {
  const report = runConformance(f, { params: [{ mu: 0.5, sigma: 1.5 }], samples: 20_000 });
  return new Set(
    report.failed.map((r) => r.name.replace(/^mutant /, '').replace(/ @ .*$/, '') as ConformanceCheckName),
  );
}

describe('the conformance kit catches broken families', () => {
  it('passes the correct family', () => {
    expect(failedChecks(mutant({}))).toEqual(new Set());
  });

  it.each<[string, Partial<FamilyConfig<NormalParams, number>>, ConformanceCheckName[]]>([
    [
      'Fisher off by a factor on σ',
      { fisher: ({ sigma }) => DenseMatrix.diagonal([1 / sigma ** 2, 1 / sigma ** 2]) },
      ['Fisher equals E[score scoreᵀ]', 'Fisher equals −E[Hessian]'],
    ],
    [
      'score with a wrong sign',
      {
        score: ({ mu, sigma }, x) =>
          Float64Array.of((mu - x) / sigma ** 2, ((x - mu) ** 2 / sigma ** 2 - 1) / sigma),
      },
      ['score matches finite differences'],
    ],
    ['unnormalised density', { logProb: (p, x) => (base.logProb(p, x) as number) + 0.01 }, ['normalises']],
    ['variance reported as σ', { variance: ({ sigma }) => sigma }, ['sample moments']],
    [
      'sampler with the wrong spread',
      { sample: ({ mu, sigma }, rng, n) => Array.from({ length: n }, () => mu + 1.1 * sigma * rng.normal()) },
      ['sample moments'],
    ],
    [
      'KL with a wrong constant',
      { kl: (p, q) => (base.kl!(p, q) as number) * 1.1 },
      ['KL is locally ½ dθᵀ I dθ'],
    ],
    [
      'entropy off by 0.01',
      { entropy: (p) => (base.entropy!(p) as number) + 0.01 },
      ['entropy equals −E[log p]'],
    ],
    [
      'declared-invalid params that validation accepts',
      { invalidExamples: [{ mu: 5, sigma: 1 }] },
      ['invalid parameters throw'],
    ],
    [
      'biased MLE',
      {
        fit: (data, o) => {
          const r = base.fit!(data, o);
          return { ...r, params: { ...r.params, sigma: r.params.sigma * 1.05 } };
        },
      },
      ['maximum likelihood'],
    ],
  ])('%s', (_label, patch, expected) => {
    const failed = failedChecks(mutant(patch));
    for (const name of expected) expect(failed, `expected "${name}" to fail`).toContain(name);
  });
});

describe('generic fallbacks', () => {
  const bare = defineFamily<NormalParams, number>({
    name: 'bareNormal',
    description: 'normal without closed forms',
    parameters: base.parameters,
    examples: [{ mu: 0.3, sigma: 0.7 }],
    support: base.support,
    logProb: base.logProb,
    sample: base.sample,
    mean: base.mean,
    variance: base.variance,
  });

  it('reproduce the closed forms: score by differences, Fisher, KL, entropy by quadrature, MLE by Fisher scoring', () => {
    const p = { mu: 0.3, sigma: 0.7 };
    const q = { mu: -1, sigma: 1.9 };
    expect(bare.closedForm).toEqual({ score: false, fisher: false, kl: false, entropy: false, fit: false });
    const I = bare.estimateFisher(p);
    expect(I.method).toBe('quadrature');
    const exact = normal.fisher(p);
    for (let k = 0; k < 4; k++) expect(I.value.data[k]).toBeCloseTo(exact.data[k]!, 7);
    expect(bare.kl(p, q)).toBeCloseTo(normal.kl(p, q), 10);
    expect(bare.entropy(p)).toBeCloseTo(normal.entropy(p), 10);
    const x = 1.234;
    const s = bare.score(p, x);
    const se = normal.score(p, x);
    expect(s[0]).toBeCloseTo(se[0]!, 8);
    expect(s[1]).toBeCloseTo(se[1]!, 8);
    const data = normal.sample({ mu: 2, sigma: 0.5 }, createRng(11), 300);
    const generic = bare.fit(data);
    const closed = normal.fit(data);
    expect(generic.converged).toBe(true);
    expect(generic.params.mu).toBeCloseTo(closed.params.mu, 9);
    expect(generic.params.sigma).toBeCloseTo(closed.params.sigma, 9);
  });

  it('pass the conformance kit', () => {
    const report = runConformance(bare, { samples: 10_000 });
    expect(report.failed.map((f) => `${f.name}: ${String(f.error)}`)).toEqual([]);
  });
});
