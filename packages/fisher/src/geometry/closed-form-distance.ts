import type { Family, Observation, Params } from '@infogeom/distributions';
import { type DenseMatrix, InvalidArgumentError, spdSolve } from '@infogeom/linalg';
import { halfPlaneCoefficients } from './christoffel.js';

/** Options of {@link closedFormDistance}. */
export interface ClosedFormDistanceOptions {
  /** Free parameters held fixed (a submanifold, e.g. `['Sigma']` for Mahalanobis); must agree in p and q. */
  freeze?: readonly string[];
}

/**
 * Fisher–Rao distance of the scaled half-plane (α dμ² + β dσ²)/σ²:
 * √β · arccosh(1 + (α/β·Δμ² + Δσ²)/(2σ₁σ₂)), computed as 2√β·asinh(½√(…/(σ₁σ₂))) to keep small distances accurate.
 */
export function halfPlaneDistance(
  alpha: number,
  beta: number,
  mu1: number,
  s1: number,
  mu2: number,
  s2: number,
): number {
  const dm = mu2 - mu1;
  const ds = s2 - s1;
  const q = ((alpha / beta) * dm * dm + ds * ds) / (s1 * s2);
  return 2 * Math.sqrt(beta) * Math.asinh(0.5 * Math.sqrt(q));
}

/** Distance 2√n·|arcsin√p − arcsin√q| of the Bernoulli/binomial(n) family. */
const bernoulliDistance = (p: number, q: number, n = 1): number =>
  2 * Math.sqrt(n) * Math.abs(Math.asin(Math.sqrt(p)) - Math.asin(Math.sqrt(q)));

/** 2√n·arccos Σ√(pᵢqᵢ), via 4√n·arcsin(½‖√p − √q‖) (accurate for nearby points). */
function simplexDistance(p: Float64Array, q: Float64Array, n = 1): number {
  if (p.length !== q.length) throw new InvalidArgumentError('q.p.length', q.length, `${p.length} categories`);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (Math.sqrt(p[i]!) - Math.sqrt(q[i]!)) ** 2;
  return 4 * Math.sqrt(n) * Math.asin(Math.min(1, 0.5 * Math.sqrt(s)));
}

/** Geometric(p) with I = 1/(p²(1−p)): d = 2|artanh√(1−p₁) − artanh√(1−p₂)| (times √r for the negative binomial). */
const geometricDistance = (p: number, q: number, r = 1): number =>
  2 * Math.sqrt(r) * Math.abs(Math.atanh(Math.sqrt(1 - p)) - Math.atanh(Math.sqrt(1 - q)));

/** √(Δμᵀ Σ⁻¹ Δμ). */
function mahalanobis(mu1: Float64Array, mu2: Float64Array, Sigma: DenseMatrix): number {
  const d = mu2.map((v, i) => v - mu1[i]!);
  const x = spdSolve(Sigma, d);
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i]! * x[i]!;
  return Math.sqrt(Math.max(s, 0));
}

/**
 * Weibull (λ, k): log x is Gumbel with location log λ and scale s = 1/k, and with w = log λ + (1 − γ)/k the
 * metric becomes (dw² + (π²/6) ds²)/s², a scaled half-plane (α = 1, β = π²/6).
 */
function weibullDistance(l1: number, k1: number, l2: number, k2: number): number {
  const c = 1 - 0.5772156649015329;
  return halfPlaneDistance(
    1,
    (Math.PI * Math.PI) / 6,
    Math.log(l1) + c / k1,
    1 / k1,
    Math.log(l2) + c / k2,
    1 / k2,
  );
}

const num = (p: Params, k: string): number => p[k] as number;
const vec = (p: Params, k: string): Float64Array => p[k] as Float64Array;

function valuesEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  const x = a instanceof Float64Array ? a : (a as DenseMatrix | undefined)?.data;
  const y = b instanceof Float64Array ? b : (b as DenseMatrix | undefined)?.data;
  return x !== undefined && y !== undefined && x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameFixed(
  family: Family<Params, Observation>,
  p: Params,
  q: Params,
  freeze: readonly string[],
): void {
  for (const s of family.space.specs)
    if ((s.fixed === true || freeze.includes(s.name)) && !valuesEqual(p[s.name], q[s.name]))
      throw new InvalidArgumentError(
        `q.${s.name}`,
        q[s.name],
        `p.${s.name} (fixed or frozen parameters must agree)`,
      );
}

