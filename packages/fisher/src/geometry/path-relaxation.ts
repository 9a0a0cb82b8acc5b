import { DenseMatrix, matmul, throwIfAborted } from '@infogeom/linalg';
import type { FisherRaoManifold } from './fisher-rao-manifold.js';

/** Progress of an iterative geodesic solver. */
export interface GeodesicProgress {
  /** Which stage reports: discrete path relaxation or shooting. */
  stage: 'relaxation' | 'shooting';
  /** Iteration within the stage. */
  iteration: number;
  /** Current energy (relaxation) or endpoint residual (shooting). */
  value: number;
}

/** Options of {@link relaxPath}. */
export interface RelaxPathOptions {
  /** Number of segments of the discrete path (default 24). */
  segments?: number;
  /** Iteration cap (default 60). */
  maxIterations?: number;
  /** Stop when the Newton decrement gᵀH⁻¹g falls below tol·energy (default 1e-12). */
  tol?: number;
  /** Initial interior points (default: the straight line in θ). */
  init?: readonly Float64Array[];
  /** Cancels the solver (throws AbortError). */
  signal?: AbortSignal;
  /** Called after every iteration. */
  onProgress?: (progress: GeodesicProgress) => void;
}

/** Result of {@link relaxPath}. */
export interface RelaxPathResult {
  /** The points θ₀ = a, θ₁, …, θ_N = b of the relaxed path. */
  points: Float64Array[];
  /** Discrete energy N Σ ‖θ_{s+1} − θ_s‖²_G(midpoint) (→ length² for a geodesic on [0, 1]). */
  energy: number;
  /** Discrete length Σ ‖θ_{s+1} − θ_s‖_G(midpoint). */
  length: number;
  /** Iterations used. */
  iterations: number;
  /** Whether the tolerance was met. */
  converged: boolean;
  /** Final Newton decrement relative to the energy. */
  residual: number;
}

const mid = (a: Float64Array, b: Float64Array): Float64Array => a.map((v, i) => 0.5 * (v + b[i]!));
const diff = (a: Float64Array, b: Float64Array): Float64Array => b.map((v, i) => v - a[i]!);

function quad(G: DenseMatrix, d: Float64Array): number {
  const n = d.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += d[i]! * G.data[i * n + j]! * d[j]!;
  return s;
}

/**
 * Discrete path-energy relaxation: minimises E = N Σ_s ‖θ_{s+1} − θ_s‖²_{G(m_s)} (m_s the segment midpoint)
 * over the interior points, with the exact gradient (including the ∂G/∂θ terms) and Newton-like steps on
 * the block-tridiagonal Hessian of the frozen-metric energy, with backtracking that keeps the path inside
 * the domain. The result approximates the geodesic to O(1/N²).
 */
export function relaxPath(
  manifold: FisherRaoManifold,
  a: Float64Array,
  b: Float64Array,
  options: RelaxPathOptions = {},
): RelaxPathResult {
  const { segments: N = 24, maxIterations = 60, tol = 1e-12, signal, onProgress } = options;
  const n = manifold.dimension;
  let X: Float64Array[] = [a];
  for (let s = 1; s < N; s++)
    X.push(options.init?.[s - 1]?.slice() ?? a.map((v, i) => v + (s / N) * (b[i]! - v)));
  X.push(b);
  // Built-in closed forms: metric and derivative on raw coordinates (no params objects, no validation).
  const jet = manifold.metricJetInto?.bind(manifold);
  const Gbuf = new Float64Array(n * n);
  const dGbuf = new Float64Array(n * n * n);
  const metricAt = (m: Float64Array): DenseMatrix => {
    if (jet === undefined) return manifold.metric(m);
    if (!jet(m, Gbuf, dGbuf)) return manifold.metric(m); // throws the typed error
    return new DenseMatrix(n, n, Gbuf.slice());
  };
  // ∂G at the point of the last metricAt(m) (the jet filled both buffers), or at m.
  const metricDerivativeAt = (m: Float64Array): Float64Array =>
    jet === undefined ? manifold.metricDerivative(m) : dGbuf;
  const energyOf = (P: Float64Array[]): number => {
    let e = 0;
    for (let s = 0; s < N; s++) {
      const m = mid(P[s]!, P[s + 1]!);
      if (!manifold.contains(m) || !manifold.contains(P[s + 1]!)) return Number.POSITIVE_INFINITY;
      e += quad(metricAt(m), diff(P[s]!, P[s + 1]!));
    }
    return N * e;
  };
  let energy = energyOf(X);
  let residual = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    throwIfAborted(signal);
    const Gs: DenseMatrix[] = [];
    const grad: Float64Array[] = Array.from({ length: N + 1 }, () => new Float64Array(n));
    for (let s = 0; s < N; s++) {
      const m = mid(X[s]!, X[s + 1]!);
      const d = diff(X[s]!, X[s + 1]!);
      const G = metricAt(m);
      const dG = metricDerivativeAt(m); // right after metricAt(m): the jet's buffer holds ∂G(m)
      Gs.push(G);
      const Gd = matmul(G, new DenseMatrix(n, 1, d)).data;
      for (let k = 0; k < n; k++) {
        let t = 0;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) t += d[i]! * dG[k * n * n + i * n + j]! * d[j]!;
        // ∂/∂θ_s and ∂/∂θ_{s+1} of N dᵀG(m)d: ∓2N G d + ½ N dᵀ∂G d.
        grad[s]![k]! += N * (-2 * Gd[k]! + 0.5 * t);
        grad[s + 1]![k]! += N * (2 * Gd[k]! + 0.5 * t);
      }
    }
    const z = blockTridiagonalSolve(Gs, grad, N);
    let dec = 0;
    for (let s = 1; s < N; s++) for (let k = 0; k < n; k++) dec += grad[s]![k]! * z[s]![k]!;
    residual = Math.abs(dec) / Math.max(energy, Number.MIN_VALUE);
    onProgress?.({ stage: 'relaxation', iteration: iterations, value: energy });
    if (residual <= tol || !(dec > 0)) {
      converged = residual <= tol;
      break;
    }
    let alpha = 1;
    let next: Float64Array[] = X;
    let eNext = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++, alpha *= 0.5) {
      next = X.map((p, s) => (s === 0 || s === N ? p : p.map((v, k) => v - alpha * z[s]![k]!)));
      eNext = energyOf(next);
      if (eNext <= energy - 1e-4 * alpha * dec) break;
    }
    if (!(eNext < energy)) {
      converged = residual <= Math.sqrt(tol);
      break;
    }
    X = next;
    energy = eNext;
  }
  let length = 0;
  for (let s = 0; s < N; s++)
    length += Math.sqrt(quad(metricAt(mid(X[s]!, X[s + 1]!)), diff(X[s]!, X[s + 1]!)));
  return { points: X, energy, length, iterations, converged, residual };
}

