/**
 * Modified Bessel functions of the first kind, I_ν(x), on the log scale and exponentially scaled.
 *
 * stdlib (the library behind the rest of special/) has no modified Bessel I, and the one npm
 * package that does (`bessel`) uses single-precision-grade polynomial fits without scaling, so these
 * are implemented here from two textbook representations (DLMF 10.25.2 and 10.40.1):
 * - the power series Σₖ (x/2)^(2k+ν) / (k! Γ(k+ν+1)), whose terms are all positive (no cancellation),
 *   summed with rescaling so that it never overflows; used for x < 25 and as the fallback;
 * - the large-argument (Hankel) expansion e^x/√(2πx) · Σₖ (−1)ᵏ aₖ(ν)/xᵏ, used for x ≥ 25 whenever
 *   its terms fall below 1e-17 before they start to grow (the neglected e^(−2x) part is < 2e-22 there).
 * - for ν ≥ 100 and x > 2e4 where the Hankel expansion fails (ν² ≳ x), Debye's uniform expansion in
 *   1/ν (DLMF 10.41.3, terms u₀…u₄ of 10.41.10: relative error in I below about 0.02/ν⁵ ≤ 2e-12,
 *   which is ≤ 1e-16 relative in log I there), so no evaluation costs more than ~1e4 series terms.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import log1p from '@stdlib/math-base-special-log1p';

const BIG = 1e280;
const LOG_BIG = Math.log(BIG);
const HANKEL_MIN_X = 25;
const MAX_TERMS = 1e7;
const DEBYE_MIN_NU = 100;
/** Above this x (with ν ≥ 100 and no Hankel convergence) Debye replaces the O(x)-term series. */
const SERIES_MAX_X = 2e4;

interface Series {
  /** Leading term after rescaling (1 while scale = 0). */
  head: number;
  /** Sum of the remaining terms after rescaling. */
  rest: number;
  /** Number of divisions by BIG applied to head and rest. */
  scale: number;
}

/** I_ν(x) = (x/2)^ν/Γ(ν+1) · (head + rest) · BIG^scale. */
function series(nu: number, x: number): Series {
  const q = 0.25 * x * x;
  let head = 1;
  let rest = 0;
  let term = 1;
  let scale = 0;
  for (let k = 1; k < MAX_TERMS; k++) {
    const r = q / (k * (k + nu));
    term *= r;
    rest += term;
    if (r < 0.5 && term <= 1e-17 * (head + rest)) break;
    if (rest > BIG) {
      head /= BIG;
      rest /= BIG;
      term /= BIG;
      scale++;
    }
  }
  return { head, rest, scale };
}

/** The sum S with I_ν(x) ≈ e^x/√(2πx)·S, or NaN when the expansion does not reach full precision. */
function hankel(nu: number, x: number): number {
  const mu = 4 * nu * nu;
  let term = 1;
  let sum = 1;
  let prev = Number.POSITIVE_INFINITY;
  for (let k = 1; k < 500; k++) {
    const odd = 2 * k - 1;
    term *= -(mu - odd * odd) / (8 * k * x);
    const a = Math.abs(term);
    if (a <= 1e-17 * Math.abs(sum)) return sum + term;
    if (a > prev) return Number.NaN;
    prev = a;
    sum += term;
  }
  return Number.NaN;
}

/** Debye's polynomials uₖ(t), k = 1…4, evaluated at t (DLMF 10.41.10). */
function debyeSum(nu: number, t: number): number {
  const t2 = t * t;
  const u1 = (t * (3 - 5 * t2)) / 24;
  const u2 = (t2 * (81 + t2 * (-462 + t2 * 385))) / 1152;
  const u3 = (t * t2 * (30375 + t2 * (-369603 + t2 * (765765 - t2 * 425425)))) / 414720;
  const u4 =
    (t2 * t2 * (4465125 + t2 * (-94121676 + t2 * (349922430 + t2 * (-446185740 + t2 * 185910725))))) /
    39813120;
  const inv = 1 / nu;
  return 1 + inv * (u1 + inv * (u2 + inv * (u3 + inv * u4)));
}

