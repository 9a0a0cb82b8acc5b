import { createRng, InvalidArgumentError, type Rng } from '@infogeom/linalg';
import type { Observation, Support } from './support.js';

/** How an expectation was computed. */
export type ExpectationMethod = 'summation' | 'quadrature' | 'monte-carlo';

/** E_p[f(x)] for a vector-valued f, with entry-wise standard errors (zeros unless Monte Carlo). */
export interface VectorExpectation {
  /** The expectation of each entry of f. */
  value: Float64Array;
  /** Entry-wise standard errors. */
  standardError: Float64Array;
  /** How it was computed. */
  method: ExpectationMethod;
}

/** What {@link expectation} needs from a family. */
export interface ExpectationTarget<X extends Observation> {
  /** Support of p. */
  support: Support;
  /** log p(x). */
  logProb(x: X): number;
  /** n draws from p. */
  sample(rng: Rng, n: number): X[];
  /** Where the mass is (the mean): discrete sums walk outward from it. */
  center?: number;
}

/** Options of {@link expectation}. */
export interface ExpectationOptions {
  /** Generator for the Monte Carlo fallback (default seeded with 0). */
  rng?: Rng;
  /** Monte Carlo sample size (default 20,000). */
  samples?: number;
  /** Force Monte Carlo even where an exact method exists. */
  monteCarlo?: boolean;
}

const TAIL = 1e-17;
const MAX_TERMS = 4_000_000;

/** A compensated (Neumaier) vector accumulator. */
class Accumulator {
  sum: Float64Array | undefined;
  private comp: Float64Array | undefined;
  mass = 0;
  private massComp = 0;

  /** Adds p·v; returns whether every entry of the term was negligible (≤ 1e-17 of its running sum). */
  add(p: number, v: ArrayLike<number>): boolean {
    if (this.sum === undefined) {
      this.sum = new Float64Array(v.length);
      this.comp = new Float64Array(v.length);
    }
    const sum = this.sum;
    const comp = this.comp!;
    let negligible = true;
    for (let i = 0; i < v.length; i++) {
      const t = p * v[i]!;
      const u = sum[i]! + t;
      if (Math.abs(t) > TAIL * Math.abs(u)) negligible = false;
      comp[i]! += Math.abs(sum[i]!) >= Math.abs(t) ? sum[i]! - u + t : t - u + sum[i]!;
      sum[i] = u;
    }
    const u = this.mass + p;
    this.massComp += Math.abs(this.mass) >= p ? this.mass - u + p : p - u + this.mass;
    this.mass = u;
    return negligible;
  }

  result(): Float64Array | undefined {
    return this.sum === undefined ? undefined : Float64Array.from(this.sum, (v, i) => v + this.comp![i]!);
  }

  total(): number {
    return this.mass + this.massComp;
  }
}

/**
 * Exact sum over the integers in [lower, upper], walking outward from `center` (the mean, so a wide
 * support such as Poisson(10⁸) costs a few standard deviations each way, not 10⁸ terms). On supports
 * longer than 10⁵ each direction stops, once the pmf decreases, when the last term is negligible in every
 * entry of the running sum and the geometric bound on the mass left, p·r/(1 − r) with r the ratio of
 * successive terms, is below 1e-17 of the mass summed; narrower supports are summed whole. Sums are
 * compensated. Returns undefined beyond 4·10⁶ terms (the caller falls back to Monte Carlo).
 */
