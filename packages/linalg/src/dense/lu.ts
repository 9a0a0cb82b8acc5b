/** LU factorisation with partial pivoting, PA = LU, and what it gives: solves and determinants. */
import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { SingularMatrixError } from '../core/errors.js';
import { matmul } from '../kernels/matmul.js';
import { type RightHandSide, readRhs, type Solution, writeRhs } from './rhs.js';
import { trsmInPlace } from './triangular.js';

/** An LU factorisation PA = LU with partial (row) pivoting. */
export interface LuResult {
  /** Unit lower-triangular factor L (n×n). */
  L: DenseMatrix;
  /** Upper-triangular factor U (n×n). */
  U: DenseMatrix;
  /** Row permutation: row i of PA is row `perm[i]` of A. */
  perm: Int32Array;
  /** The permutation matrix P (n×n), so that PA = LU. */
  P: DenseMatrix;
  /** Sign of the permutation, ±1 (det P). */
  sign: number;
  /** L and U packed into one matrix (unit diagonal of L implied), as {@link luSolve} reads it. */
  packed: DenseMatrix;
}

/**
 * Blocked right-looking LU with partial pivoting in place on a row-major n×n buffer; returns the
 * sign of the permutation. Panels of `nb` columns are factored unblocked, then the trailing
 * matrix is updated by one GEMM (A₂₂ −= L₂₁U₁₂) through the shared `matmul` kernel (internal).
 */
export function luInPlace(a: Float64Array, n: number, perm: Int32Array, nb = 48): number {
  let sign = 1;
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k0 = 0; k0 < n; k0 += nb) {
    const k1 = Math.min(k0 + nb, n);
    for (let k = k0; k < k1; k++) {
      let p = k;
      let best = Math.abs(a[k * n + k]!);
      for (let i = k + 1; i < n; i++) {
        const v = Math.abs(a[i * n + k]!);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (p !== k) {
        const rk = k * n;
        const rp = p * n;
        for (let j = 0; j < n; j++) {
          const t = a[rk + j]!;
          a[rk + j] = a[rp + j]!;
          a[rp + j] = t;
        }
        const t = perm[k]!;
        perm[k] = perm[p]!;
        perm[p] = t;
        sign = -sign;
      }
      const pivot = a[k * n + k]!;
      if (pivot === 0) continue;
      const inv = 1 / pivot;
      const rk = k * n;
      for (let i = k + 1; i < n; i++) {
        const ri = i * n;
        const l = a[ri + k]! * inv;
        a[ri + k] = l;
        if (l === 0) continue;
        for (let j = k + 1; j < k1; j++) a[ri + j]! -= l * a[rk + j]!;
      }
    }
    if (k1 >= n) break;
    // U₁₂ = L₁₁⁻¹A₁₂ (unit lower, row-oriented)
    for (let i = k0 + 1; i < k1; i++) {
      const ri = i * n;
      for (let l = k0; l < i; l++) {
        const f = a[ri + l]!;
        if (f === 0) continue;
        const rl = l * n;
        for (let c = k1; c < n; c++) a[ri + c]! -= f * a[rl + c]!;
      }
    }
    // A₂₂ −= L₂₁U₁₂
    const mr = n - k1;
    const kb = k1 - k0;
    const l21 = new Float64Array(mr * kb);
    const u12 = new Float64Array(kb * mr);
    for (let i = 0; i < mr; i++) l21.set(a.subarray((k1 + i) * n + k0, (k1 + i) * n + k1), i * kb);
    for (let i = 0; i < kb; i++) u12.set(a.subarray((k0 + i) * n + k1, (k0 + i + 1) * n), i * mr);
    const prod = matmul(new DenseMatrix(mr, kb, l21), new DenseMatrix(kb, mr, u12)).data;
    for (let i = 0; i < mr; i++) {
      const ri = (k1 + i) * n + k1;
      const pi = i * mr;
      for (let c = 0; c < mr; c++) a[ri + c]! -= prod[pi + c]!;
    }
  }
  return sign;
}

