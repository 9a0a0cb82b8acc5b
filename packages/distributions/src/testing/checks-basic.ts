import { InfogeomError } from '@infogeom/linalg';
import type { Params } from '../parameter.js';
import type { Observation } from '../support.js';
import { asArray, ConformanceError, expectClose } from './compare.js';
import { type CheckContext, expectationTolerance } from './context.js';
import { invalidVariants } from './invalid-params.js';

/** The example parameters validate, and logProb and sample give finite values. */
export function checkValid<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  c.family.validate(c.params);
  const xs = c.family.sample(c.params, c.rng(), 20);
  for (const x of xs) {
    const lp = c.family.logProb(c.params, x);
    if (!Number.isFinite(lp)) throw new ConformanceError(`logProb of a sample ${String(x)} is ${lp}`);
  }
  const batch = c.family.logProbBatch(c.params, xs);
  expectClose(
    'logProbBatch vs logProb',
    batch,
    Float64Array.from(xs, (x) => c.family.logProb(c.params, x)),
    1e-12,
    1e-12,
  );
}

/** Parameters outside their constraints (and the family's invalidExamples) throw a typed InfogeomError. */
export function checkInvalid<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const bad = [
    ...invalidVariants(c.family.space.specs, c.params),
    ...(c.family.config.invalidExamples ?? []),
  ];
  for (const params of bad) {
    let threw: unknown;
    try {
      c.family.validate(params as P);
    } catch (e) {
      threw = e;
    }
    if (!(threw instanceof InfogeomError)) {
      throw new ConformanceError(
        `validate accepted invalid params ${describe(params)} (or threw an untyped error: ${String(threw)})`,
      );
    }
    for (const call of [() => c.family.sample(params as P, c.rng(), 1), () => c.family.fisher(params as P)]) {
      try {
        call();
      } catch (e) {
        if (e instanceof InfogeomError) continue;
        throw new ConformanceError(`invalid params ${describe(params)} threw an untyped error: ${String(e)}`);
      }
      throw new ConformanceError(`sample/fisher accepted invalid params ${describe(params)}`);
    }
  }
}

function describe(p: Params): string {
  return JSON.stringify(p, (_k, v) =>
    v instanceof Float64Array ? Array.from(v) : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
  );
}

/** The density integrates (or the mass function sums) to 1 over the support. */
export function checkNormalised<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const e = c.expect(() => [1]);
  if (e.method === 'monte-carlo') return; // vector supports: normalisation is not checkable by sampling from p
  expectClose('∫ p(x) dx', e.value, [1], 1e-8, 1e-10);
}

/** Sample mean and variance agree with mean() and variance() within 5 standard errors. */
export function checkSampleMoments<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const n = c.samples;
  const xs = c.family.sample(c.params, c.rng(), n);
  if (c.family.support(c.params).kind === 'circle') {
    let s = 0;
    let co = 0;
    for (const x of xs as number[]) {
      s += Math.sin(x);
      co += Math.cos(x);
    }
    const R = Math.hypot(s, co) / n;
    const mu = Math.atan2(s, co);
    const d = Math.atan2(
      Math.sin(mu - (c.family.mean(c.params) as number)),
      Math.cos(mu - (c.family.mean(c.params) as number)),
    );
    const v = c.family.variance(c.params) as number;
    if (Math.abs(d) > 6 / Math.sqrt(n * Math.max(1 - v, 1e-3)) + 1e-3)
      throw new ConformanceError(`circular mean ${mu} vs mean() ${c.family.mean(c.params)}`);
    expectClose('circular variance 1 − R̄', [1 - R], [v], 0, 6 / Math.sqrt(n));
    return;
  }
  const rows = xs.map((x) => asArray(x));
  const d = rows[0]!.length;
  const mean = new Float64Array(d);
  for (const r of rows) for (let i = 0; i < d; i++) mean[i]! += r[i]! / n;
  const m2 = new Float64Array(d);
  const m4 = new Float64Array(d);
  for (const r of rows)
    for (let i = 0; i < d; i++) {
      const z = r[i]! - mean[i]!;
      m2[i]! += (z * z) / n;
      m4[i]! += (z * z * z * z) / n;
    }
  const expMean = asArray(c.family.mean(c.params));
  const expVar = asArray(c.family.variance(c.params));
  expectClose(
    'sample mean',
    mean,
    expMean,
    0,
    Float64Array.from(expVar, (v) => 5 * Math.sqrt(v / n) + 1e-12),
  );
  expectClose(
    'sample variance',
    m2,
    expVar,
    0,
    Float64Array.from(m4, (q, i) => 6 * Math.sqrt(Math.max(q - m2[i]! * m2[i]!, 0) / n) + 1e-12),
  );
}

/** entropy() equals −E[log p(x)]. */
export function checkEntropy<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  if (!c.family.closedForm.entropy) return; // the fallback is that expectation itself
  const e = c.expect((x) => [-c.family.logProb(c.params, x)]);
  expectClose(
    'entropy vs −E[log p]',
    [c.family.entropy(c.params)],
    e.value,
    0,
    expectationTolerance(e, 1e-8 * (1 + Math.abs(e.value[0]!))),
  );
}

/** Observations outside the support have logProb −∞ (also in a batch); NaN observations throw a typed error. */
export function checkOutsideSupport<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const f = c.family;
  const s = f.support(c.params);
  const outside: number[] = [];
  if (s.kind === 'discrete') {
    if (Number.isFinite(s.lower)) outside.push(s.lower - 1, s.lower - 0.5);
    outside.push(s.lower + 0.5);
    if (Number.isFinite(s.upper)) outside.push(s.upper + 1);
  } else if (s.kind === 'continuous') {
    if (Number.isFinite(s.lower)) outside.push(s.lower - 1, s.lower - 1e-9 * Math.max(1, Math.abs(s.lower)));
    if (Number.isFinite(s.upper)) outside.push(s.upper + 1);
    outside.push(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  }
  for (const x of outside) {
    const lp = f.logProb(c.params, x as X);
    if (lp !== Number.NEGATIVE_INFINITY)
      throw new ConformanceError(`logProb at ${x}, outside the support, is ${lp}, expected −Infinity`);
  }
  if (outside.length > 0) {
    const inside = f.sample(c.params, c.rng(), 2) as number[];
    const batch = f.logProbBatch(c.params, [inside[0]!, ...outside, inside[1]!] as X[]);
    for (let i = 1; i <= outside.length; i++) {
      if (batch[i] !== Number.NEGATIVE_INFINITY)
        throw new ConformanceError(`logProbBatch at ${outside[i - 1]} is ${batch[i]}, expected −Infinity`);
    }
    if (!Number.isFinite(batch[0]!))
      throw new ConformanceError(`logProbBatch of an in-support sample is ${batch[0]}`);
  }
  const nan = (s.kind === 'vector' ? new Float64Array(s.dimension).fill(Number.NaN) : Number.NaN) as X;
  for (const call of [() => f.logProb(c.params, nan), () => f.logProbBatch(c.params, [nan])]) {
    let threw: unknown;
    try {
      call();
    } catch (e) {
      threw = e;
    }
    if (!(threw instanceof InfogeomError))
      throw new ConformanceError(`a NaN observation did not throw a typed error (got ${String(threw)})`);
  }
}
