import type { FisherOperator } from '@infogeom/fisher';
import { dot, InvalidArgumentError, NonFiniteError, norm2 } from '@infogeom/linalg';
import { checkRange } from './check-range.js';
import type { SteppableOptimizer, StepRecord } from './optimizer.js';
import { type PreconditionerChoice, resolvePreconditioner } from './preconditioners/registry.js';
import { quadraticModelCoefficients } from './quadratic-model-coefficients.js';
import type { DampingRule, MomentumRule, StepRule } from './step-rules.js';
import { makeSteppable, type SteppableCore } from './steppable.js';

/** A differentiable objective with a Fisher operator: what {@link naturalGradient} minimises. */
export interface NaturalGradientProblem {
  /** The loss L(w) (e.g. a mean negative log-likelihood). */
  loss(w: Float64Array): number;
  /** ∇L(w). */
  gradient(w: Float64Array): Float64Array;
  /** The Fisher operator (or any PSD curvature, e.g. a GGN) at w, from @infogeom/fisher. */
  fisher(w: Float64Array): FisherOperator;
}

/** Options of {@link naturalGradient}. */
export interface NaturalGradientOptions {
  /** Starting parameters w₀ (copied). */
  init: ArrayLike<number>;
  /** How a gradient becomes a natural gradient (default `'operator'`: the Fisher operator's own damped solve). */
  preconditioner?: PreconditionerChoice;
  /** Damping λ: a number (default 0) or Levenberg–Marquardt adaptation. */
  damping?: DampingRule;
  /** Step length rule (default `{ kind: 'fixed', size: 1 }`). */
  stepRule?: StepRule;
  /** Momentum (default none). */
  momentum?: MomentumRule;
}

/** The record of one natural-gradient step. */
export interface NaturalGradientStepRecord extends StepRecord {
  /** √(gᵀ(F̃ + λI)⁻¹g) at the iterate before the step. */
  readonly naturalGradientNorm: number;
  /** ½ UᵀFU of the update U: the second-order KL divergence of the step. */
  readonly kl: number;
  /** Iterations of an iterative preconditioner (CG) for this step; 0 for direct ones. */
  readonly preconditionerIterations: number;
}

/** A natural-gradient optimiser: steppable, with the current parameters and damping exposed. */
export interface NaturalGradientOptimizer extends SteppableOptimizer<NaturalGradientStepRecord> {
  /** A copy of the current parameters. */
  readonly parameters: Float64Array;
  /** The current damping λ. */
  readonly damping: number;
}

function finite(argument: string, x: number | Float64Array): void {
  const bad = typeof x === 'number' ? !Number.isFinite(x) : x.some((v) => !Number.isFinite(v));
  if (bad)
    throw new NonFiniteError(argument, typeof x === 'number' ? x : 'a vector with NaN/±∞', 'finite values');
}

const axpy = (a: number, x: Float64Array, b: number, y: Float64Array | undefined): Float64Array =>
  Float64Array.from(x, (v, i) => a * v + (y === undefined ? 0 : b * y[i]!));