/**
 * Solves D X = B in place (D n×n, overwritten; B n×m row-major, overwritten by X) by Gaussian elimination
 * with partial pivoting; throws on a singular D.
 */
function solveInPlace(n: number, D: Float64Array, B: Float64Array, m: number): void {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(D[r * n + c]!) > Math.abs(D[p * n + c]!)) p = r;
    const piv = D[p * n + c]!;
    if (!(Math.abs(piv) > 0) || !Number.isFinite(piv)) throw new RangeError('singular block');
    if (p !== c) {
      for (let k = 0; k < n; k++) [D[c * n + k], D[p * n + k]] = [D[p * n + k]!, D[c * n + k]!];
      for (let k = 0; k < m; k++) [B[c * m + k], B[p * m + k]] = [B[p * m + k]!, B[c * m + k]!];
    }
    for (let r = c + 1; r < n; r++) {
      const f = D[r * n + c]! / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) D[r * n + k]! -= f * D[c * n + k]!;
      for (let k = 0; k < m; k++) B[r * m + k]! -= f * B[c * m + k]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    const piv = D[c * n + c]!;
    for (let k = 0; k < m; k++) {
      let v = B[c * m + k]!;
      for (let j = c + 1; j < n; j++) v -= D[c * n + j]! * B[j * m + k]!;
      B[c * m + k] = v / piv;
    }
  }
}

/**
 * Solves H z = g for the interior points, H the Hessian of N Σ dᵀ G_s d with G_s frozen: diagonal blocks
 * 2N(G_{s−1} + G_s), off-diagonal −2N G_s (block Thomas algorithm on raw n×n blocks). Entries 0 and N of
 * the result are zero.
 */
function blockTridiagonalSolve(Gs: DenseMatrix[], g: Float64Array[], N: number): Float64Array[] {
  const n = g[0]!.length;
  const n2 = n * n;
  const c = 2 * N;
  // Row-major [C'_i | g'_i], n × (n + 1), per interior point i = 1 … N−1 (index i − 1).
  const m = n + 1;
  const W: Float64Array[] = [];
  const D = new Float64Array(n2);
  for (let i = 1; i < N; i++) {
    const A = Gs[i - 1]!.data;
    const B = Gs[i]!.data;
    for (let k = 0; k < n2; k++) D[k] = c * (A[k]! + B[k]!);
    const w = new Float64Array(n * m);
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < n; k++) w[r * m + k] = -c * B[r * n + k]!;
      w[r * m + n] = g[i]![r]!;
    }
    if (i > 1) {
      // L_i = −c G_{i−1}: D −= L C'_{i−1}, r −= L g'_{i−1}.
      const P = W[i - 2]!;
      for (let r = 0; r < n; r++)
        for (let k = 0; k < m; k++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += A[r * n + j]! * P[j * m + k]!;
          if (k < n) D[r * n + k]! += c * s;
          else w[r * m + n]! += c * s;
        }
    }
    solveInPlace(n, D, w, m);
    W.push(w);
  }
  const z: Float64Array[] = Array.from({ length: N + 1 }, () => new Float64Array(n));
  for (let i = N - 1; i >= 1; i--) {
    const w = W[i - 1]!;
    const next = z[i + 1]!;
    const zi = z[i]!;
    for (let r = 0; r < n; r++) {
      let v = w[r * m + n]!;
      if (i + 1 < N) for (let k = 0; k < n; k++) v -= w[r * m + k]! * next[k]!;
      zi[r] = v;
    }
  }
  return z;
}
