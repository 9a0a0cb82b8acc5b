import { readFileSync } from 'node:fs';
import { beta, dirichlet, gamma } from '@infogeom/distributions';
import { describe, expect, it } from 'vitest';
import { geodesicDistance } from './geodesic-distance.js';

/** One reference case of fixtures/geodesics.json (scipy solve_bvp, see generate_geodesics.py). */
interface FixtureCase {
  family: 'gamma' | 'beta' | 'dirichlet';
  p: Record<string, number | number[]>;
  q: Record<string, number | number[]>;
  distance: number;
}

/** Dirichlet parameters from a fixture's `{ alpha: [α₁, α₂, α₃] }`. */
const dirichletParams = (x: Record<string, number | number[]>) => ({
  alpha: Float64Array.from(x['alpha'] as number[]),
});

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/geodesics.json', import.meta.url), 'utf8')) as {
  cases: FixtureCase[];
};

describe('geodesicDistance against scipy solve_bvp fixtures', () => {
  it.each(fixtures.cases)('$family $p → $q', (c) => {
    const r =
      c.family === 'gamma'
        ? geodesicDistance(
            gamma,
            c.p as { shape: number; rate: number },
            c.q as { shape: number; rate: number },
          )
        : c.family === 'beta'
          ? geodesicDistance(
              beta,
              c.p as { alpha: number; beta: number },
              c.q as { alpha: number; beta: number },
            )
          : geodesicDistance(dirichlet, dirichletParams(c.p), dirichletParams(c.q), { method: 'numeric' });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.distance - c.distance) / c.distance).toBeLessThan(1e-6);
  });

  it('the purely numerical path (metric derivative by linalg jacobian) agrees too', () => {
    const c = fixtures.cases[1]!;
    const r = geodesicDistance(
      gamma,
      c.p as { shape: number; rate: number },
      c.q as { shape: number; rate: number },
      {
        numericOnly: true,
      },
    );
    expect(r.converged).toBe(true);
    expect(Math.abs(r.distance - c.distance) / c.distance).toBeLessThan(1e-6);
  });
});