/**
 * Natural-gradient descent w ← w + U with U = α·d (+ momentum), d = −(F̃ + λI)⁻¹∇L(w), for any objective
 * with a Fisher operator (dense, diagonal, K-FAC, low-rank or implicit from @infogeom/fisher).
 *
 * - Preconditioners are plugins ({@link PreconditionerRegistry}): `'operator'`, `'dense'`, `'diagonal'`,
 *   `'kfac'`, `'cg'`, or your own config.
 * - Damping λ fixed, or Levenberg–Marquardt: ρ = actual / predicted reduction under the quadratic model
 *   ∇LᵀU + ½UᵀFU; λ·ω when ρ > 0.75, λ/ω when ρ < 0.25 (KFAC-JAX's rule); a step that raises the loss
 *   is undone.
 * - Step rules: fixed, Armijo backtracking, KL trust region (½UᵀFU ≤ δ).
 * - Momentum: heavy-ball, or KFAC-JAX's quadratic-model-optimal (α, μ).
 *
 * A non-finite loss or gradient (at the start, or at a trial point outside an Armijo search) throws a
 * `NonFiniteError` naming the step (`'loss at step 7'`); the parameters stay at their last finite value.
 *
 * @example
 * ```ts
 * import { denseFisher } from '@infogeom/fisher';
 * import { naturalGradient } from '@infogeom/natgrad';
 *
 * // an ill-conditioned quadratic whose Hessian is the Fisher: one natural step is Newton's
 * const F = denseFisher([[2, 0], [0, 50]]);
 * const opt = naturalGradient(
 *   {
 *     loss: (w) => w[0]! ** 2 + 25 * w[1]! ** 2,
 *     gradient: (w) => Float64Array.of(2 * w[0]!, 50 * w[1]!),
 *     fisher: () => F,
 *   },
 *   { init: [1, 1] },
 * );
 * const result = opt.run();
 * console.log(result.converged, result.iterations, Array.from(opt.parameters));
 * ```
 *
 * ```txt [output]
 * true 1 [ 0, 0 ]
 * ```
 */
