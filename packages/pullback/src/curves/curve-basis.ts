import { InvalidArgumentError } from '@infogeom/linalg';

/**
 * A curve family linear in its nodes y₀…y_N (uniform parameter t ∈ [0, 1]): at quadrature points t_q,
 * c(t_q) = Σᵢ B_qi yᵢ and ċ(t_q) = Σᵢ B′_qi yᵢ, with quadrature weights w_q on [0, 1].
 */
export interface CurveBasis {
  /** Kind of curve. */
  readonly kind: 'spline' | 'polyline';
  /** Number of intervals N (nodes N + 1). */
  readonly intervals: number;
  /** Quadrature points per interval. */
  readonly pointsPerInterval: number;
  /** Quadrature parameters t_q, length Q. */
  readonly t: Float64Array;
  /** Quadrature weights w_q (sum 1). */
  readonly w: Float64Array;
  /** Q×(N+1) values basis, row-major. */
  readonly B: Float64Array;
  /** Q×(N+1) derivative basis, row-major. */
  readonly dB: Float64Array;
  /** Values and derivatives of the basis at an arbitrary t (rows of length N + 1). */
  at(t: number): BasisRow;
}

/** The basis functions and their derivatives at one parameter t. */
export interface BasisRow {
  /** c(t) = Σᵢ valueᵢ yᵢ. */
  value: Float64Array;
  /** ċ(t) = Σᵢ derivativeᵢ yᵢ. */
  derivative: Float64Array;
}

const GL: Record<number, [number[], number[]]> = {
  1: [[0], [2]],
  2: [
    [-1 / Math.sqrt(3), 1 / Math.sqrt(3)],
    [1, 1],
  ],
  3: [
    [-Math.sqrt(0.6), 0, Math.sqrt(0.6)],
    [5 / 9, 8 / 9, 5 / 9],
  ],
  4: [
    [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526],
    [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538],
  ],
  5: [
    [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664],
    [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891],
  ],
};

/**
 * Second-derivative operator S of the not-a-knot cubic spline through N+1 equally spaced values:
 * M = S y (M the second derivatives at the knots). Not-a-knot keeps O(h⁴) accuracy up to the ends.
 */
function splineSecondDerivatives(N: number): Float64Array {
  const n = N + 1;
  const h = 1 / N;
  // Rows: not-a-knot at both ends, the C² conditions M_{i−1} + 4M_i + M_{i+1} = 6(y_{i−1} − 2y_i + y_{i+1})/h².
  const A = new Float64Array(n * n);
  const R = new Float64Array(n * n);
  if (N < 3) {
    // Too few intervals for not-a-knot: one cubic through all (N = 2 → parabola, N = 1 → line).
    for (let i = 0; i < n; i++) A[i * n + i] = 1;
    if (N === 2) for (let i = 0; i < n; i++) R.set([1 / (h * h), -2 / (h * h), 1 / (h * h)], i * n);
    return solveDense(A, R, n);
  }
  A[0] = 1;
  A[1] = -2;
  A[2] = 1;
  for (let i = 1; i < N; i++) {
    A[i * n + i - 1] = 1;
    A[i * n + i] = 4;
    A[i * n + i + 1] = 1;
    R[i * n + i - 1] = 6 / (h * h);
    R[i * n + i] = -12 / (h * h);
    R[i * n + i + 1] = 6 / (h * h);
  }
  A[N * n + N - 2] = 1;
  A[N * n + N - 1] = -2;
  A[N * n + N] = 1;
  return solveDense(A, R, n);
}

/** X = A⁻¹ R by Gaussian elimination with partial pivoting (n small). */
function solveDense(A: Float64Array, R: Float64Array, n: number): Float64Array {
  const a = A.slice();
  const r = R.slice();
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(a[i * n + c]!) > Math.abs(a[p * n + c]!)) p = i;
    if (p !== c)
      for (let j = 0; j < n; j++) {
        [a[c * n + j], a[p * n + j]] = [a[p * n + j]!, a[c * n + j]!];
        [r[c * n + j], r[p * n + j]] = [r[p * n + j]!, r[c * n + j]!];
      }
    const piv = a[c * n + c]!;
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const f = a[i * n + c]! / piv;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        a[i * n + j]! -= f * a[c * n + j]!;
        r[i * n + j]! -= f * r[c * n + j]!;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    const piv = a[i * n + i]!;
    for (let j = 0; j < n; j++) r[i * n + j]! /= piv;
  }
  return r;
}

const cache = new Map<string, CurveBasis>();

/**
 * The basis of a cubic spline (C² at the knots, not-a-knot ends) or of a polyline through N+1 nodes, with
 * `points` Gauss–Legendre points per interval (default 4 for splines, 1 — the midpoint — for polylines).
 */
export function curveBasis(kind: 'spline' | 'polyline', intervals: number, points?: number): CurveBasis {
  const N = intervals;
  if (!Number.isInteger(N) || N < 1) throw new InvalidArgumentError('intervals', N, 'an integer ≥ 1');
  const P = points ?? (kind === 'spline' ? 4 : 1);
  const gl = GL[P];
  if (gl === undefined) throw new InvalidArgumentError('points', P, 'an integer in 1…5');
  const key = `${kind}:${N}:${P}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const n = N + 1;
  const h = 1 / N;
  const S = kind === 'spline' ? splineSecondDerivatives(N) : new Float64Array(n * n);
  const at = (tt: number): BasisRow => {
    const t = Math.min(1, Math.max(0, tt));
    const j = Math.min(N - 1, Math.floor(t * N));
    const s = t * N - j;
    const value = new Float64Array(n);
    const derivative = new Float64Array(n);
    value[j]! += 1 - s;
    value[j + 1]! += s;
    derivative[j]! -= 1 / h;
    derivative[j + 1]! += 1 / h;
    if (kind === 'spline') {
      const cj = (h * h * ((1 - s) ** 3 - (1 - s))) / 6;
      const cj1 = (h * h * (s ** 3 - s)) / 6;
      const dj = (-h * (3 * (1 - s) ** 2 - 1)) / 6;
      const dj1 = (h * (3 * s * s - 1)) / 6;
      for (let i = 0; i < n; i++) {
        value[i]! += cj * S[j * n + i]! + cj1 * S[(j + 1) * n + i]!;
        derivative[i]! += dj * S[j * n + i]! + dj1 * S[(j + 1) * n + i]!;
      }
    }
    return { value, derivative };
  };
  const Q = N * P;
  const t = new Float64Array(Q);
  const w = new Float64Array(Q);
  const B = new Float64Array(Q * n);
  const dB = new Float64Array(Q * n);
  for (let j = 0; j < N; j++)
    for (let k = 0; k < P; k++) {
      const q = j * P + k;
      t[q] = (j + 0.5 + 0.5 * gl[0][k]!) * h;
      w[q] = 0.5 * gl[1][k]! * h;
      const r = at(t[q]!);
      B.set(r.value, q * n);
      dB.set(r.derivative, q * n);
    }
  const basis: CurveBasis = { kind, intervals: N, pointsPerInterval: P, t, w, B, dB, at };
  cache.set(key, basis);
  return basis;
}
