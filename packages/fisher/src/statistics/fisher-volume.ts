import type { Family, Observation, Params } from '@infogeom/distributions';
import { createRng, DimensionMismatchError, InvalidArgumentError, type Rng, slogdet } from '@infogeom/linalg';
import { tanhSinh } from './tanh-sinh.js';

/** A bounded box in the family's coordinates θ. */
export interface CoordinateBox {
  /** Lower corner (finite, one entry per coordinate). */
  readonly lower: ArrayLike<number>;
  /** Upper corner (finite, > lower entry-wise). */
  readonly upper: ArrayLike<number>;
}

/** Options of {@link fisherVolume}. */
export interface FisherVolumeOptions {
  /** `'quadrature'` (iterated adaptive tanh-sinh, default for k ≤ 3) or `'monte-carlo'` (default above). */
  method?: 'quadrature' | 'monte-carlo';
  /** Relative tolerance of each one-dimensional quadrature (default 1e-10; 1e-6 for k = 3). */
  tol?: number;
  /** Generator for Monte Carlo (default: seeded with 0, so results are reproducible). */
  rng?: Rng;
  /** Uniform points for Monte Carlo (default 20,000). */
  samples?: number;
}

/** The Riemannian volume ∫ √det I(θ) dθ of a box, with its accuracy. */
export interface FisherVolume {
  /** The integral. */
  readonly value: number;
  /** Standard error (Monte Carlo) or the quadrature's error estimate. */
  readonly standardError: number;
  /** How it was computed. */
  readonly method: 'quadrature' | 'monte-carlo';
  /** Evaluations of the Fisher information. */
  readonly evaluations: number;
  /**
   * Whether the integral is trustworthy: the last two levels of every one-dimensional quadrature agree to 1e-6 relative
   * (false for a divergent integral, e.g. a normal box reaching σ = 0); always true for Monte Carlo.
   */
  readonly converged: boolean;
}

/** Validates a box against k coordinates and returns its corners. */
export function checkBox(box: CoordinateBox, k: number, argument = 'region'): [Float64Array, Float64Array] {
  if (box.lower.length !== k)
    throw new DimensionMismatchError(`${argument}.lower.length`, box.lower.length, `${k}`);
  if (box.upper.length !== k)
    throw new DimensionMismatchError(`${argument}.upper.length`, box.upper.length, `${k}`);
  const lo = Float64Array.from(box.lower);
  const hi = Float64Array.from(box.upper);
  for (let i = 0; i < k; i++) {
    if (!Number.isFinite(lo[i]!))
      throw new InvalidArgumentError(`${argument}.lower[${i}]`, lo[i], 'a finite bound');
    if (!(hi[i]! > lo[i]!) || !Number.isFinite(hi[i]!))
      throw new InvalidArgumentError(`${argument}.upper[${i}]`, hi[i], `a finite bound > ${lo[i]}`);
  }
  return [lo, hi];
}

/**
 * The Fisher–Rao volume ∫_box √det I(θ) dθ of a bounded box in the family's coordinates θ (fixed
 * hyperparameters from `base`) — the normaliser of the Jeffreys prior on the box and the last term of
 * the Fisher-information approximation to stochastic complexity. Iterated adaptive tanh-sinh quadrature
 * (integrable singularities at the faces, such as Bernoulli's 1/√(p(1 − p)) on (0, 1), are fine) for
 * k ≤ 3; uniform Monte Carlo with a standard error above. The box must lie in the parameter space; its
 * faces may touch the boundary (the integrand is not evaluated on them).
 *
 * @example
 * ```ts
 * import { bernoulli } from '@infogeom/distributions';
 * import { fisherVolume } from '@infogeom/fisher';
 *
 * // ∫₀¹ dp / √(p(1 − p)) = π
 * const { value } = fisherVolume(bernoulli, { p: 0.5 }, { lower: [0], upper: [1] });
 * console.log(value.toFixed(6), Math.PI.toFixed(6));
 * ```
 *
 * ```txt [output]
 * 3.141593 3.141593
 * ```
 */
export function fisherVolume<P extends Params>(
  family: Family<P, Observation>,
  base: P,
  region: CoordinateBox,
  options: FisherVolumeOptions = {},
): FisherVolume {
  family.validate(base, 'base');
  const k = family.space.dimension(base);
  const [lo, hi] = checkBox(region, k);
  let evaluations = 0;
  const sqrtDet = (theta: Float64Array): number => {
    evaluations++;
    const params = family.space.fromCoordinates(theta, base);
    family.validate(params, 'θ');
    const { sign, logAbsDet } = slogdet(family.fisher(params));
    return sign > 0 ? Math.exp(0.5 * logAbsDet) : 0;
  };
  const method = options.method ?? (k <= 3 ? 'quadrature' : 'monte-carlo');
  if (method === 'quadrature') {
    if (k > 3)
      throw new InvalidArgumentError('options.method', method, "'monte-carlo' for more than 3 coordinates");
    const tol = options.tol ?? (k === 3 ? 1e-6 : 1e-10);
    const theta = new Float64Array(k);
    let error = 0;
    let worst = 0; // largest relative error estimate over every one-dimensional integral
    const integrate = (dim: number): number => {
      const r = tanhSinh(
        (x) => {
          theta[dim] = x;
          return dim === k - 1 ? sqrtDet(theta) : integrate(dim + 1);
        },
        lo[dim]!,
        hi[dim]!,
        { tol },
      );
      if (dim === 0) error = r.error;
      worst = Math.max(worst, r.value === 0 ? 0 : r.error / Math.abs(r.value));
      return r.value;
    };
    const value = integrate(0);
    const converged = Number.isFinite(value) && worst <= 1e-6;
    return { value, standardError: error, method, evaluations, converged };
  }
  const rng = options.rng ?? createRng(0);
  const samples = options.samples ?? 20000;
  if (!Number.isInteger(samples) || samples < 2)
    throw new InvalidArgumentError('options.samples', samples, 'an integer ≥ 2');
  let volume = 1;
  for (let i = 0; i < k; i++) volume *= hi[i]! - lo[i]!;
  let mean = 0;
  let m2 = 0;
  const theta = new Float64Array(k);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < k; i++) theta[i] = lo[i]! + (hi[i]! - lo[i]!) * rng.uniform();
    let v = 0;
    try {
      v = sqrtDet(theta);
    } catch (e) {
      if (!theta.some((t, i) => t === lo[i])) throw e; // only a point on a face (measure zero) may be invalid
    }
    const d = v - mean;
    mean += d / (s + 1);
    m2 += d * (v - mean);
  }
  return {
    value: volume * mean,
    standardError: volume * Math.sqrt(m2 / (samples - 1) / samples),
    method,
    evaluations,
    converged: true,
  };
}
