import { ConvergenceError, InvalidArgumentError } from '@infogeom/linalg';

/** The curve parameters of UMAP's low-dimensional similarity 1 / (1 + a·d^{2b}). */
export interface UmapCurve {
  /** Scale a. */
  readonly a: number;
  /** Exponent b. */
  readonly b: number;
}

/**
 * Fits a, b so that 1 / (1 + a·x^{2b}) matches the offset exponential
 * `x < minDist ? 1 : exp(−(x − minDist) / spread)` by least squares on 300 points of [0, 3·spread],
 * as umap-learn's `find_ab_params` does with scipy's `curve_fit` (here Levenberg–Marquardt in (a, b)).
 * @param spread - effective scale of embedded points (> 0, default 1)
 * @param minDist - minimum distance between embedded points, in [0, spread] (default 0.1)
 */
export function findAbParams(spread = 1, minDist = 0.1): UmapCurve {
  if (!(spread > 0 && Number.isFinite(spread)))
    throw new InvalidArgumentError('spread', spread, 'a finite number > 0');
  if (!(minDist >= 0 && minDist <= spread))
    throw new InvalidArgumentError('minDist', minDist, `a number in [0, ${spread}]`);
  const m = 300;
  const xs = new Float64Array(m);
  const ys = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const x = (3 * spread * i) / (m - 1);
    xs[i] = x;
    ys[i] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  const sse = (a: number, b: number): number => {
    let s = 0;
    for (let i = 1; i < m; i++) s += (1 / (1 + a * xs[i]! ** (2 * b)) - ys[i]!) ** 2;
    return s + (1 - ys[0]!) ** 2;
  };
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let cost = sse(a, b);
  for (let it = 0; it < 500; it++) {
    // normal equations of the Jacobian (x = 0 contributes no gradient)
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 1; i < m; i++) {
      const x2b = xs[i]! ** (2 * b);
      const den = 1 + a * x2b;
      const f = 1 / den;
      const r = f - ys[i]!;
      const da = -x2b / (den * den);
      const db = (-a * x2b * 2 * Math.log(xs[i]!)) / (den * den);
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    let improved = false;
    for (let tries = 0; tries < 30 && !improved; tries++) {
      const A = jaa * (1 + lambda);
      const B = jbb * (1 + lambda);
      const det = A * B - jab * jab;
      const sa = -(B * ga - jab * gb) / det;
      const sb = -(A * gb - jab * ga) / det;
      const na = a + sa;
      const nb = b + sb;
      const c = na > 0 && nb > 0 ? sse(na, nb) : Number.POSITIVE_INFINITY;
      if (c < cost) {
        const rel = (cost - c) / Math.max(cost, 1e-300);
        a = na;
        b = nb;
        cost = c;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = true;
        if (rel < 1e-14 || (Math.abs(sa) < 1e-12 * a && Math.abs(sb) < 1e-12 * b)) return { a, b };
      } else lambda *= 10;
    }
    if (!improved) return { a, b };
  }
  if (!(Number.isFinite(a) && Number.isFinite(b)))
    throw new ConvergenceError('findAbParams', { a, b }, 'finite a, b');
  return { a, b };
}
