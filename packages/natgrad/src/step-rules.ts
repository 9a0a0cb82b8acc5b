/** A fixed step: the update is `size` times the natural-gradient direction (plus momentum). */
export interface FixedStepRule {
  /** Discriminant. */
  kind: 'fixed';
  /** Step size α (default 1: the Gauss–Newton / Fisher-scoring step). */
  size?: number;
}

/** Armijo backtracking: shrink the update until L(w + U) ≤ L(w) + c·∇Lᵀ U. */
export interface ArmijoStepRule {
  /** Discriminant. */
  kind: 'armijo';
  /** First trial step size (default 1). */
  size?: number;
  /** Factor applied per backtrack, in (0, 1) (default 0.5). */
  shrink?: number;
  /** Sufficient-decrease constant c in (0, 1) (default 1e-4). */
  c?: number;
  /** Backtracks before the step is rejected (default 40). */
  maxBacktracks?: number;
}

/**
 * KL trust region (KFAC's "KL clipping"): the update U is scaled down so that ½ UᵀFU ≤ `radius`, the
 * second-order KL divergence between the model before and after the step.
 */
export interface KlTrustRegionStepRule {
  /** Discriminant. */
  kind: 'kl-trust-region';
  /** δ > 0, the largest allowed ½ UᵀFU (in nats, per the loss normalisation). */
  radius: number;
  /** Step size before clipping (default 1). */
  size?: number;
}

/** How the length of a step is chosen. */
export type StepRule = FixedStepRule | ArmijoStepRule | KlTrustRegionStepRule;

/**
 * Levenberg–Marquardt adaptive damping (Martens 2010; Martens & Grosse 2015 §6.5; KFAC-JAX): after a step
 * with reduction ratio ρ = (L(w+U) − L(w)) / (∇LᵀU + ½UᵀFU), λ ← ω·λ when ρ > `upper`, λ ← λ/ω when
 * ρ < `lower` (every `interval` steps, using the last step's ρ).
 */
export interface LevenbergMarquardtDamping {
  /** Discriminant. */
  kind: 'levenberg-marquardt';
  /** Starting λ (default 1e-3). */
  initial?: number;
  /** Decay factor ω in (0, 1) (default 2/3; KFAC-JAX uses 0.9⁵ ≈ 0.59 every 5 steps). */
  decay?: number;
  /** Adapt every this many steps (default 1). */
  interval?: number;
  /** ρ below which λ grows (default 0.25). */
  lower?: number;
  /** ρ above which λ shrinks (default 0.75). */
  upper?: number;
  /** Smallest λ (default 1e-12). */
  min?: number;
  /** Largest λ (default 1e10). */
  max?: number;
  /** Reject (undo) a step that increases the loss (default true). */
  rejectIncrease?: boolean;
}

/** Damping λ of (F + λI)⁻¹g: a fixed number ≥ 0 or Levenberg–Marquardt adaptation. */
export type DampingRule = number | LevenbergMarquardtDamping;

/** Heavy-ball momentum: U = α·d + β·U_prev. */
export interface HeavyBallMomentum {
  /** Discriminant. */
  kind: 'heavy-ball';
  /** β in [0, 1) (default 0.9). */
  beta?: number;
}

/**
 * KFAC-JAX's quadratic-model-optimal step and momentum (Martens & Grosse 2015 §7): (α, μ) minimise the
 * damped quadratic model M(αd + μU_prev) = ∇Lᵀ U + ½ Uᵀ(F + λI)U, a 2×2 solve per step.
 */
export interface QuadraticModelMomentum {
  /** Discriminant. */
  kind: 'quadratic-model';
}

/** Momentum: none, heavy-ball, or the quadratic-model-optimal (α, μ). */
export type MomentumRule = HeavyBallMomentum | QuadraticModelMomentum;
