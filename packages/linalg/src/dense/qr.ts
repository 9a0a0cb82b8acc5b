/** Householder QR factorisation A = QR of any m×n matrix. */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { InvalidArgumentError } from '../core/errors.js';
import { applyBlockReflector, buildT } from './block-reflector.js';
import { scaledNorm } from './matrix-ops.js';

/** Options for {@link qr}. */
export interface QrOptions {
  /**
   * `'reduced'` (default): Q is m×k and R is k×n with k = min(m, n).
   * `'complete'`: Q is m×m and R is m×n.
   */
  mode?: 'reduced' | 'complete';
}

/** A QR factorisation A = QR. */
export interface QrResult {
  /** Q with orthonormal columns. */
  Q: DenseMatrix;
  /** Upper-triangular (trapezoidal) R. */
  R: DenseMatrix;
}

/** Householder reflectors in LAPACK's compact form (internal). */
export interface CompactQr {
  /** m×n: R on and above the diagonal, reflector tails vₖ (with implied vₖ[k] = 1) below it. */
  qr: Float64Array;
  /** Reflector scalars: Hₖ = I − τₖ vₖ vₖᵀ. */
  tau: Float64Array;
  /** Rows. */
  m: number;
  /** Columns. */
  n: number;
  /** Column permutation (identity unless pivoted): column j of AP is column perm[j] of A. */
  perm: Int32Array;
}

/** Panel width of the blocked (compact-WY) Householder QR. */
const NB = 32;

/** Swaps the remaining column of largest norm into position j (internal). */
function pivotColumn(
  a: Float64Array,
  m: number,
  n: number,
  j: number,
  perm: Int32Array,
  vn1: Float64Array,
  vn2: Float64Array,
): void {
  let p = j;
  for (let c = j + 1; c < n; c++) if (vn1[c]! > vn1[p]!) p = c;
  if (p === j) return;
  for (let i = 0; i < m; i++) {
    const t = a[i * n + j]!;
    a[i * n + j] = a[i * n + p]!;
    a[i * n + p] = t;
  }
  const tp = perm[j]!;
  perm[j] = perm[p]!;
  perm[p] = tp;
  vn1[p] = vn1[j]!;
  vn2[p] = vn2[j]!;
}

/** Downdates the partial column norms after step j, recomputing those that lost too many digits. */
function downdateNorms(
  a: Float64Array,
  m: number,
  n: number,
  j: number,
  vn1: Float64Array,
  vn2: Float64Array,
  tol3z: number,
): void {
  for (let c = j + 1; c < n; c++) {
    if (vn1[c] === 0) continue;
    const r = Math.abs(a[j * n + c]!) / vn1[c]!;
    const t = Math.max(0, (1 + r) * (1 - r));
    const t2 = t * (vn1[c]! / vn2[c]!) ** 2;
    if (t2 <= tol3z) vn1[c] = vn2[c] = scaledNorm(a, (j + 1) * n + c, m * n, n);
    else vn1[c]! *= Math.sqrt(t);
  }
}

/** Generates reflector j from column j below the diagonal (tail stored in place, rⱼⱼ on the diagonal); returns τ. */
function makeReflector(a: Float64Array, m: number, n: number, j: number): number {
  const alpha = a[j * n + j]!;
  const xnorm = scaledNorm(a, (j + 1) * n + j, m * n, n);
  if (xnorm === 0) return 0; // already zero below the diagonal: H = I
  const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
  const inv = 1 / (alpha - beta);
  for (let i = j + 1; i < m; i++) a[i * n + j]! *= inv;
  a[j * n + j] = beta;
  return (beta - alpha) / beta;
}

/**
 * Householder QR of a row-major m×n buffer, in place (internal). Each reflector is applied as
 * w = vᵀA (accumulated row by row) then A −= τ v wᵀ, so inner loops run along contiguous rows.
 * With `pivot`, columns are pivoted by largest remaining norm (LAPACK dgeqp3's norm downdating),
 * giving AP = QR with |r₀₀| ≥ |r₁₁| ≥ …; `perm[j]` is the column of A now in position j.
 */
