import { bernoulli, gamma, normal, type Params, poisson } from '@infogeom/distributions';
import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { exactFisher } from './exact-fisher.js';
import { familyModel } from './family-model.js';
import type { FisherEstimate } from './fisher-estimate.js';
import { logitLink, logLink } from './glm-link.js';
import { glmModel } from './glm-model.js';
import type { Model } from './model.js';
import { monteCarloFisher } from './monte-carlo-fisher.js';
import { randomDesign } from './test-utils/glm-data.js';

/** Largest |MC − exact| / SE over the entries. */
function maxZ(mc: FisherEstimate, exact: FisherEstimate): number {
  let z = 0;
  for (let i = 0; i < mc.value.data.length; i++)
    z = Math.max(z, Math.abs(mc.value.data[i]! - exact.value.data[i]!) / mc.standardError.data[i]!);
  return z;
}

describe('monteCarloFisher', () => {
  const X = randomDesign(createRng(2), 40, 3);

  it('logistic regression: within 3 standard errors of exact, entry-wise', () => {
    const m = glmModel(bernoulli, X, logitLink);
    const w = [0.2, 1.1, -0.7];
    const mc = monteCarloFisher(m, w, { rng: createRng(3), samples: 2000 });
    const z = maxZ(mc, exactFisher(m, w));
    // measured: max |z| = 1.78 over the 9 entries (seed 3)
    expect(z).toBeLessThan(3);
    expect(mc.method).toBe('monte-carlo');
    expect(mc.samples).toBe(2000);
    expect(Math.min(...mc.standardError.data)).toBeGreaterThan(0);
  });

  it('the standard errors are calibrated: z-scores over 20 seeds have RMS ≈ 1', () => {
    const m = glmModel(bernoulli, X, logitLink);
    const w = [0.2, 1.1, -0.7];
    const exact = exactFisher(m, w);
    const zs: number[] = [];
    for (let seed = 100; seed < 120; seed++) {
      const mc = monteCarloFisher(m, w, { rng: createRng(seed), samples: 400 });
      for (let i = 0; i < 3; i++)
        for (let j = i; j < 3; j++)
          zs.push((mc.value.get(i, j) - exact.value.get(i, j)) / mc.standardError.get(i, j));
    }
    const rms = Math.sqrt(zs.reduce((s, z) => s + z * z, 0) / zs.length);
    const within3 = zs.filter((z) => Math.abs(z) < 3).length / zs.length;
    // measured: RMS z = 1.10, all 120 entries within 3 SE
    expect(rms).toBeGreaterThan(0.75);
    expect(rms).toBeLessThan(1.25);
    expect(within3).toBeGreaterThan(0.95);
  });

  it('Poisson regression and family models: within 3 standard errors', () => {
    const m = glmModel(poisson, X, logLink);
    const w = [0.5, 0.3, -0.2];
    expect(
      maxZ(monteCarloFisher(m, w, { rng: createRng(4), samples: 1000 }), exactFisher(m, w)),
    ).toBeLessThan(3);
    const check = <P extends Params>(fm: Model<P, number, undefined>, theta: number[]): void => {
      const mc = monteCarloFisher(fm, theta, { rng: createRng(5), samples: 20000 });
      expect(maxZ(mc, exactFisher(fm, theta))).toBeLessThan(3);
    };
    check(familyModel(normal, { mu: 0, sigma: 1 }), [1, 2]);
    check(familyModel(gamma, { shape: 1, rate: 1 }), [3, 0.5]);
  });

  it('standard errors shrink as 1/√samples', () => {
    const m = glmModel(bernoulli, X, logitLink);
    const w = [0.2, 1.1, -0.7];
    const a = monteCarloFisher(m, w, { rng: createRng(6), samples: 500 }).standardError.get(0, 0);
    const b = monteCarloFisher(m, w, { rng: createRng(6), samples: 8000 }).standardError.get(0, 0);
    expect(a / b).toBeGreaterThan(3.4);
    expect(a / b).toBeLessThan(4.6);
  });

  it('is reproducible from the seed and rejects bad sample counts', () => {
    const m = familyModel(normal, { mu: 0, sigma: 1 });
    const a = monteCarloFisher(m, [0, 1], { rng: createRng(7), samples: 100 }).value.data;
    const b = monteCarloFisher(m, [0, 1], { rng: createRng(7), samples: 100 }).value.data;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(() => monteCarloFisher(m, [0, 1], { rng: createRng(7), samples: 1 })).toThrow(
      InvalidArgumentError,
    );
  });
});
