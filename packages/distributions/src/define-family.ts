import { DenseMatrix, InvalidArgumentError, matmul } from '@infogeom/linalg';
import { expectation } from './expectation.js';
import type { Estimate, EstimateOptions, Family, FamilyConfig, MatrixEstimate } from './family.js';
import { finiteDifferenceScore } from './finite-difference-score.js';
import { fisherScoringFit } from './fisher-scoring-fit.js';
import { inSupport } from './observation-guard.js';
import type { Params } from './parameter.js';
import { createParameterSpace } from './parameter-space.js';
import type { Observation } from './support.js';

function outer(s: Float64Array): Float64Array {
  const p = s.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = s[i]! * s[j]!;
  return out;
}

/**
 * Turns a {@link FamilyConfig} into a complete {@link Family}: validation from the declared constraints,
 * and a generic fallback for every capability without a closed form — score by Richardson-extrapolated
 * finite differences; Fisher information, entropy and KL as exact expectations (summation over a
 * discrete support, double-exponential quadrature on an interval, trapezoid on the circle) or Monte
 * Carlo with standard errors on vector supports; maximum likelihood by Fisher scoring in unconstrained
 * coordinates. The result is a plain object; registering it is separate ({@link registerFamily}).
 */
export function defineFamily<P extends Params, X extends Observation>(
  config: FamilyConfig<P, X>,
): Family<P, X> {
  const space = createParameterSpace<P>(config.parameters);
  const validate = (params: P, argument = 'params'): void => {
    space.validate(params, argument);
    config.check?.(params, argument);
  };
  const target = (params: P) => {
    const m = config.mean(params);
    return {
      support: config.support(params),
      logProb: (x: X) => config.logProb(params, x),
      sample: config.sample.bind(null, params),
      ...(typeof m === 'number' ? { center: m } : {}),
    };
  };

  const score = (params: P, x: X): Float64Array =>
    config.score !== undefined
      ? config.score(params, x)
      : finiteDifferenceScore(space, config.logProb, params, x);

  const estimateFisher = (params: P, options: EstimateOptions = {}): MatrixEstimate => {
    validate(params);
    if (config.fisher !== undefined) {
      const value = config.fisher(params);
      return { value, standardError: new DenseMatrix(value.rows, value.cols), method: 'closed-form' };
    }
    const p = space.dimension(params);
    const e = expectation(target(params), (x) => outer(score(params, x)), options);
    const value = new DenseMatrix(p, p, e.value);
    // Symmetrise (quadrature and summation are symmetric up to rounding already).
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) value.data[i * p + j] = value.data[j * p + i]!;
    return { value, standardError: new DenseMatrix(p, p, e.standardError), method: e.method };
  };

  const estimateEntropy = (params: P, options: EstimateOptions = {}): Estimate => {
    validate(params);
    if (config.entropy !== undefined)
      return { value: config.entropy(params), standardError: 0, method: 'closed-form' };
    const e = expectation(target(params), (x) => [-config.logProb(params, x)], options);
    return { value: e.value[0]!, standardError: e.standardError[0]!, method: e.method };
  };

  const estimateKl = (p: P, q: P, options: EstimateOptions = {}): Estimate => {
    validate(p, 'p');
    validate(q, 'q');
    if (config.kl !== undefined) return { value: config.kl(p, q), standardError: 0, method: 'closed-form' };
    const e = expectation(target(p), (x) => [config.logProb(p, x) - config.logProb(q, x)], options);
    return { value: e.value[0]!, standardError: e.standardError[0]!, method: e.method };
  };

  /** A NaN result: invalid params throw their typed error; otherwise the family itself is at fault. */
  const diagnoseNaN = (params: P, method: string): never => {
    validate(params);
    throw new Error(
      `${config.name}.${method} returned NaN for valid parameters and an observation in the support`,
    );
  };

  const family: Family<P, X> = {
    name: config.name,
    description: config.description,
    config,
    space,
    examples: config.examples,
    exponentialFamily: config.exponentialFamily,
    closedForm: {
      score: config.score !== undefined,
      fisher: config.fisher !== undefined,
      kl: config.kl !== undefined,
      entropy: config.entropy !== undefined,
      fit: config.fit !== undefined,
    },
    validate,
    support: (params) => config.support(params),
    logProb: (params, x) => {
      if (!inSupport(config.support(params), x)) return Number.NEGATIVE_INFINITY;
      const v = config.logProb(params, x);
      if (Number.isNaN(v)) diagnoseNaN(params, 'logProb');
      return v;
    },
    logProbBatch: (params, xs) => {
      const support = config.support(params);
      let outside: number[] | undefined;
      for (let i = 0; i < xs.length; i++) if (!inSupport(support, xs[i]!, i)) (outside ??= []).push(i);
      const out =
        config.logProbBatch !== undefined
          ? config.logProbBatch(params, xs)
          : Float64Array.from(xs, (x) => config.logProb(params, x));
      if (outside !== undefined) for (const i of outside) out[i] = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i]!)) diagnoseNaN(params, 'logProbBatch');
      return out;
    },
    sample: (params, rng, n) => {
      validate(params);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('n', n, 'an integer ≥ 0');
      return config.sample(params, rng, n);
    },
    mean: (params) => config.mean(params),
    variance: (params) => config.variance(params),
    entropy: (params, options) => estimateEntropy(params, options).value,
    estimateEntropy,
    score: (params, x) => {
      if (!inSupport(config.support(params), x)) {
        throw new InvalidArgumentError(
          'x',
          x,
          'an observation in the support (the score is undefined outside it)',
        );
      }
      const s = score(params, x);
      for (const v of s) if (Number.isNaN(v)) diagnoseNaN(params, 'score');
      return s;
    },
    fisher: (params, options) => estimateFisher(params, options).value,
    estimateFisher,
    unconstrainedFisher: (params, options) => {
      const I = estimateFisher(params, options).value;
      const J = space.jacobian(space.toUnconstrained(params), params);
      return matmul(J.transpose(), matmul(I, J));
    },
    kl: (p, q, options) => estimateKl(p, q, options).value,
    estimateKl,
    fit: (data, options = {}) => {
      if (data.length === 0) throw new InvalidArgumentError('data.length', 0, 'at least one observation');
      if (options.weights !== undefined && options.weights.length !== data.length) {
        throw new InvalidArgumentError(
          'options.weights.length',
          options.weights.length,
          `data.length = ${data.length}`,
        );
      }
      if (config.fit !== undefined) return config.fit(data, options);
      return fisherScoringFit(family, data, options);
    },
  };
  return family;
}
