import type { Family, Observation, Params } from '@infogeom/distributions';
import { DenseMatrix, InvalidArgumentError, spdSolve } from '@infogeom/linalg';
import { christoffelFromMetricInto, closedFormChristoffel, numericChristoffel } from './christoffel.js';
import {
  closedFormMetricDerivative,
  closedFormMetricJet,
  type MetricDerivativeFunction,
} from './closed-form-metric-derivative.js';
import { numericMetricDerivative } from './metric-derivative.js';

/**
 * Christoffel symbols of the second kind Γᵏᵢⱼ at θ, flattened as `k·n² + i·n + j` (n the dimension).
 * Used as a closed-form override of the numerical symbols.
 */
export type ChristoffelFunction = (theta: Float64Array) => Float64Array;

/** Options of {@link fisherRaoManifold}. */
export interface FisherRaoManifoldOptions {
  /**
   * Names of free parameters to hold at their values in `base` (a submanifold with the induced metric,
   * e.g. `['Sigma']` for a multivariate normal with known covariance). Fixed hyperparameters always are.
   */
  freeze?: readonly string[];
  /** Closed-form Christoffel symbols overriding the built-in ones (and the numerical fallback). */
  christoffel?: ChristoffelFunction;
  /** Closed-form metric derivative overriding the built-in one (and the numerical fallback). */
  metricDerivative?: MetricDerivativeFunction;
  /** Ignore the built-in closed forms (Christoffel symbols and metric derivatives): use numerical differences. */
  numericOnly?: boolean;
}

/**
 * A family's parameter space as a Riemannian manifold with the Fisher–Rao metric, working on coordinate
 * vectors θ (the family's coordinates, minus frozen parameters).
 */
export interface FisherRaoManifold<P extends Params = Params> {
  /** The family. */
  readonly family: Family<P, Observation>;
  /** Parameters supplying fixed hyperparameters, frozen values and shapes. */
  readonly base: P;
  /** Names of the frozen free parameters. */
  readonly frozen: readonly string[];
  /** Number of coordinates n. */
  readonly dimension: number;
  /** Names of the coordinates. */
  readonly coordinateNames: readonly string[];
  /** Per-coordinate length scale at θ (distance to the boundary, or 1), used for finite-difference steps. */
  scales(theta: Float64Array): Float64Array;
  /** θ of `params` (validated; frozen parameters and hyperparameters must match `base`). */
  toCoordinates(params: P, argument?: string): Float64Array;
  /** The params at θ. */
  toParams(theta: ArrayLike<number>): P;
  /** Whether θ lies inside the parameter domain. */
  contains(theta: ArrayLike<number>): boolean;
  /** The metric tensor G(θ) (the Fisher information restricted to the coordinates); throws off the domain. */
  metric(theta: ArrayLike<number>): DenseMatrix;
  /** ∂G/∂θ flattened as `k·n² + i·n + j` = ∂G_ij/∂θ_k (closed form when known, else numerical). */
  metricDerivative(theta: Float64Array): Float64Array;
  /** Γᵏᵢⱼ flattened as `k·n² + i·n + j` (closed form when known, else from {@link metricDerivative}). */
  christoffel(theta: Float64Array): Float64Array;
  /** ⟨u, v⟩_θ = uᵀ G(θ) v. */
  inner(theta: ArrayLike<number>, u: ArrayLike<number>, v: ArrayLike<number>): number;
  /** ‖v‖_θ. */
  norm(theta: ArrayLike<number>, v: ArrayLike<number>): number;
  /** Solves G(θ) x = b. */
  raise(theta: ArrayLike<number>, b: Float64Array): Float64Array;
  /**
   * Γ(θ) written into `out` (length n³, the layout of {@link christoffel}); returns false when θ is outside
   * the domain instead of throwing. For the built-in families it works on the raw coordinates without
   * building or validating params objects and without allocating (the geodesic solvers' inner loop);
   * otherwise it wraps {@link contains} and {@link christoffel}.
   */
  christoffelInto?(theta: Float64Array, out: Float64Array): boolean;
  /**
   * For the built-in closed forms (gamma, beta, Weibull, Dirichlet): G(θ) (n², row-major) and ∂G/∂θ (n³,
   * the layout of {@link metricDerivative}) written into `G` and `dG` from the raw coordinates, without
   * allocating; false when θ is outside the domain. Undefined for other manifolds.
   */
  metricJetInto?(theta: Float64Array, G: Float64Array, dG: Float64Array): boolean;
}

