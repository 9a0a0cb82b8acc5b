/**
 * Thin singular value decomposition A = U diag(s) Vᵀ by column-pivoted QR preconditioning followed
 * by one-sided (Hestenes) Jacobi on the rows of R — Drmač–Veselić's scheme, which computes singular values to
 * high relative accuracy and orthonormal U, V without a bidiagonal QR iteration.
 */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { ConvergenceError } from '../core/errors.js';
import { matmul } from '../kernels/matmul.js';
import { formQ, householderQr } from './qr.js';

/** Options for {@link svd}. */
export interface SvdOptions {
  /** Compute U and V (default true). When false both are 0×0 and only `s` is returned. */
  vectors?: boolean;
}

/** A thin SVD A = U diag(s) Vᵀ with k = min(m, n). */
export interface SvdResult {
  /** m×k, orthonormal columns (left singular vectors). */
  U: DenseMatrix;
  /** The k singular values, descending and ≥ 0. */
  s: Float64Array;
  /** n×k, orthonormal columns (right singular vectors); column j pairs with s[j]. */
  V: DenseMatrix;
}

const MAX_SWEEPS = 80;

/** ‖row r‖² of the n×n buffer w, four accumulators (internal). */
function rowNormSq(w: Float64Array, n: number, r: number): number {
  const o = r * n;
  let s0 = 0;
  let s1 = 0;
  let c = 0;
  for (; c + 1 < n; c += 2) {
    s0 += w[o + c]! * w[o + c]!;
    s1 += w[o + c + 1]! * w[o + c + 1]!;
  }
  if (c < n) s0 += w[o + c]! * w[o + c]!;
  return s0 + s1;
}

/**
 * One-sided Jacobi on the rows of the n×n buffer `w`: rotates pairs of rows until all are mutually
 * orthogonal (|⟨wₚ, w_q⟩| ≤ tol‖wₚ‖‖w_q‖), applying the same rotations to the rows of `jt` when given.
 * Squared row norms are tracked through the rotations (‖wₚ′‖² = ‖wₚ‖² − t⟨wₚ, w_q⟩) and recomputed
 * at every sweep and whenever one drops by more than 10×, so each pair costs one dot product.
 */
function jacobiRows(w: Float64Array, n: number, jt: Float64Array | null): void {
  const tol = Math.max(1, Math.sqrt(n)) * Number.EPSILON;
  const nrm = new Float64Array(n);
  let worst = Number.POSITIVE_INFINITY;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    worst = 0;
    for (let r = 0; r < n; r++) nrm[r] = rowNormSq(w, n, r);
    for (let p = 0; p < n - 1; p++) {
      const rp = p * n;
      for (let q = p + 1; q < n; q++) {
        const app = nrm[p]!;
        const aqq = nrm[q]!;
        if (app === 0 || aqq === 0) continue;
        const rq = q * n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        let c = 0;
        for (; c + 3 < n; c += 4) {
          s0 += w[rp + c]! * w[rq + c]!;
          s1 += w[rp + c + 1]! * w[rq + c + 1]!;
          s2 += w[rp + c + 2]! * w[rq + c + 2]!;
          s3 += w[rp + c + 3]! * w[rq + c + 3]!;
        }
        for (; c < n; c++) s0 += w[rp + c]! * w[rq + c]!;
        const apq = s0 + s1 + (s2 + s3);
        if (apq === 0) continue;
        const ratio = Math.abs(apq) / Math.sqrt(app * aqq);
        if (ratio > worst) worst = ratio;
        if (ratio <= tol) continue;
        rotated = true;
        const zeta = (aqq - app) / (2 * apq);
        const t =
          Math.abs(zeta) > 1e150
            ? 0.5 / zeta
            : (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = t * cs;
        for (let k = 0; k < n; k++) {
          const x = w[rp + k]!;
          const y = w[rq + k]!;
          w[rp + k] = cs * x - sn * y;
          w[rq + k] = sn * x + cs * y;
        }
        if (jt !== null) {
          for (let k = 0; k < n; k++) {
            const x = jt[rp + k]!;
            const y = jt[rq + k]!;
            jt[rp + k] = cs * x - sn * y;
            jt[rq + k] = sn * x + cs * y;
          }
        }
        const np = app - t * apq;
        const nq = aqq + t * apq;
        nrm[p] = np < 0.1 * app ? rowNormSq(w, n, p) : np;
        nrm[q] = nq < 0.1 * aqq ? rowNormSq(w, n, q) : nq;
      }
    }
    if (!rotated) return;
  }
  if (worst > 1e-10) {
    throw new ConvergenceError('A', worst, 'one-sided Jacobi to converge', `after ${MAX_SWEEPS} sweeps`);
  }
}