/**
 * LU factorisation with partial pivoting: PA = LU. Never throws for singular A (U then has a
 * zero or tiny diagonal entry); {@link luSolve} does.
 * @param A - square matrix
 */
export function lu(A: MatrixInput): LuResult {
  const a = toDense(A, 'A', { square: true, copy: true });
  const n = a.rows;
  const perm = new Int32Array(n);
  const sign = luInPlace(a.data, n, perm);
  const L = new DenseMatrix(n, n);
  const U = new DenseMatrix(n, n);
  const P = new DenseMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) L.data[i * n + j] = a.data[i * n + j]!;
    L.data[i * n + i] = 1;
    for (let j = i; j < n; j++) U.data[i * n + j] = a.data[i * n + j]!;
    P.data[i * n + perm[i]!] = 1;
  }
  return { L, U, perm, P, sign, packed: a };
}

/**
 * Throws {@link SingularMatrixError} when a pivot of the packed LU is at most n·ε times the largest
 * pivot: the reciprocal condition number is then below n·ε and a solve has no correct digits (internal).
 */
export function assertNonsingularLu(packed: Float64Array, n: number, argument: string): void {
  let maxPivot = 0;
  for (let i = 0; i < n; i++) maxPivot = Math.max(maxPivot, Math.abs(packed[i * n + i]!));
  const tol = n * Number.EPSILON * maxPivot;
  for (let i = 0; i < n; i++) {
    const u = Math.abs(packed[i * n + i]!);
    if (u === 0 || u <= tol) {
      throw new SingularMatrixError(
        argument,
        `${n}×${n} matrix`,
        'a nonsingular matrix',
        `LU pivot ${i} is ${packed[i * n + i]!} (≤ n·ε·max pivot = ${tol})`,
      );
    }
  }
}

/**
 * Solves A x = b from an {@link lu} factorisation.
 * @param factor - the result of {@link lu}
 * @param b - a vector, or a matrix whose columns are right-hand sides
 * @returns x, of the same kind as b
 * @throws SingularMatrixError when A is singular to working precision
 */
export function luSolve<B extends RightHandSide>(factor: LuResult, b: B, argument = 'A'): Solution<B> {
  const n = factor.packed.rows;
  const lu = factor.packed.data;
  assertNonsingularLu(lu, n, argument);
  const rhs = readRhs(b, n);
  const { k } = rhs;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) x.set(rhs.data.subarray(factor.perm[i]! * k, (factor.perm[i]! + 1) * k), i * k);
  trsmInPlace(lu, n, x, k, true, false, true, argument);
  trsmInPlace(lu, n, x, k, false, false, false, argument);
  return writeRhs<B>(x, n, k, rhs.isVector);
}

/** Sign and log-magnitude of a determinant, as returned by {@link slogdet}. */
export interface SignedLogDet {
  /** Sign of det A: +1, −1, or 0 for an exactly singular matrix. */
  sign: number;
  /** log|det A| (−∞ when det A = 0). */
  logAbsDet: number;
}

/** Sign and log|det A| via LU: never overflows or underflows, unlike {@link det}. */
export function slogdet(A: MatrixInput): SignedLogDet {
  const a = toDense(A, 'A', { square: true, copy: true });
  const n = a.rows;
  let sign = luInPlace(a.data, n, new Int32Array(n));
  let logAbsDet = 0;
  for (let i = 0; i < n; i++) {
    const u = a.data[i * n + i]!;
    if (u === 0) return { sign: 0, logAbsDet: Number.NEGATIVE_INFINITY };
    if (u < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(u));
  }
  return { sign, logAbsDet };
}

/** Determinant via LU with partial pivoting (0 for an exactly singular matrix; may over/underflow — see {@link slogdet}). */
export function det(A: MatrixInput): number {
  const a = toDense(A, 'A', { square: true, copy: true });
  const n = a.rows;
  let d = luInPlace(a.data, n, new Int32Array(n));
  for (let i = 0; i < n; i++) d *= a.data[i * n + i]!;
  return d === 0 ? 0 : d; // no −0
}