/**
 * Families whose domain, in full coordinates, is exactly "every coordinate finite, and > 0 where the
 * constraint is `positive`" (no cross-parameter checks): their membership test can skip params objects.
 */
const SIMPLE_DOMAIN = new Set([
  'gamma',
  'beta',
  'weibull',
  'dirichlet',
  'normal',
  'logNormal',
  'laplace',
  'studentT',
  'poisson',
  'exponential',
]);

/** The Fisher–Rao metric tensor G(θ) of `family` at `params` (its Fisher information in coordinates θ). */
export function fisherMetric<P extends Params>(family: Family<P, Observation>, params: P): DenseMatrix {
  family.validate(params);
  return family.fisher(params);
}

/** Quadratic form uᵀ G v. */
export function quadratic(G: DenseMatrix, u: ArrayLike<number>, v: ArrayLike<number>): number {
  const n = G.rows;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += G.data[i * n + j]! * v[j]!;
    s += u[i]! * r;
  }
  return s;
}

/**
 * The Fisher–Rao manifold of `family` around `base` (which supplies hyperparameters, frozen parameters and
 * shapes such as the number of categories).
 * @throws InvalidArgumentError when `base` is invalid or `freeze` names an unknown or non-free parameter
 */
export function fisherRaoManifold<P extends Params>(
  family: Family<P, Observation>,
  base: P,
  options: FisherRaoManifoldOptions = {},
): FisherRaoManifold<P> {
  family.validate(base, 'base');
  const frozen = [...(options.freeze ?? [])];
  const freeNames = family.space.specs.filter((s) => s.fixed !== true).map((s) => s.name);
  for (const name of frozen)
    if (!freeNames.includes(name))
      throw new InvalidArgumentError(
        'options.freeze',
        name,
        `one of the free parameters ${freeNames.join(', ')}`,
      );
  const full = family.space.toCoordinates(base);
  const specs = family.space.coordinateSpecs(base);
  const allNames = family.space.coordinateNames(base);
  const active: number[] = [];
  specs.forEach((s, i) => {
    if (!frozen.includes(s.name)) active.push(i);
  });
  const n = active.length;
  if (n === 0) throw new InvalidArgumentError('options.freeze', frozen, 'at least one coordinate left free');
  const toFull = (theta: ArrayLike<number>): Float64Array => {
    const f = full.slice();
    for (let a = 0; a < n; a++) f[active[a]!] = theta[a]!;
    return f;
  };
  const toParams = (theta: ArrayLike<number>): P => family.space.fromCoordinates(toFull(theta), base);
  const metric = (theta: ArrayLike<number>): DenseMatrix => {
    const params = toParams(theta);
    family.validate(params, 'theta');
    const F = family.fisher(params);
    return n === full.length
      ? F
      : DenseMatrix.fromFunction(n, n, (i, j) => F.data[active[i]! * F.cols + active[j]!]!);
  };
  const scales = (theta: Float64Array): Float64Array => {
    const params = toParams(theta);
    const out = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      const spec = specs[active[a]!]!;
      const x = theta[a]!;
      const c = spec.constraint;
      let s = 1;
      if (c.kind === 'positive') s = x;
      else if (c.kind === 'unitInterval') s = Math.min(x, 1 - x);
      else if (c.kind === 'greaterThan') s = x - c.lower;
      else if (c.kind === 'interval') s = Math.min(x - c.lower, c.upper - x);
      else if (c.kind === 'simplex') {
        const p = params[spec.name] as Float64Array;
        s = Math.min(x, p[p.length - 1]!);
      } else if (c.kind === 'spd') s = Math.max(Math.abs(x), 1e-3);
      out[a] = s > 0 && Number.isFinite(s) ? s : 1;
    }
    return out;
  };
  const builtIn = frozen.length === 0 && options.numericOnly !== true;
  const positive = active.map((i) => specs[i]!.constraint.kind === 'positive');
  const simpleDomain =
    frozen.length === 0 &&
    SIMPLE_DOMAIN.has(family.name) &&
    active.every((i) => ['real', 'positive'].includes(specs[i]!.constraint.kind));
  const fastContains = (theta: ArrayLike<number>): boolean => {
    for (let a = 0; a < n; a++) {
      const x = theta[a]!;
      if (!Number.isFinite(x) || (positive[a] && !(x > 0))) return false;
    }
    return true;
  };
  const jet =
    builtIn && simpleDomain && options.christoffel === undefined && options.metricDerivative === undefined
      ? closedFormMetricJet(family.name, base)
      : undefined;
  const christoffelInto = (() => {
    if (jet !== undefined) {
      const G = new Float64Array(n * n);
      const dG = new Float64Array(n * n * n);
      const rhs = new Float64Array(n);
      return (theta: Float64Array, out: Float64Array): boolean => {
        if (!fastContains(theta)) return false;
        jet(theta, G, dG);
        return christoffelFromMetricInto(n, G, dG, out, rhs);
      };
    }
    const inside = simpleDomain ? fastContains : (theta: Float64Array) => manifold.contains(theta);
    return (theta: Float64Array, out: Float64Array): boolean => {
      if (!inside(theta)) return false;
      try {
        out.set(manifold.christoffel(theta.slice()));
      } catch (e) {
        if (e instanceof InvalidArgumentError) return false;
        throw e;
      }
      return true;
    };
  })();
  const manifold: FisherRaoManifold<P> = {
    family,
    base,
    frozen,
    dimension: n,
    coordinateNames: active.map((i) => allNames[i]!),
    scales,
    toCoordinates(params, argument = 'params') {
      family.validate(params, argument);
      const f = family.space.toCoordinates(params);
      if (f.length !== full.length)
        throw new InvalidArgumentError(argument, params, `the shapes of base (${full.length} coordinates)`);
      for (const s of family.space.specs.filter((s) => s.fixed === true))
        if (params[s.name] !== base[s.name])
          throw new InvalidArgumentError(
            `${argument}.${s.name}`,
            params[s.name],
            `base.${s.name} = ${String(base[s.name])}`,
          );
      for (let i = 0; i < full.length; i++)
        if (!active.includes(i) && f[i] !== full[i])
          throw new InvalidArgumentError(`${argument}.${allNames[i]}`, f[i], `the frozen value ${full[i]}`);
      return Float64Array.from(active, (i) => f[i]!);
    },
    toParams,
    contains(theta) {
      if (simpleDomain) return fastContains(theta);
      for (let a = 0; a < n; a++) if (!Number.isFinite(theta[a]!)) return false;
      try {
        family.validate(toParams(theta));
        return true;
      } catch {
        return false;
      }
    },
    metric,
    metricDerivative:
      options.metricDerivative ??
      (builtIn ? closedFormMetricDerivative(family.name, base) : undefined) ??
      ((theta) => numericMetricDerivative(manifold, theta)),
    christoffel:
      options.christoffel ??
      (builtIn ? closedFormChristoffel(family.name, base) : undefined) ??
      ((theta) => numericChristoffel(manifold, theta)),
    inner: (theta, u, v) => quadratic(metric(theta), u, v),
    norm: (theta, v) => Math.sqrt(Math.max(quadratic(metric(theta), v, v), 0)),
    raise: (theta, b) => spdSolve(metric(theta), b),
    christoffelInto,
  };
  if (jet !== undefined)
    manifold.metricJetInto = (theta, G, dG) => {
      if (!fastContains(theta)) return false;
      jet(theta, G, dG);
      return true;
    };
  return manifold;
}