/**
 * The closed-form Fisher–Rao distance between p and q of `family` (optionally on the submanifold with the
 * `freeze` parameters fixed), or undefined when none is known. Covered: normal and log-normal (√2-scaled
 * half-plane), Laplace (half-plane), Student t (half-plane with α = (ν+1)/(ν+3), β = 2ν/(ν+3)), each also
 * with location or scale frozen; normal with known σ; diagonal normal (product: √Σ dᵢ²); multivariate normal
 * with frozen Σ (Mahalanobis); Poisson 2|√λ₁ − √λ₂|; exponential |log(λ₁/λ₂)|; Bernoulli/binomial
 * 2√n|arcsin√p₁ − arcsin√p₂|; categorical/multinomial 2√n·arccos Σ√(pᵢqᵢ); geometric and negative binomial
 * 2√r|artanh√(1−p₁) − artanh√(1−p₂)|; Weibull (a half-plane in (log λ + (1−γ)/k, 1/k) with
 * α = 1, β = π²/6); gamma with frozen shape √α|log(β₁/β₂)|; Weibull with frozen shape
 * k|log(λ₁/λ₂)|.
 * @throws InvalidArgumentError when p or q is invalid, or their fixed/frozen parameters differ
 */
export function closedFormDistance<P extends Params>(
  family: Family<P, Observation>,
  p: P,
  q: P,
  options: ClosedFormDistanceOptions = {},
): number | undefined {
  family.validate(p, 'p');
  family.validate(q, 'q');
  const freeze = options.freeze ?? [];
  sameFixed(family as unknown as Family<Params, Observation>, p, q, freeze);
  const frozen = (...names: string[]): boolean =>
    freeze.length === names.length && names.every((x) => freeze.includes(x));
  const none = freeze.length === 0;
  const name = family.name;
  const hp = halfPlaneCoefficients(name, p);
  if (hp !== undefined) {
    const [loc, scale] = name === 'laplace' ? ['mu', 'b'] : ['mu', 'sigma'];
    const [m1, s1, m2, s2] = [num(p, loc), num(p, scale), num(q, loc), num(q, scale)];
    if (none) return halfPlaneDistance(hp[0], hp[1], m1, s1, m2, s2);
    if (frozen(scale)) return (Math.sqrt(hp[0]) * Math.abs(m2 - m1)) / s1;
    if (frozen(loc)) return Math.sqrt(hp[1]) * Math.abs(Math.log(s2 / s1));
    return undefined;
  }
  if (name === 'normalKnownSigma' && none) return Math.abs(num(q, 'mu') - num(p, 'mu')) / num(p, 'sigma');
  if (name === 'diagonalNormal') {
    const [m1, s1, m2, s2] = [vec(p, 'mu'), vec(p, 'sigma'), vec(q, 'mu'), vec(q, 'sigma')];
    if (m1.length !== m2.length) throw new InvalidArgumentError('q.mu.length', m2.length, `${m1.length}`);
    let t = 0;
    for (let i = 0; i < m1.length; i++) {
      const d = none
        ? halfPlaneDistance(1, 2, m1[i]!, s1[i]!, m2[i]!, s2[i]!)
        : frozen('sigma')
          ? Math.abs(m2[i]! - m1[i]!) / s1[i]!
          : frozen('mu')
            ? Math.SQRT2 * Math.abs(Math.log(s2[i]! / s1[i]!))
            : Number.NaN;
      t += d * d;
    }
    return Number.isNaN(t) ? undefined : Math.sqrt(t);
  }
  if (name === 'multivariateNormal' && frozen('Sigma'))
    return mahalanobis(vec(p, 'mu'), vec(q, 'mu'), p['Sigma'] as DenseMatrix);
  if (name === 'gamma' && frozen('shape'))
    return Math.sqrt(num(p, 'shape')) * Math.abs(Math.log(num(q, 'rate') / num(p, 'rate')));
  if (name === 'weibull' && frozen('shape'))
    return num(p, 'shape') * Math.abs(Math.log(num(q, 'scale') / num(p, 'scale')));
  if (!none) return undefined;
  switch (name) {
    case 'weibull':
      return weibullDistance(num(p, 'scale'), num(p, 'shape'), num(q, 'scale'), num(q, 'shape'));
    case 'poisson':
      return 2 * Math.abs(Math.sqrt(num(p, 'rate')) - Math.sqrt(num(q, 'rate')));
    case 'exponential':
      return Math.abs(Math.log(num(p, 'rate') / num(q, 'rate')));
    case 'bernoulli':
      return bernoulliDistance(num(p, 'p'), num(q, 'p'));
    case 'binomial':
      return bernoulliDistance(num(p, 'p'), num(q, 'p'), num(p, 'n'));
    case 'categorical':
      return simplexDistance(vec(p, 'p'), vec(q, 'p'));
    case 'multinomial':
      return simplexDistance(vec(p, 'p'), vec(q, 'p'), num(p, 'n'));
    case 'geometric':
      return geometricDistance(num(p, 'p'), num(q, 'p'));
    case 'negativeBinomial':
      return geometricDistance(num(p, 'p'), num(q, 'p'), num(p, 'r'));
    default:
      return undefined;
  }
}