export function naturalGradient(
  problem: NaturalGradientProblem,
  options: NaturalGradientOptions,
): NaturalGradientOptimizer {
  const { config, options: pOptions } = resolvePreconditioner(options.preconditioner);
  const rule: StepRule = options.stepRule ?? { kind: 'fixed' };
  const size = checkRange('options.stepRule.size', rule.size ?? 1, 0, Number.MAX_VALUE, true);
  const dampingRule = options.damping ?? 0;
  const lm = typeof dampingRule === 'number' ? undefined : dampingRule;
  let lambda =
    lm === undefined
      ? checkRange('options.damping', dampingRule as number, 0, Number.MAX_VALUE)
      : checkRange('options.damping.initial', lm.initial ?? 1e-3, 0, Number.MAX_VALUE);
  const omega = lm === undefined ? 1 : checkRange('options.damping.decay', lm.decay ?? 2 / 3, 0, 1, true);
  const interval = lm?.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1)
    throw new InvalidArgumentError('options.damping.interval', interval, 'an integer ≥ 1');
  const momentum = options.momentum;
  const beta =
    momentum?.kind === 'heavy-ball' ? checkRange('options.momentum.beta', momentum.beta ?? 0.9, 0, 1) : 0;
  const shrink =
    rule.kind === 'armijo' ? checkRange('options.stepRule.shrink', rule.shrink ?? 0.5, 0, 1, true) : 0.5;
  const c = rule.kind === 'armijo' ? checkRange('options.stepRule.c', rule.c ?? 1e-4, 0, 1, true) : 1e-4;
  const maxBacktracks = rule.kind === 'armijo' ? (rule.maxBacktracks ?? 40) : 0;
  if (!Number.isInteger(maxBacktracks) || maxBacktracks < 0)
    throw new InvalidArgumentError('options.stepRule.maxBacktracks', maxBacktracks, 'an integer ≥ 0');
  if (rule.kind === 'kl-trust-region')
    checkRange('options.stepRule.radius', rule.radius, 0, Number.MAX_VALUE, true);

  let w: Float64Array = Float64Array.from(options.init);
  let loss = problem.loss(w);
  finite('loss at step 0', loss);
  let grad: Float64Array = problem.gradient(w);
  finite('gradient at step 0', grad);
  if (grad.length !== w.length)
    throw new InvalidArgumentError('gradient length', grad.length, `${w.length} (the length of init)`);
  let gradientNorm = norm2(grad);
  let iteration = 0;
  let prevUpdate: Float64Array | undefined;
  let fisher: FisherOperator | undefined;
  let lastDirection: Float64Array | undefined;

  const step = (): NaturalGradientStepRecord => {
    const k = iteration + 1;
    const usedDamping = lambda;
    fisher ??= problem.fisher(w);
    const F = fisher;
    const prepared = config.prepare(F, pOptions);
    const nat = prepared.solve(grad, lambda, lastDirection);
    finite(`natural gradient at step ${k}`, nat);
    lastDirection = nat;
    const d = axpy(-1, nat, 0, undefined);
    const gd = dot(grad, d);
    const naturalGradientNorm = Math.sqrt(Math.max(-gd, 0));
    let scaleOnD = size;
    let mu = prevUpdate === undefined ? 0 : beta;
    if (momentum?.kind === 'quadratic-model')
      ({ alpha: scaleOnD, mu } = quadraticModelCoefficients(grad, d, prevUpdate, F, lambda, size));
    let U = axpy(scaleOnD, d, mu, prevUpdate);
    let uFu = dot(U, F.mv(U));
    if (rule.kind === 'kl-trust-region' && 0.5 * uFu > rule.radius) {
      const s = Math.sqrt((2 * rule.radius) / uFu);
      U = axpy(s, U, 0, undefined);
      uFu *= s * s;
      scaleOnD *= s;
      mu *= s;
    }
    let trialLoss: number;
    let trial: Float64Array;
    let accepted = true;
    if (rule.kind === 'armijo') {
      if (dot(grad, U) >= 0) {
        // Momentum made U an ascent direction: restart from the plain natural gradient.
        U = axpy(size, d, 0, undefined);
        uFu = dot(U, F.mv(U));
        scaleOnD = size;
        mu = 0;
      }
      const slope = dot(grad, U);
      let s = 1;
      trial = axpy(1, w, 1, U);
      trialLoss = problem.loss(trial);
      let b = 0;
      while (!(trialLoss <= loss + c * s * slope) && b < maxBacktracks) {
        s *= shrink;
        b++;
        trial = Float64Array.from(w, (v, i) => v + s * U[i]!);
        trialLoss = problem.loss(trial);
      }
      if (!(trialLoss <= loss + c * s * slope)) accepted = false;
      U = axpy(s, U, 0, undefined);
      uFu *= s * s;
      scaleOnD *= s;
      mu *= s;
    } else {
      trial = axpy(1, w, 1, U);
      trialLoss = problem.loss(trial);
      finite(`loss at step ${k}`, trialLoss);
    }
    const predicted = dot(grad, U) + 0.5 * uFu;
    const actual = trialLoss - loss;
    const rho = predicted !== 0 ? actual / predicted : 1;
    if (lm !== undefined && (lm.rejectIncrease ?? true) && !(actual <= 0)) accepted = false;
    if (lm !== undefined && k % interval === 0) {
      const lower = lm.lower ?? 0.25;
      const upper = lm.upper ?? 0.75;
      if (!accepted || rho < lower) lambda = Math.min(lambda / omega, lm.max ?? 1e10);
      else if (rho > upper) lambda = Math.max(lambda * omega, lm.min ?? 1e-12);
    }
    if (accepted) {
      const g = problem.gradient(trial);
      finite(`gradient at step ${k}`, g);
      w = trial;
      loss = trialLoss;
      grad = g;
      gradientNorm = norm2(g);
      prevUpdate = U;
      fisher = undefined;
    }
    iteration = k;
    return {
      iteration: k,
      loss,
      gradientNorm,
      stepSize: accepted ? scaleOnD : 0,
      damping: usedDamping,
      accepted,
      reductionRatio: rho,
      ...(momentum !== undefined ? { momentum: accepted ? mu : 0 } : {}),
      naturalGradientNorm,
      kl: 0.5 * uFu,
      preconditionerIterations: prepared.lastIterations,
    };
  };

  const opt = makeSteppable<NaturalGradientStepRecord, SteppableCore<NaturalGradientStepRecord>>({
    get iteration() {
      return iteration;
    },
    get loss() {
      return loss;
    },
    get gradientNorm() {
      return gradientNorm;
    },
    done: false,
    step,
  });
  return Object.defineProperties(opt, {
    parameters: { get: () => w.slice(), enumerable: true },
    damping: { get: () => lambda, enumerable: true },
  }) as NaturalGradientOptimizer;
}
