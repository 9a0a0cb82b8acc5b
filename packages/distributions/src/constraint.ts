/**
 * Constraints on a family's parameters, each with a smooth bijection between the constrained
 * coordinates θ and unconstrained coordinates η ∈ ℝ (the map optimisers and samplers work in).
 */

/** The constraint a parameter obeys (a tagged union on `kind`). */
export type Constraint = SimpleConstraint | IntervalConstraint | GreaterThanConstraint;

/** A constraint without bounds. */
export interface SimpleConstraint {
  /**
   * `real`, `positive` (log), `unitInterval` (logit), `circle` (an angle), `simplex` (additive log-ratio),
   * `spd` (log-Cholesky), `positiveInteger` and `nonNegativeInteger` (fixed hyperparameters only).
   */
  readonly kind:
    | 'real'
    | 'positive'
    | 'unitInterval'
    | 'circle'
    | 'simplex'
    | 'spd'
    | 'positiveInteger'
    | 'nonNegativeInteger';
}

/** A number in the open interval (lower, upper). */
export interface IntervalConstraint {
  /** Always `'interval'`. */
  readonly kind: 'interval';
  /** Lower bound (excluded). */
  readonly lower: number;
  /** Upper bound (excluded). */
  readonly upper: number;
}

/** A number > lower. */
export interface GreaterThanConstraint {
  /** Always `'greaterThan'`. */
  readonly kind: 'greaterThan';
  /** Lower bound (excluded). */
  readonly lower: number;
}

/** The constraint kinds. */
export type ConstraintKind = Constraint['kind'];

/** The ready-made constraints of {@link constraints}. */
export interface Constraints {
  /** Any real number. */
  readonly real: Constraint;
  /** A number > 0; unconstrained by log. */
  readonly positive: Constraint;
  /** A number in (0, 1); unconstrained by logit. */
  readonly unitInterval: Constraint;
  /** An angle, stored in (−π, π]; unconstrained coordinate is the angle itself. */
  readonly circle: Constraint;
  /** A probability vector (entries > 0 summing to 1); k − 1 coordinates, unconstrained by additive log-ratio. */
  readonly simplex: Constraint;
  /** A symmetric positive-definite matrix; d(d+1)/2 coordinates, unconstrained by log-Cholesky. */
  readonly spd: Constraint;
  /** An integer ≥ 1 (fixed hyperparameters such as trial counts). */
  readonly positiveInteger: Constraint;
  /** An integer ≥ 0. */
  readonly nonNegativeInteger: Constraint;
  /** A number in the open interval (lower, upper); unconstrained by a scaled logit. */
  interval(lower: number, upper: number): Constraint;
  /** A number > lower; unconstrained by log(θ − lower). */
  greaterThan(lower: number): Constraint;
}

/** Ready-made constraints. */
export const constraints: Constraints = {
  real: { kind: 'real' },
  positive: { kind: 'positive' },
  unitInterval: { kind: 'unitInterval' },
  circle: { kind: 'circle' },
  simplex: { kind: 'simplex' },
  spd: { kind: 'spd' },
  positiveInteger: { kind: 'positiveInteger' },
  nonNegativeInteger: { kind: 'nonNegativeInteger' },
  interval: (lower, upper) => ({ kind: 'interval', lower, upper }),
  greaterThan: (lower) => ({ kind: 'greaterThan', lower }),
};

/** Human-readable description of the values a constraint allows (used in error messages). */
export function describeConstraint(c: Constraint): string {
  switch (c.kind) {
    case 'real':
      return 'a finite real number';
    case 'positive':
      return 'a finite number > 0';
    case 'unitInterval':
      return 'a number in the open interval (0, 1)';
    case 'interval':
      return `a number in the open interval (${c.lower}, ${c.upper})`;
    case 'greaterThan':
      return `a finite number > ${c.lower}`;
    case 'circle':
      return 'a finite angle in radians';
    case 'simplex':
      return 'a probability vector (entries > 0 summing to 1)';
    case 'spd':
      return 'a symmetric positive-definite matrix';
    case 'positiveInteger':
      return 'an integer ≥ 1';
    case 'nonNegativeInteger':
      return 'an integer ≥ 0';
  }
}

/** `true` when the scalar `v` satisfies a scalar constraint (vector and matrix kinds return false). */
export function satisfiesScalar(c: Constraint, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  switch (c.kind) {
    case 'real':
    case 'circle':
      return true;
    case 'positive':
      return v > 0;
    case 'unitInterval':
      return v > 0 && v < 1;
    case 'interval':
      return v > c.lower && v < c.upper;
    case 'greaterThan':
      return v > c.lower;
    case 'positiveInteger':
      return Number.isInteger(v) && v >= 1;
    case 'nonNegativeInteger':
      return Number.isInteger(v) && v >= 0;
    default:
      return false;
  }
}

const LOG_TINY = Math.log(Number.MIN_VALUE);

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Wraps an angle into (−π, π]. */
export function wrapAngle(a: number): number {
  const twoPi = 2 * Math.PI;
  let r = a - twoPi * Math.floor((a + Math.PI) / twoPi);
  if (r <= -Math.PI) r += twoPi;
  return r;
}

/**
 * Scalar bijection of a scalar constraint: `forward(η) = θ`, `inverse(θ) = η`, `dForward(η) = dθ/dη`
 * and `logDet(η) = log|dθ/dη|`.
 */
export interface ScalarBijection {
  /** θ = f(η). */
  forward(eta: number): number;
  /** η = f⁻¹(θ). */
  inverse(theta: number): number;
  /** dθ/dη at η. */
  dForward(eta: number): number;
  /** log|dθ/dη| at η, computed stably. */
  logDet(eta: number): number;
}

const identity: ScalarBijection = {
  forward: (e) => e,
  inverse: (t) => t,
  dForward: () => 1,
  logDet: () => 0,
};

/** The scalar bijection for a scalar constraint kind. */
export function scalarBijection(c: Constraint): ScalarBijection {
  switch (c.kind) {
    case 'real':
      return identity;
    case 'circle':
      return { ...identity, forward: wrapAngle, inverse: wrapAngle };
    case 'positive':
      return { forward: Math.exp, inverse: Math.log, dForward: Math.exp, logDet: (e) => e };
    case 'greaterThan': {
      const a = c.lower;
      return {
        forward: (e) => a + Math.exp(e),
        inverse: (t) => Math.log(t - a),
        dForward: Math.exp,
        logDet: (e) => e,
      };
    }
    case 'unitInterval':
    case 'interval': {
      const a = c.kind === 'interval' ? c.lower : 0;
      const w = c.kind === 'interval' ? c.upper - c.lower : 1;
      const logW = Math.log(w);
      return {
        forward: (e) => a + w * sigmoid(e),
        inverse: (t) => {
          const u = (t - a) / w;
          return Math.log(u) - Math.log1p(-u);
        },
        dForward: (e) => {
          const s = sigmoid(e);
          return w * s * (1 - s);
        },
        // log σ(η) + log σ(−η) = −softplus(−η) − softplus(η)
        logDet: (e) => {
          const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
          return Math.max(logW - softplus(-e) - softplus(e), LOG_TINY);
        },
      };
    }
    default:
      throw new TypeError(`constraint ${c.kind} has no scalar bijection`);
  }
}
