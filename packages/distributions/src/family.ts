import type { DenseMatrix, Rng } from '@infogeom/linalg';
import type { ExponentialFamilyStructure } from './exponential-family.js';
import type { ParamSpec, Params } from './parameter.js';
import type { ParameterSpace } from './parameter-space.js';
import type { Moment, Observation, Support } from './support.js';

/** A Monte Carlo (or exact) estimate with its standard error (0 when exact). */
export interface Estimate {
  /** The estimate. */
  value: number;
  /** Its standard error (0 for closed forms, summation and quadrature). */
  standardError: number;
  /** How it was obtained. */
  method: 'closed-form' | 'summation' | 'quadrature' | 'monte-carlo';
}

/** A matrix estimate (Fisher information) with entry-wise standard errors. */
export interface MatrixEstimate {
  /** The estimate. */
  value: DenseMatrix;
  /** Entry-wise standard errors (zeros when exact). */
  standardError: DenseMatrix;
  /** How it was obtained. */
  method: 'closed-form' | 'summation' | 'quadrature' | 'monte-carlo';
}

/** Options for estimates that may fall back to Monte Carlo. */
export interface EstimateOptions {
  /** The generator for Monte Carlo fallbacks (default: a generator seeded with 0, so results are reproducible). */
  rng?: Rng;
  /** Number of Monte Carlo samples (default 20,000). */
  samples?: number;
}

/** Options for maximum-likelihood fitting. */
export interface FitOptions<P extends Params> {
  /** Starting point (iterative fits); also supplies fixed hyperparameters such as a trial count. */
  init?: P;
  /** Fixed hyperparameters (e.g. `{ n: 10 }` for a binomial) when no `init` is given. */
  fixed?: Partial<P>;
  /** Observation weights (default all 1). */
  weights?: ArrayLike<number>;
  /** Convergence tolerance on the scaled gradient (default 1e-10). */
  tol?: number;
  /** Iteration cap (default 200). */
  maxIterations?: number;
}

/** Result of a maximum-likelihood fit. */
export interface FitResult<P extends Params> {
  /** The estimate. */
  params: P;
  /** Log-likelihood at the estimate (weighted sum). */
  logLikelihood: number;
  /** Iterations used (0 for closed forms). */
  iterations: number;
  /** Whether the fit met its tolerance (always true for closed forms). */
  converged: boolean;
  /** Final norm of the gradient of the mean log-likelihood in unconstrained coordinates. */
  gradientNorm: number;
}

/**
 * What a family plugin supplies: a plain config object. Only the parameter declarations, support,
 * logProb and sample are required; every other capability has a generic fallback in {@link Family}.
 */
export interface FamilyConfig<P extends Params, X extends Observation> {
  /** Registry name (an identifier, e.g. `'vonMises'`). */
  readonly name: string;
  /** One-line description including the parameterisation conventions. */
  readonly description: string;
  /** Parameter declarations in coordinate order. */
  readonly parameters: readonly ParamSpec[];
  /** Valid parameter points, used by the conformance kit, docs and as a default fit start. */
  readonly examples: readonly P[];
  /** Invalid parameter points that must be rejected (beyond the declared constraints, which are checked automatically). */
  readonly invalidExamples?: readonly Params[];
  /** Support of the observations at `params`. */
  support(params: P): Support;
  /** Extra validation beyond the declared constraints (e.g. matching lengths); throw InvalidArgumentError. */
  check?(params: P, argument: string): void;
  /** log p(x | params); −∞ outside the support. */
  logProb(params: P, x: X): number;
  /** Vectorised logProb over a batch. */
  logProbBatch?(params: P, xs: readonly X[]): Float64Array;
  /** n independent draws. */
  sample(params: P, rng: Rng, n: number): X[];
  /** E[x] (per coordinate for vectors; the mean direction for circular families). */
  mean(params: P): Moment;
  /** Var[x] (per coordinate; 1 − mean resultant length for circular families). */
  variance(params: P): Moment;
  /** Closed-form differential (or Shannon) entropy in nats. */
  entropy?(params: P): number;
  /** Closed-form score ∇_θ log p(x | θ) in the family's coordinates θ. */
  score?(params: P, x: X): Float64Array;
  /** Closed-form Fisher information in the family's coordinates θ. */
  fisher?(params: P): DenseMatrix;
  /** Closed-form KL(p ‖ q). */
  kl?(p: P, q: P): number;
  /** Closed-form (or family-specific iterative) maximum-likelihood fit. */
  fit?(data: readonly X[], options: FitOptions<P>): FitResult<P>;
  /** A moment-based starting point for the generic iterative fit. */
  initialGuess?(data: readonly X[], base: P): P;
  /** Exponential-family structure, when the family is one (with its fixed hyperparameters). */
  readonly exponentialFamily?: ExponentialFamilyStructure<P, X>;
}

