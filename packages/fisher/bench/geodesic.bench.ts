/**
 * Numerical Fisher–Rao geodesic distances (boundary-value solver: relaxation + shooting): gamma, beta,
 * Weibull (numeric method forced, although a closed form exists) and Dirichlet(3). Target (issue 4): a
 * gamma geodesic distance in under 20 ms. Full: median of 15 runs after 10 warm-ups per pair;
 * `INFOGEOM_BENCH_SIZE=small` (CI smoke): one pair per family, one timed run after one warm-up.
 */
import type { Family, Observation, Params } from '@infogeom/distributions';
import { beta, dirichlet, gamma, weibull } from '@infogeom/distributions';
import { benchSize, time } from '../../../tooling/bench/harness.js';
import { type GeodesicDistanceResult, geodesicDistance } from '../src/geometry/geodesic-distance.js';

type AnyFamily = Family<Params, Observation>;

interface Case {
  label: string;
  family: AnyFamily;
  p: Params;
  q: Params;
}

const erase = <P extends Params>(f: Family<P, Observation>): AnyFamily => f as unknown as AnyFamily;

const cases: Case[] = [
  {
    label: 'gamma (1, 1) → (5, 0.5)',
    family: erase(gamma),
    p: { shape: 1, rate: 1 },
    q: { shape: 5, rate: 0.5 },
  },
  {
    label: 'gamma (2, 3) → (0.7, 0.2)',
    family: erase(gamma),
    p: { shape: 2, rate: 3 },
    q: { shape: 0.7, rate: 0.2 },
  },
  {
    label: 'gamma (0.5, 2) → (3, 4)',
    family: erase(gamma),
    p: { shape: 0.5, rate: 2 },
    q: { shape: 3, rate: 4 },
  },
  {
    label: 'gamma (10, 1) → (12, 1.5)',
    family: erase(gamma),
    p: { shape: 10, rate: 1 },
    q: { shape: 12, rate: 1.5 },
  },
  {
    label: 'beta (2, 5) → (0.5, 0.7)',
    family: erase(beta),
    p: { alpha: 2, beta: 5 },
    q: { alpha: 0.5, beta: 0.7 },
  },
  { label: 'beta (1, 1) → (4, 2)', family: erase(beta), p: { alpha: 1, beta: 1 }, q: { alpha: 4, beta: 2 } },
  {
    label: 'Weibull (1, 1.5) → (3, 0.8)',
    family: erase(weibull),
    p: { scale: 1, shape: 1.5 },
    q: { scale: 3, shape: 0.8 },
  },
  {
    label: 'Dirichlet (1, 2, 3) → (4, 1, 0.5)',
    family: erase(dirichlet),
    p: { alpha: Float64Array.of(1, 2, 3) },
    q: { alpha: Float64Array.of(4, 1, 0.5) },
  },
];

/** Runs the geodesic-distance benchmarks and prints a Markdown table. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const selected = small ? cases.filter((_c, i) => i === 0 || i === 4 || i === 6 || i === 7) : cases;
  console.log('| pair | ms (median) | distance | iterations | converged |');
  console.log('|---|---|---|---|---|');
  for (const c of selected) {
    let r: GeodesicDistanceResult | undefined;
    const solve = () => {
      r = geodesicDistance(c.family, c.p, c.q, { method: 'numeric' });
      return r.distance;
    };
    const ms = small ? time(solve, 1, 1) : time(solve, 15, 10);
    console.log(
      `| ${c.label} | ${ms.toFixed(1)} | ${r!.distance.toPrecision(15)} | ${r!.iterations} | ${r!.converged} |`,
    );
  }
}
