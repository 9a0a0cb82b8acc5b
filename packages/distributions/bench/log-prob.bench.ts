/**
 * Batch log-density throughput against @stdlib, in one process with interleaved paired timing:
 * `family.logProbBatch(params, xs)` (the public, validated entry point) against a plain loop of the
 * matching `@stdlib/stats-base-dists-<name>-logpdf` / `-logpmf` over the same observations, writing
 * into a fresh Float64Array as ours does. Observations are drawn from the family itself (1,000,000 per
 * family; 10,000 with `INFOGEOM_BENCH_SIZE=small`) and kept in one Float64Array that both sides read.
 *
 * Before timing, the two results are compared element by element: `max rel diff` is
 * max |ours − peer| / max(|peer|, 1) (relative for |log p| ≥ 1, absolute below, where log p crosses 0),
 * with equal infinities counting as 0.
 *
 * The von Mises family has no standalone @stdlib package (`@stdlib/stats-base-dists-vonmises-logpdf`
 * is not published; only the whole `@stdlib/stats` namespace has it), so it is timed alone.
 */
import { createRng } from '@infogeom/linalg';
import betaLogpdf from '@stdlib/stats-base-dists-beta-logpdf';
import binomialLogpmf from '@stdlib/stats-base-dists-binomial-logpmf';
import exponentialLogpdf from '@stdlib/stats-base-dists-exponential-logpdf';
import gammaLogpdf from '@stdlib/stats-base-dists-gamma-logpdf';
import geometricLogpmf from '@stdlib/stats-base-dists-geometric-logpmf';
import laplaceLogpdf from '@stdlib/stats-base-dists-laplace-logpdf';
import lognormalLogpdf from '@stdlib/stats-base-dists-lognormal-logpdf';
import negativeBinomialLogpmf from '@stdlib/stats-base-dists-negative-binomial-logpmf';
import normalLogpdf from '@stdlib/stats-base-dists-normal-logpdf';
import poissonLogpmf from '@stdlib/stats-base-dists-poisson-logpmf';
import tLogpdf from '@stdlib/stats-base-dists-t-logpdf';
import weibullLogpdf from '@stdlib/stats-base-dists-weibull-logpdf';
import { benchSize, type Comparison, compare, time } from '../../../tooling/bench/harness.js';
import {
  beta,
  binomial,
  exponential,
  gamma,
  geometric,
  laplace,
  logNormal,
  negativeBinomial,
  normal,
  poisson,
  studentT,
  vonMises,
  weibull,
} from '../src/families/index.js';
import type { Family } from '../src/family.js';
import type { Params } from '../src/parameter.js';

/** One family at one parameter point, with the peer's scalar log-density at the same point. */
interface Case {
  label: string;
  /** Runs `logProbBatch` on the observations. */
  ours: (xs: Float64Array) => Float64Array;
  /** Draws the observations. */
  draw: (n: number, seed: number) => Float64Array;
  /** The peer's log-density at one observation. */
  peer: (x: number) => number;
}

/**
 * Builds a case. `logProbBatch` is typed for `readonly number[]`; the families only index it and
 * read its length, so the Float64Array is passed as is (no copy, the same memory the peer reads).
 */
function makeCase<P extends Params>(
  label: string,
  family: Family<P, number>,
  params: P,
  peer: (x: number) => number,
): Case {
  return {
    label,
    ours: (xs) => family.logProbBatch(params, xs as unknown as readonly number[]),
    draw: (n, seed) => Float64Array.from(family.sample(params, createRng(seed), n)),
    peer,
  };
}

/** The peer's loop: one scalar call per observation into a fresh Float64Array. */
function peerBatch(peer: (x: number) => number, xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = peer(xs[i]!);
  return out;
}

/** max |a − b| / max(|b|, 1); equal values (including equal infinities and two NaNs) count as 0. */
function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!;
    const v = b[i]!;
    if (u === v || (Number.isNaN(u) && Number.isNaN(v))) continue;
    const d = Math.abs(u - v) / Math.max(Math.abs(v), 1);
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst;
}

