import { geometric, normal, normalKnownSigma, poisson } from '@infogeom/distributions';
import { createRng, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { compareModels, type ModelCandidate } from './compare-models.js';

const candidates: ModelCandidate<number>[] = [
  { family: normal, region: { lower: [-5, 0.2], upper: [5, 5] } },
  {
    name: 'known σ = 1',
    family: normalKnownSigma,
    region: { lower: [-5], upper: [5] },
    fit: { fixed: { sigma: 1 } },
  },
];

describe('compareModels', () => {
  it('prefers the simpler family when it is true, the richer one when it is needed', () => {
    const unit = compareModels(normal.sample({ mu: 0.3, sigma: 1 }, createRng(1), 300), candidates);
    expect(unit[0]!.name).toBe('known σ = 1');
    // measured: Δ = 3.79 nats (the price of the extra coordinate σ); 223 nats the other way
    expect(unit[1]!.delta).toBeGreaterThan(1);
    const wide = compareModels(normal.sample({ mu: 0.3, sigma: 2 }, createRng(2), 300), candidates);
    expect(wide[0]!.name).toBe('normal');
    expect(wide[1]!.delta).toBeGreaterThan(50);
    expect(wide[0]!.delta).toBe(0);
    expect(wide[0]!.weight + wide[1]!.weight).toBeCloseTo(1, 14);
  });

  it('Poisson counts: Poisson ranks above geometric', () => {
    const data = poisson.sample({ rate: 3 }, createRng(3), 200);
    const r = compareModels(data, [
      { family: geometric, region: { lower: [0.02], upper: [0.98] } },
      { family: poisson, region: { lower: [0.1], upper: [20] } },
    ]);
    expect(r.map((x) => x.name)).toEqual(['poisson', 'geometric']);
  });

  it('rejects an empty candidate list', () => {
    expect(() => compareModels([1, 2], [])).toThrow(InvalidArgumentError);
  });
});
