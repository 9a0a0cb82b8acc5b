/** Test functions with closed-form derivatives. */

/** Rosenbrock f(x) = Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)². */
export function rosenbrock(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
}

/** ∇ Rosenbrock. */
export function rosenbrockGradient(x: Float64Array): Float64Array {
  const n = x.length;
  const g = new Float64Array(n);
  for (let i = 0; i + 1 < n; i++) {
    const t = x[i + 1]! - x[i]! ** 2;
    g[i]! += -400 * x[i]! * t - 2 * (1 - x[i]!);
    g[i + 1]! += 200 * t;
  }
  return g;
}

/** ∇² Rosenbrock, row-major. */
export function rosenbrockHessian(x: Float64Array): number[][] {
  const n = x.length;
  const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i + 1 < n; i++) {
    h[i]![i]! += 1200 * x[i]! ** 2 - 400 * x[i + 1]! + 2;
    h[i]![i + 1]! += -400 * x[i]!;
    h[i + 1]![i]! += -400 * x[i]!;
    h[i + 1]![i + 1]! += 200;
  }
  return h;
}

/** Data for a normal log-likelihood in (μ, log σ). */
export const DATA = [1.2, -0.3, 2.5, 0.7, 1.9, -1.1, 0.4];

/** ℓ(μ, s) = Σ log N(yᵢ; μ, e^{2s}) up to a constant. */
export function normalLogLik(p: Float64Array): number {
  const mu = p[0]!;
  const s = p[1]!;
  let q = 0;
  for (const y of DATA) q += (y - mu) ** 2;
  return -DATA.length * s - 0.5 * q * Math.exp(-2 * s);
}

/** Closed-form gradient of {@link normalLogLik}. */
export function normalLogLikGradient(p: Float64Array): Float64Array {
  const mu = p[0]!;
  const s = p[1]!;
  let q = 0;
  let r = 0;
  for (const y of DATA) {
    q += (y - mu) ** 2;
    r += y - mu;
  }
  const w = Math.exp(-2 * s);
  return Float64Array.of(r * w, -DATA.length + q * w);
}

/** Closed-form Hessian of {@link normalLogLik}. */
export function normalLogLikHessian(p: Float64Array): number[][] {
  const mu = p[0]!;
  const s = p[1]!;
  let q = 0;
  let r = 0;
  for (const y of DATA) {
    q += (y - mu) ** 2;
    r += y - mu;
  }
  const w = Math.exp(-2 * s);
  return [
    [-DATA.length * w, -2 * r * w],
    [-2 * r * w, -2 * q * w],
  ];
}

/** Largest |a − b| / max(|b|, floor) over entries. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), floor));
  return worst;
}
