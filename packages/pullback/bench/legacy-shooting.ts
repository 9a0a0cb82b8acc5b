import { throwIfAborted } from '@infogeom/linalg';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { exponentialMap } from '../src/geodesics/exponential-map.js';
import type { GeodesicResult } from '../src/geodesics/geodesic-types.js';
import { completeMetric } from '../src/metrics/complete-metric.js';

/**
 * The shooting polish as it was before the batched rewrite (kept for the before/after benchmark in
 * shooting.bench.ts and for recording the reference fixture): every Newton iteration d + 1 separate
 * adaptive integrations with one per-point Christoffel contraction per stage, then a node-by-node
 * re-integration.
 */

/** Options of {@link legacyShootingGeodesic}. */
export interface ShootingOptions {
  /** Number of output nodes N+1 (default 32). */
  nodes?: number;
  /** Tolerance on the endpoint miss relative to ‖z₁ − z₀‖ (default 1e-10). */
  tol?: number;
  /** Newton iterations cap (default 30). */
  maxIterations?: number;
  /** Cancels the solve. */
  signal?: AbortSignal;
}

function solveSmall(A: Float64Array, b: Float64Array, d: number): Float64Array | undefined {
  const a = A.slice();
  const x = b.slice();
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let i = c + 1; i < d; i++) if (Math.abs(a[i * d + c]!) > Math.abs(a[p * d + c]!)) p = i;
    if (!(Math.abs(a[p * d + c]!) > 1e-300)) return undefined;
    if (p !== c) {
      for (let j = 0; j < d; j++) [a[c * d + j], a[p * d + j]] = [a[p * d + j]!, a[c * d + j]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    for (let i = c + 1; i < d; i++) {
      const f = a[i * d + c]! / a[c * d + c]!;
      for (let j = c; j < d; j++) a[i * d + j]! -= f * a[c * d + j]!;
      x[i]! -= f * x[c]!;
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < d; j++) s -= a[i * d + j]! * x[j]!;
    x[i] = s / a[i * d + i]!;
  }
  return x;
}

/**
 * The previous `shootingGeodesic`. Boundary-value solver for the geodesic equation by (single) shooting: Newton on the initial velocity v
 * so that exp_{z₀}(v) = z₁, with the Jacobian ∂exp/∂v by forward differences of adaptive Dormand–Prince
 * integrations and a backtracking step. Needs a start `v0` in the right basin (e.g. from energy
 * minimisation). The length is ‖v‖_G exactly; the nodes are the geodesic sampled at equal times.
 */
export function legacyShootingGeodesic(
  metric: LatentMetric,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  v0: ArrayLike<number>,
  options: ShootingOptions = {},
): GeodesicResult {
  const m = completeMetric(metric);
  const d = m.dimension;
  const a = Float64Array.from(z0);
  const b = Float64Array.from(z1);
  const tol = options.tol ?? 1e-10;
  const maxIt = options.maxIterations ?? 30;
  let span = 0;
  for (let i = 0; i < d; i++) span += (b[i]! - a[i]!) ** 2;
  span = Math.max(Math.sqrt(span), 1e-300);
  const miss = (v: Float64Array): Float64Array | undefined => {
    const r = exponentialMap(m, a, v);
    if (!r.converged) return undefined;
    const F = new Float64Array(d);
    for (let i = 0; i < d; i++) F[i] = r.point[i]! - b[i]!;
    return F;
  };
  const norm = (F: Float64Array): number => Math.sqrt(F.reduce((s, x) => s + x * x, 0)) / span;
  let v = Float64Array.from(v0);
  let F = miss(v);
  let it = 0;
  let r = F === undefined ? Number.POSITIVE_INFINITY : norm(F);
  while (F !== undefined && r > tol && it < maxIt) {
    throwIfAborted(options.signal);
    it++;
    const J = new Float64Array(d * d);
    let vn = 0;
    for (const x of v) vn = Math.max(vn, Math.abs(x));
    const h = 1e-6 * Math.max(vn, 1e-8);
    let okJ = true;
    // Forward differences (d integrations): with rtol 1e-10 the Jacobian is good to ~1e-6, plenty for Newton.
    const F0 = F;
    for (let k = 0; k < d && okJ; k++) {
      const vp = v.slice();
      vp[k]! += h;
      const Fp = miss(vp);
      if (Fp === undefined) okJ = false;
      else for (let i = 0; i < d; i++) J[i * d + k] = (Fp[i]! - F0[i]!) / h;
    }
    const step = okJ ? solveSmall(J, F, d) : undefined;
    if (step === undefined) break;
    let t = 1;
    let improved = false;
    for (let ls = 0; ls < 20; ls++) {
      const vt = v.map((x, i) => x - t * step[i]!);
      const Ft = miss(vt);
      if (Ft !== undefined && norm(Ft) < r) {
        v = vt;
        F = Ft;
        r = norm(Ft);
        improved = true;
        break;
      }
      t *= 0.5;
    }
    if (!improved) break;
  }
  const nodes = options.nodes ?? 32;
  const points = new Float64Array(nodes * d);
  points.set(a, 0);
  let p: Float64Array = a;
  let q: Float64Array = v;
  let ok = F !== undefined;
  for (let i = 1; i < nodes && ok; i++) {
    const s = exponentialMap(m, p, q, { t: 1 / (nodes - 1), initialStep: 1 / (nodes - 1) });
    ok = s.converged;
    p = s.point;
    q = s.velocity;
    points.set(p, i * d);
  }
  if (ok) points.set(b, (nodes - 1) * d);
  const G = m.metric(a);
  let sp = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) sp += v[i]! * G[i * d + j]! * v[j]!;
  return {
    points,
    length: Math.sqrt(Math.max(sp, 0)),
    energy: 0.5 * sp,
    converged: ok && r <= tol,
    iterations: it,
    residual: r,
    method: 'shooting',
    initialVelocity: v,
  };
}
