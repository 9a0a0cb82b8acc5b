import type { Params } from '@infogeom/distributions';
import { beta, gamma, normal, weibull } from '@infogeom/distributions';
import { InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { klFisherCheck } from './kl-fisher-check.js';
import { type AnyFamily, erase } from './test-utils/family-case.js';

describe('klFisherCheck', () => {
  it('2·KL/(ε² vᵀIv) → 1 linearly in ε', () => {
    const cases: Array<[AnyFamily, Params, number[]]> = [
      [erase(normal), { mu: 0.3, sigma: 2 }, [1, -0.5]],
      [erase(gamma), { shape: 2, rate: 3 }, [0.4, 1]],
      [erase(beta), { alpha: 2, beta: 5 }, [1, 1]],
      [erase(weibull), { scale: 1, shape: 1.5 }, [-0.2, 0.3]],
    ];
    for (const [family, params, v] of cases) {
      const rows = klFisherCheck(family, params, v, [1e-1, 1e-2, 1e-3]);
      const errs = rows.map((r) => Math.abs(r.ratio - 1));
      expect(errs[2]!, family.name).toBeLessThan(3e-3);
      expect(errs[2]!).toBeLessThan(errs[0]!);
      expect(rows[1]!.quadratic).toBeGreaterThan(0);
    }
  });

  it('rejects invalid params, wrong directions and steps leaving the domain', () => {
    expect(() => klFisherCheck(normal, { mu: 0, sigma: -1 }, [1, 0])).toThrow(InvalidArgumentError);
    expect(() => klFisherCheck(normal, { mu: 0, sigma: 1 }, [1])).toThrow(InvalidArgumentError);
    expect(() => klFisherCheck(normal, { mu: 0, sigma: 1 }, [0, -20], [0.1])).toThrow(InvalidArgumentError);
  });
});