/** Which capabilities of a {@link Family} are closed-form (the rest use generic fallbacks). */
export interface ClosedForms {
  /** Score has a closed form (else finite differences). */
  readonly score: boolean;
  /** Fisher information has a closed form (else summation over a discrete support, else Monte Carlo). */
  readonly fisher: boolean;
  /** KL has a closed form. */
  readonly kl: boolean;
  /** Entropy has a closed form. */
  readonly entropy: boolean;
  /** The MLE is family-specific (else Fisher scoring in unconstrained coordinates). */
  readonly fit: boolean;
}

/**
 * A complete family: its config plus every capability, closed-form where the config supplies one and a
 * generic fallback otherwise. Built by {@link defineFamily}; what `family(name)` returns.
 */
export interface Family<P extends Params, X extends Observation> {
  /** Registry name. */
  readonly name: string;
  /** One-line description including conventions. */
  readonly description: string;
  /** The config the family was built from. */
  readonly config: FamilyConfig<P, X>;
  /** Coordinates θ, unconstrained coordinates η and their Jacobian. */
  readonly space: ParameterSpace<P>;
  /** Which capabilities are closed-form. */
  readonly closedForm: ClosedForms;
  /** Valid example parameter points. */
  readonly examples: readonly P[];
  /** Throws InvalidArgumentError naming the parameter unless `params` is valid. */
  validate(params: P, argument?: string): void;
  /** Support at `params`. */
  support(params: P): Support;
  /** log p(x | params). */
  logProb(params: P, x: X): number;
  /** logProb over a batch. */
  logProbBatch(params: P, xs: readonly X[]): Float64Array;
  /** n draws from `rng`. */
  sample(params: P, rng: Rng, n: number): X[];
  /** E[x]. */
  mean(params: P): Moment;
  /** Var[x]. */
  variance(params: P): Moment;
  /** Entropy in nats (closed form, exact summation, or Monte Carlo with `options`). */
  entropy(params: P, options?: EstimateOptions): number;
  /** Entropy with its standard error and method. */
  estimateEntropy(params: P, options?: EstimateOptions): Estimate;
  /** Score ∇_θ log p(x | θ) in the family's coordinates. */
  score(params: P, x: X): Float64Array;
  /** Fisher information in the family's coordinates θ. */
  fisher(params: P, options?: EstimateOptions): DenseMatrix;
  /** Fisher information with entry-wise standard errors and method. */
  estimateFisher(params: P, options?: EstimateOptions): MatrixEstimate;
  /** Fisher information in unconstrained coordinates η: Jᵀ I(θ) J with J = ∂θ/∂η. */
  unconstrainedFisher(params: P, options?: EstimateOptions): DenseMatrix;
  /** KL(p ‖ q) in nats. */
  kl(p: P, q: P, options?: EstimateOptions): number;
  /** KL(p ‖ q) with its standard error and method. */
  estimateKl(p: P, q: P, options?: EstimateOptions): Estimate;
  /** Maximum-likelihood estimate from data. */
  fit(data: readonly X[], options?: FitOptions<P>): FitResult<P>;
  /** Exponential-family structure, when the family is one. */
  readonly exponentialFamily: ExponentialFamilyStructure<P, X> | undefined;
}

/** The params type of a family. */
export type ParamsOf<F> =
  F extends Family<infer P, Observation> ? P : F extends FamilyConfig<infer P, Observation> ? P : never;

/** The observation type of a family. */
export type ObservationOf<F> =
  F extends Family<Params, infer X> ? X : F extends FamilyConfig<Params, infer X> ? X : never;