function sumDiscrete<X extends Observation>(
  t: ExpectationTarget<X>,
  f: (x: X) => ArrayLike<number>,
  lower: number,
  upper: number,
): Float64Array | undefined {
  const acc = new Accumulator();
  const c = t.center;
  const start =
    c === undefined || !Number.isFinite(c) ? lower : Math.min(Math.max(Math.round(c), lower), upper);
  let terms = 0;
  // Narrow finite supports are summed whole; early stopping is for long or infinite ones.
  const mayStop = upper - lower > 100_000;
  const walk = (from: number, step: 1 | -1, end: number): boolean => {
    let p = Math.exp(t.logProb(from as X));
    for (let x = from; step > 0 ? x <= end : x >= end; x += step) {
      if (++terms > MAX_TERMS) return false;
      let negligible = true;
      if (p > 0) negligible = acc.add(p, f(x as X));
      if (x === end) break;
      const next = Math.exp(t.logProb((x + step) as X));
      if (mayStop && negligible && next < p && acc.mass > 0) {
        const r = next / p;
        if (next === 0 || next * (1 + r / (1 - r)) <= TAIL * acc.total()) break;
      }
      p = next;
    }
    return true;
  };
  if (!walk(start, 1, upper)) return undefined;
  if (start > lower && !walk(start - 1, -1, lower)) return undefined;
  return acc.result();
}

/**
 * Double-exponential (tanh-sinh family) quadrature of a vector-valued integrand on [a, b], where either
 * end may be infinite. Refines the step until successive levels agree to 1e-13 relative.
 */
export function integrate(f: (x: number) => ArrayLike<number> | null, a: number, b: number): Float64Array {
  if (!(a < b)) throw new InvalidArgumentError('interval', [a, b], 'lower < upper');
  // Map to a function g(t) on ℝ with x = φ(t) and weight φ'(t), decaying double-exponentially.
  let phi: (t: number) => [number, number];
  if (Number.isFinite(a) && Number.isFinite(b)) {
    const c = (a + b) / 2;
    const h = (b - a) / 2;
    phi = (t) => {
      const s = (Math.PI / 2) * Math.sinh(t);
      const ch = Math.cosh(s);
      // x − a and b − x computed without cancellation near the ends.
      const x = t >= 0 ? b - (2 * h) / (Math.exp(2 * s) + 1) : a + (2 * h) / (1 + Math.exp(-2 * s));
      return [x === a || x === b ? c : x, (h * (Math.PI / 2) * Math.cosh(t)) / (ch * ch)];
    };
  } else if (Number.isFinite(a)) {
    phi = (t) => {
      const e = Math.exp((Math.PI / 2) * Math.sinh(t));
      return [a + e, e * (Math.PI / 2) * Math.cosh(t)];
    };
  } else if (Number.isFinite(b)) {
    phi = (t) => {
      const e = Math.exp((Math.PI / 2) * Math.sinh(t));
      return [b - e, e * (Math.PI / 2) * Math.cosh(t)];
    };
  } else {
    phi = (t) => {
      const s = (Math.PI / 2) * Math.sinh(t);
      return [Math.sinh(s), Math.cosh(s) * (Math.PI / 2) * Math.cosh(t)];
    };
  }
  const T = 4.5;
  let acc: Float64Array | undefined;
  const add = (t: number, scale: number) => {
    const [x, w] = phi(t);
    if (!(w > 0) || !Number.isFinite(x) || !Number.isFinite(w)) return;
    const v = f(x);
    if (v === null) return;
    acc ??= new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const term = w * v[i]!;
      if (Number.isFinite(term)) acc[i]! += scale * term;
    }
  };
  let h = 0.5;
  for (let t = -T; t <= T + 1e-12; t += h) add(t, 1);
  let prev = Float64Array.from(acc ?? [], (s) => s * h);
  for (let level = 0; level < 8; level++) {
    for (let t = -T + h / 2; t < T; t += h) add(t, 1);
    h /= 2;
    const cur = Float64Array.from(acc ?? [], (s) => s * h);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < cur.length; i++) {
      diff = Math.max(diff, Math.abs(cur[i]! - prev[i]!));
      scale = Math.max(scale, Math.abs(cur[i]!));
    }
    prev = cur;
    if (level >= 2 && diff <= 1e-13 * Math.max(scale, 1e-300)) break;
  }
  return prev;
}