function cases(): Case[] {
  return [
    makeCase('normal μ=0.5 σ=2', normal, { mu: 0.5, sigma: 2 }, (x) => normalLogpdf(x, 0.5, 2)),
    makeCase('gamma α=3 β=1.5', gamma, { shape: 3, rate: 1.5 }, (x) => gammaLogpdf(x, 3, 1.5)),
    makeCase('gamma α=0.6 β=2', gamma, { shape: 0.6, rate: 2 }, (x) => gammaLogpdf(x, 0.6, 2)),
    makeCase('beta α=2 β=5', beta, { alpha: 2, beta: 5 }, (x) => betaLogpdf(x, 2, 5)),
    makeCase('poisson λ=3.5', poisson, { rate: 3.5 }, (x) => poissonLogpmf(x, 3.5)),
    makeCase('poisson λ=120', poisson, { rate: 120 }, (x) => poissonLogpmf(x, 120)),
    makeCase('binomial n=40 p=0.3', binomial, { n: 40, p: 0.3 }, (x) => binomialLogpmf(x, 40, 0.3)),
    makeCase('studentT ν=5 μ=1 σ=1.5', studentT, { nu: 5, mu: 1, sigma: 1.5 }, (x) => {
      // @stdlib's t is standard: shift and scale, then subtract log σ.
      return tLogpdf((x - 1) / 1.5, 5) - Math.log(1.5);
    }),
    makeCase('exponential λ=2', exponential, { rate: 2 }, (x) => exponentialLogpdf(x, 2)),
    makeCase('laplace μ=0 b=1.5', laplace, { mu: 0, b: 1.5 }, (x) => laplaceLogpdf(x, 0, 1.5)),
    makeCase('logNormal μ=0.3 σ=0.8', logNormal, { mu: 0.3, sigma: 0.8 }, (x) =>
      lognormalLogpdf(x, 0.3, 0.8),
    ),
    makeCase('weibull k=1.5 λ=2', weibull, { scale: 2, shape: 1.5 }, (x) => weibullLogpdf(x, 1.5, 2)),
    makeCase('negativeBinomial r=4.5 p=0.3', negativeBinomial, { r: 4.5, p: 0.3 }, (x) =>
      negativeBinomialLogpmf(x, 4.5, 0.3),
    ),
    makeCase('geometric p=0.2', geometric, { p: 0.2 }, (x) => geometricLogpmf(x, 0.2)),
  ];
}

/** Millions of evaluations per second for `n` evaluations in `ms` milliseconds. */
function throughput(n: number, ms: number): string {
  return (n / ms / 1e3).toFixed(1);
}

/** Runs the batch log-density benchmarks and prints a Markdown table. */
export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const n = small ? 10_000 : 1_000_000;
  const repeats = small ? 5 : 7;
  const warmup = 2;
  console.log(`${n.toLocaleString('en-US')} observations per family, median of ${repeats} paired runs\n`);
  const rows: { c: Comparison; diff: number }[] = [];
  let seed = 1;
  for (const c of cases()) {
    const xs = c.draw(n, seed++);
    const diff = maxRelDiff(c.ours(xs), peerBatch(c.peer, xs));
    const cmp = compare(
      c.label,
      { name: 'infogeom', run: () => c.ours(xs) },
      { name: '@stdlib', run: () => peerBatch(c.peer, xs) },
      repeats,
      warmup,
    );
    rows.push({ c: cmp, diff });
  }
  console.log('| family | infogeom (M evals/s) | @stdlib (M evals/s) | speed-up | max rel diff |');
  console.log('|---|---|---|---|---|');
  for (const { c, diff } of rows) {
    const ours = c.medians['infogeom']!;
    const peer = c.medians['@stdlib']!;
    console.log(
      `| ${c.label} | ${throughput(n, ours)} | ${throughput(n, peer)} | ${c.speedup.toFixed(2)}× | ${diff.toExponential(1)} |`,
    );
  }
  // No standalone peer for von Mises: time ours alone.
  const vm = { mu: 2.5, kappa: 10 };
  const angles = Float64Array.from(vonMises.sample(vm, createRng(seed), n));
  const ms = time(() => vonMises.logProbBatch(vm, angles as unknown as readonly number[]), repeats, warmup);
  console.log(`| vonMises μ=2.5 κ=10 | ${throughput(n, ms)} | — (no standalone @stdlib package) | — | — |`);
  console.log('\n(speed-up = @stdlib time / infogeom time; > 1 means infogeom is faster)');
}
