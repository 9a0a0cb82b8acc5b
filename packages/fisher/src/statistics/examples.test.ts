import { bernoulli, normal, normalKnownSigma, poisson } from '@infogeom/distributions';
import { describe, expect, it } from 'vitest';
import { compareModels } from './compare-models.js';
import { cramerRaoBound } from './cramer-rao-bound.js';
import { fisherInformationApproximation } from './fisher-information-approximation.js';
import { fisherVolume } from './fisher-volume.js';
import { jeffreysPrior } from './jeffreys-prior.js';
import { standardErrors } from './standard-errors.js';
import { waldIntervals } from './wald-intervals.js';

/** The examples of the doc comments, executed. */
describe('doc-comment examples (statistics)', () => {
  it('cramerRaoBound, standardErrors, waldIntervals', () => {
    const C = cramerRaoBound(normal, { mu: 0, sigma: 2 }, 100);
    [0.04, 0, 0, 0.02].forEach((v, i) => {
      expect(C.data[i]).toBeCloseTo(v, 15);
    });
    const data = [2, 4, 3, 5, 1];
    expect(standardErrors(poisson, poisson.fit(data), data.length)[0]).toBeCloseTo(Math.sqrt(3 / 5), 15);
    const [iv] = waldIntervals(poisson, poisson.fit(data), data.length);
    expect(iv!.name).toBe('rate');
    expect(iv!.estimate).toBe(3);
    expect(iv!.standardError).toBeCloseTo(0.7746, 4);
    expect(iv!.lower).toBeCloseTo(1.4818, 4);
    expect(iv!.upper).toBeCloseTo(4.5182, 4);
  });

  it('jeffreysPrior, fisherVolume', () => {
    expect(jeffreysPrior(poisson, { rate: 1 }).logDensity([4])).toBeCloseTo(-0.5 * Math.log(4), 15);
    expect(fisherVolume(bernoulli, { p: 0.5 }, { lower: [0], upper: [1] }).value).toBeCloseTo(Math.PI, 7);
  });

  it('fisherInformationApproximation, compareModels', () => {
    const bits = [1, 0, 0, 1, 0, 0, 0, 1];
    const r = fisherInformationApproximation(bernoulli, bits, { region: { lower: [0], upper: [1] } });
    expect(r.negLogLikelihood).toBeCloseTo(5.2925, 4);
    expect(r.dimensionPenalty).toBeCloseTo(0.1208, 4);
    expect(r.logVolume).toBeCloseTo(1.1447, 4);
    expect(r.value).toBeCloseTo(6.558, 3);
    const data = [0.3, -1.2, 0.8, 1.9, -0.4, 0.1];
    const ranking = compareModels(data, [
      { family: normal, region: { lower: [-5, 0.1], upper: [5, 10] } },
      { family: normalKnownSigma, region: { lower: [-5], upper: [5] }, fit: { fixed: { sigma: 1 } } },
    ]);
    expect(ranking[0]?.name).toBe('normalKnownSigma');
  });
});