/** {@link integrate} split at the interior breakpoints of a continuous support. */
function integratePiecewise(
  f: (x: number) => ArrayLike<number> | null,
  lower: number,
  upper: number,
  breakpoints: readonly number[] = [],
): Float64Array {
  const cuts = [lower, ...breakpoints.filter((b) => b > lower && b < upper).sort((a, b) => a - b), upper];
  let total: Float64Array | undefined;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const part = integrate(f, cuts[i]!, cuts[i + 1]!);
    if (part.length === 0) continue;
    if (total === undefined) total = part;
    else for (let k = 0; k < part.length; k++) total[k]! += part[k]!;
  }
  return total ?? new Float64Array(0);
}

/** Periodic trapezoid rule on (−π, π], spectrally accurate for smooth periodic integrands. */
function integrateCircle(f: (x: number) => ArrayLike<number> | null): Float64Array {
  let n = 64;
  let prev: Float64Array | undefined;
  for (let level = 0; level < 10; level++, n *= 2) {
    let acc: Float64Array | undefined;
    for (let i = 0; i < n; i++) {
      const v = f(-Math.PI + ((i + 0.5) * 2 * Math.PI) / n);
      if (v === null) continue;
      acc ??= new Float64Array(v.length);
      for (let k = 0; k < v.length; k++) acc[k]! += v[k]!;
    }
    const cur = Float64Array.from(acc!, (s) => (s * 2 * Math.PI) / n);
    if (prev !== undefined) {
      let diff = 0;
      let scale = 0;
      for (let k = 0; k < cur.length; k++) {
        diff = Math.max(diff, Math.abs(cur[k]! - prev[k]!));
        scale = Math.max(scale, Math.abs(cur[k]!));
      }
      if (diff <= 1e-13 * Math.max(scale, 1e-300)) return cur;
    }
    prev = cur;
  }
  return prev!;
}

/**
 * E_p[f(x)]: exact summation over a discrete support, double-exponential quadrature on an interval,
 * the periodic trapezoid rule on the circle, and Monte Carlo (with standard errors) for vector supports
 * or when asked.
 */
export function expectation<X extends Observation>(
  target: ExpectationTarget<X>,
  f: (x: X) => ArrayLike<number>,
  options: ExpectationOptions = {},
): VectorExpectation {
  const s = target.support;
  if (options.monteCarlo !== true) {
    if (s.kind === 'discrete') {
      const v = sumDiscrete(target, f, s.lower, s.upper);
      if (v !== undefined)
        return { value: v, standardError: new Float64Array(v.length), method: 'summation' };
    } else if (s.kind === 'continuous' || s.kind === 'circle') {
      // Nodes where the density is 0 (outside the support, or underflow far in a tail) carry no weight:
      // f is not evaluated there, so a score that overflows in the far tail does no harm.
      const g = (x: number): Float64Array | null => {
        const p = Math.exp(target.logProb(x as X));
        if (!(p > 0)) return null;
        return Float64Array.from(f(x as X), (e) => p * e);
      };
      const v =
        s.kind === 'circle' ? integrateCircle(g) : integratePiecewise(g, s.lower, s.upper, s.breakpoints);
      return { value: v, standardError: new Float64Array(v.length), method: 'quadrature' };
    }
  }
  const n = options.samples ?? 20_000;
  const rng = options.rng ?? createRng(0);
  const xs = target.sample(rng, n);
  let mean: Float64Array | undefined;
  let m2: Float64Array | undefined;
  xs.forEach((x, k) => {
    const v = f(x);
    mean ??= new Float64Array(v.length);
    m2 ??= new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const d = v[i]! - mean[i]!;
      mean[i]! += d / (k + 1);
      m2[i]! += d * (v[i]! - mean[i]!);
    }
  });
  const se = Float64Array.from(m2!, (q) => Math.sqrt(q / (n - 1) / n));
  return { value: mean!, standardError: se, method: 'monte-carlo' };
}