/** Fills rows of the n×n `vt` flagged in `zero` with an orthonormal completion of the other rows. */
function completeRows(vt: Float64Array, n: number, zero: Uint8Array): void {
  const done: number[] = [];
  for (let r = 0; r < n; r++) if (zero[r] === 0) done.push(r);
  for (let r = 0; r < n; r++) {
    if (zero[r] === 0) continue;
    const row = vt.subarray(r * n, (r + 1) * n);
    for (let e = 0; e < n; e++) {
      row.fill(0);
      row[e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (const d of done) {
          let s = 0;
          for (let c = 0; c < n; c++) s += row[c]! * vt[d * n + c]!;
          for (let c = 0; c < n; c++) row[c]! -= s * vt[d * n + c]!;
        }
      }
      let nrm = 0;
      for (let c = 0; c < n; c++) nrm += row[c]! * row[c]!;
      nrm = Math.sqrt(nrm);
      if (nrm > 0.5) {
        for (let c = 0; c < n; c++) row[c]! /= nrm;
        break;
      }
    }
    done.push(r);
  }
}

/** SVD of a tall (m ≥ n) matrix; `a` is overwritten. */
function svdTall(a: Float64Array, m: number, n: number, vectors: boolean): SvdResult {
  let amax = 0;
  for (let i = 0; i < a.length; i++) amax = Math.max(amax, Math.abs(a[i]!));
  // Scale by a power of two (exact) so that squared row norms neither overflow nor underflow.
  const e = amax > 0 ? Math.floor(Math.log2(amax)) : 0;
  const down = 2 ** -e;
  if (e !== 0) for (let i = 0; i < a.length; i++) a[i]! *= down;
  // Drmač–Veselić preconditioning: AP = Q₁R₁ (column pivoting), then R₁ᵀ = Q₂R₂; Jacobi runs on
  // the rows of R₂, which are far closer to orthogonal than those of A (≈ half the sweeps).
  const f = householderQr(a, m, n, true);
  const r1t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) r1t[j * n + i] = f.qr[i * n + j]!;
  const g = householderQr(r1t, n, n);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) w[i * n + j] = g.qr[i * n + j]!;
  const jt = vectors ? DenseMatrix.identity(n).data : null;
  jacobiRows(w, n, jt);
  const norms = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += w[r * n + c]! * w[r * n + c]!;
    norms[r] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => norms[y]! - norms[x]!);
  const up = 2 ** e;
  const s = Float64Array.from(order, (r) => norms[r]! * up);
  if (!vectors || jt === null) return { U: new DenseMatrix(0, 0), s, V: new DenseMatrix(0, 0) };
  // Jt R₂ = Σ Yᵀ (Y = normalised rows of w as columns), so R₁ = R₂ᵀQ₂ᵀ = Y Σ (Q₂Jtᵀ)ᵀ and
  // AP = (Q₁Y) Σ (Q₂Jtᵀ)ᵀ: U = Q₁Y, V = P Q₂ Jtᵀ (columns permuted to descending order).
  const yt = new Float64Array(n * n);
  const jtSorted = new DenseMatrix(n, n);
  const zero = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const r = order[k]!;
    const nr = norms[r]!;
    jtSorted.data.set(jt.subarray(r * n, (r + 1) * n), k * n);
    if (nr < 1e-290) {
      zero[k] = 1;
      s[k] = 0;
    } else for (let c = 0; c < n; c++) yt[k * n + c] = w[r * n + c]! / nr;
  }
  completeRows(yt, n, zero);
  const U = matmul(formQ(f, n), new DenseMatrix(n, n, yt).transpose());
  const vp = matmul(formQ(g, n), jtSorted.transpose()).data;
  const V = new DenseMatrix(n, n);
  for (let j = 0; j < n; j++) V.data.set(vp.subarray(j * n, (j + 1) * n), f.perm[j]! * n);
  return { U, s, V };
}

/**
 * Thin SVD A = U diag(s) Vᵀ of any m×n matrix, singular values descending. Accuracy: singular
 * values to high relative accuracy (one-sided Jacobi), U and V orthonormal to ~√n·ε.
 * @param A - m×n matrix with finite entries
 * @param options - `vectors: false` to skip U and V
 * @throws ConvergenceError if Jacobi has not converged after 80 sweeps (never observed)
 * @example
 * ```ts
 * import { svd } from '@infogeom/linalg';
 *
 * const { U, s, V } = svd([[3, 0], [4, 5]]);
 * console.log(Array.from(s, (v) => +(v / Math.sqrt(5)).toFixed(12))); // s = [3√5, √5]
 * console.log(U.rows, U.cols, V.rows, V.cols);
 * ```
 *
 * ```txt [output]
 * [ 3, 1 ]
 * 2 2 2 2
 * ```
 */
export function svd(A: MatrixInput, options: SvdOptions = {}): SvdResult {
  const a = toDense(A, 'A');
  const vectors = options.vectors !== false;
  const { rows: m, cols: n } = a;
  if (m >= n) return svdTall(a.data.slice(), m, n, vectors);
  const r = svdTall(a.transpose().data, n, m, vectors);
  return { U: r.V, s: r.s, V: r.U };
}