export function householderQr(a: Float64Array, m: number, n: number, pivot = false): CompactQr {
  const k = Math.min(m, n);
  const tau = new Float64Array(k);
  const w = new Float64Array(n);
  const perm = new Int32Array(n);
  for (let j = 0; j < n; j++) perm[j] = j;
  const vn1 = new Float64Array(pivot ? n : 0);
  const vn2 = new Float64Array(pivot ? n : 0);
  if (pivot) for (let c = 0; c < n; c++) vn1[c] = vn2[c] = scaledNorm(a, c, m * n, n);
  const tol3z = Math.sqrt(Number.EPSILON);
  // Unpivoted: factor panels of NB columns, then update the trailing columns with one block reflector.
  const nb = pivot || k < 2 * NB ? k : NB;
  for (let k0 = 0; k0 < k; k0 += nb) {
    const k1 = Math.min(k0 + nb, k);
    const panelEnd = nb === k ? n : k1;
    for (let j = k0; j < k1; j++) {
      if (pivot) pivotColumn(a, m, n, j, perm, vn1, vn2);
      tau[j] = makeReflector(a, m, n, j);
      applyReflector(a, m, n, j, tau[j]!, w, j + 1, panelEnd);
      if (pivot) downdateNorms(a, m, n, j, vn1, vn2, tol3z);
    }
    if (panelEnd < n)
      applyBlockReflector(a, n, m, k0, k1 - k0, buildT(a, n, m, k0, k1 - k0, tau), a, n, k1, n, true);
  }
  return { qr: a, tau, m, n, perm };
}

/**
 * Applies Hⱼ = I − τ vⱼ vⱼᵀ (vⱼ stored in column j of `v` below row j, vⱼ[j] = 1) from the left to
 * columns [c0, c1) of the m×nc row-major buffer `b`, rows j..m−1 (internal).
 */
function applyReflector(
  b: Float64Array,
  m: number,
  nc: number,
  j: number,
  t: number,
  w: Float64Array,
  c0: number,
  c1: number,
  v: Float64Array = b,
  nv: number = nc,
): void {
  if (t === 0 || c0 >= c1) return;
  for (let c = c0; c < c1; c++) w[c] = b[j * nc + c]!;
  for (let i = j + 1; i < m; i++) {
    const vi = v[i * nv + j]!;
    if (vi === 0) continue;
    const ri = i * nc;
    for (let c = c0; c < c1; c++) w[c]! += vi * b[ri + c]!;
  }
  for (let c = c0; c < c1; c++) b[j * nc + c]! -= t * w[c]!;
  for (let i = j + 1; i < m; i++) {
    const f = t * v[i * nv + j]!;
    if (f === 0) continue;
    const ri = i * nc;
    for (let c = c0; c < c1; c++) b[ri + c]! -= f * w[c]!;
  }
}

/** Overwrites the m×k buffer `b` with Qᵀb (internal; used by least squares). */
export function applyQt(f: CompactQr, b: Float64Array, k: number): void {
  const w = new Float64Array(k);
  for (let j = 0; j < f.tau.length; j++) applyReflector(b, f.m, k, j, f.tau[j]!, w, 0, k, f.qr, f.n);
}

/** Forms the first `cols` columns of Q = H₀H₁⋯ from the compact form (internal). */
export function formQ(f: CompactQr, cols: number): DenseMatrix {
  const { m } = f;
  const k = f.tau.length;
  const q = new Float64Array(m * cols);
  for (let i = 0; i < Math.min(m, cols); i++) q[i * cols + i] = 1;
  if (k < 2 * NB) {
    const w = new Float64Array(cols);
    for (let j = k - 1; j >= 0; j--) applyReflector(q, m, cols, j, f.tau[j]!, w, 0, cols, f.qr, f.n);
  } else {
    for (let k0 = Math.floor((k - 1) / NB) * NB; k0 >= 0; k0 -= NB) {
      const kb = Math.min(NB, k - k0);
      applyBlockReflector(f.qr, f.n, m, k0, kb, buildT(f.qr, f.n, m, k0, kb, f.tau), q, cols, 0, cols, false);
    }
  }
  return new DenseMatrix(m, cols, q);
}

/**
 * Householder QR factorisation A = QR, for any m×n matrix (backward stable; R's diagonal may be negative).
 * @param A - m×n matrix
 * @param options - `mode: 'reduced' | 'complete'`
 * @returns Q with orthonormal columns and upper-triangular R
 */
export function qr(A: MatrixInput, options: QrOptions = {}): QrResult {
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete') {
    throw new InvalidArgumentError('options.mode', mode, "'reduced' or 'complete'");
  }
  const a = toDense(A, 'A', { copy: true });
  const { rows: m, cols: n } = a;
  const f = householderQr(a.data, m, n);
  const k = mode === 'complete' ? m : Math.min(m, n);
  const R = new DenseMatrix(k, n);
  for (let i = 0; i < Math.min(k, m); i++) for (let j = i; j < n; j++) R.data[i * n + j] = f.qr[i * n + j]!;
  return { Q: formQ(f, k), R };
}