/** [log I_ν(x), log(e^(−x) I_ν(x))] from Debye's expansion with z = x/ν (ν ≥ 100, x > 2e4). */
function debye(nu: number, x: number): [number, number] {
  const z = x / nu;
  const root = Math.sqrt(1 + z * z);
  const logZRatio = Math.log(z / (1 + root));
  const common = Math.log(debyeSum(nu, 1 / root)) - 0.5 * Math.log(2 * Math.PI * nu) - 0.5 * Math.log(root);
  // η − z = (√(1+z²) − z) + log(z/(1+√(1+z²))), with the difference written without cancellation.
  return [nu * (root + logZRatio) + common, nu * (1 / (root + z) + logZRatio) + common];
}

/** [log I_ν(x), log(e^(−x) I_ν(x))] for finite ν ≥ 0 and finite x > 0. */
function logParts(nu: number, x: number): [number, number] {
  if (x >= HANKEL_MIN_X) {
    const h = hankel(nu, x);
    if (h > 0) {
      const scaled = Math.log(h) - 0.5 * Math.log(2 * Math.PI * x);
      return [x + scaled, scaled];
    }
  }
  if (nu >= DEBYE_MIN_NU && x > SERIES_MAX_X) return debye(nu, x);
  const s = series(nu, x);
  const prefix = nu * Math.log(0.5 * x) - gammaln(nu + 1);
  const logSum = s.scale === 0 ? log1p(s.rest) : Math.log(s.head + s.rest) + s.scale * LOG_BIG;
  return [prefix + logSum, prefix - x + logSum];
}

/** `true` when (ν, x) is outside the supported domain ν ≥ 0 finite, x ≥ 0 (or NaN). */
function outside(nu: number, x: number): boolean {
  return !(nu >= 0) || !Number.isFinite(nu) || !(x >= 0);
}

/**
 * log I_ν(x), the log of the modified Bessel function of the first kind, for real order ν ≥ 0 and
 * x ≥ 0, without overflow for large x (log I₀(1e6) ≈ 1e6). Returns −∞ for I_ν(0) = 0 (ν > 0), 0 for
 * ν = x = 0, +∞ for x = +∞, and NaN outside the domain or for NaN input.
 */
export function logBesselI(nu: number, x: number): number {
  if (outside(nu, x)) return Number.NaN;
  if (x === 0) return nu === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  return logParts(nu, x)[0];
}

/** log I₀(x) (even in x; NaN for NaN). */
export function logBesselI0(x: number): number {
  return logBesselI(0, Math.abs(x));
}

/** log I₁(x) for x ≥ 0 (−∞ at 0; NaN for x < 0, where I₁ is negative). */
export function logBesselI1(x: number): number {
  return logBesselI(1, x);
}

/** Exponentially scaled e^(−|x|)·I₀(x), finite for all x (SciPy's `i0e`). */
export function besselI0e(x: number): number {
  const a = Math.abs(x);
  if (Number.isNaN(a)) return a;
  if (a === 0) return 1;
  if (a === Number.POSITIVE_INFINITY) return 0;
  return Math.exp(logParts(0, a)[1]);
}

/** Exponentially scaled e^(−|x|)·I₁(x), odd in x (SciPy's `i1e`). */
export function besselI1e(x: number): number {
  const a = Math.abs(x);
  if (Number.isNaN(a)) return a;
  if (a === 0 || a === Number.POSITIVE_INFINITY) return 0;
  return Math.sign(x) * Math.exp(logParts(1, a)[1]);
}

/**
 * The ratio I_(ν+1)(x)/I_ν(x), computed without forming either function, so it stays accurate for
 * large x. With ν = 0 it is the von Mises mean resultant length A(κ) = I₁(κ)/I₀(κ). Returns 0 at
 * x = 0, 1 at x = +∞, NaN outside ν ≥ 0, x ≥ 0.
 */
export function besselIRatio(nu: number, x: number): number {
  if (outside(nu, x)) return Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x >= HANKEL_MIN_X) {
    const h0 = hankel(nu, x);
    const h1 = hankel(nu + 1, x);
    if (h0 > 0 && h1 > 0) return h1 / h0;
  }
  if (nu >= DEBYE_MIN_NU && x > SERIES_MAX_X) {
    // Both orders by Debye: accurate to about ε·|log I| relative (the series would cost O(x) terms).
    return Math.exp(debye(nu + 1, x)[1] - debye(nu, x)[1]);
  }
  const s0 = series(nu, x);
  const s1 = series(nu + 1, x);
  const r = ((0.5 * x) / (nu + 1)) * ((s1.head + s1.rest) / (s0.head + s0.rest));
  return s1.scale === s0.scale ? r : r * Math.exp((s1.scale - s0.scale) * LOG_BIG);
}
