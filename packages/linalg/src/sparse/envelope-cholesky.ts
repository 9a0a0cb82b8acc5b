import { DimensionMismatchError, InvalidArgumentError, NotPositiveDefiniteError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { checkInput, outVector } from '../iterative/util.js';
import type { CsrMatrix } from './csr-matrix.js';
import { reverseCuthillMcKee } from './reverse-cuthill-mckee.js';

/** Options for {@link envelopeCholesky}. */
export interface EnvelopeCholeskyOptions {
  /** Factor A + shift·I instead of A (default 0). */
  shift?: number;
  /** Fill-reducing ordering: reverse Cuthill–McKee (default) or the natural order. */
  ordering?: 'rcm' | 'none';
  /** Refuse (InvalidArgumentError) when the envelope would hold more entries than this (default 3·10⁷). */
  maxEntries?: number;
}

/** A sparse Cholesky factorisation P(A + shift·I)Pᵀ = LLᵀ stored by rows within the envelope. */
export interface EnvelopeCholesky {
  /** Dimension n. */
  readonly n: number;
  /** The ordering used: perm[newIndex] = oldIndex. */
  readonly perm: Int32Array;
  /** Stored entries of L (the envelope size). */
  readonly entries: number;
  /** x = (A + shift·I)⁻¹ b (writes into `out` when given). */
  solve(b: Float64Array, out?: Float64Array): Float64Array;
  /** The inverse (A + shift·I)⁻¹ as a symmetric {@link LinearOperator} (mv = solve). */
  inverseOperator(): LinearOperator;
}

/**
 * Envelope (skyline) Cholesky of a sparse symmetric positive definite matrix after a reverse
 * Cuthill–McKee reordering. Fill is confined to each row's envelope, so this suits matrices
 * with a small profile such as kNN graphs of low-dimensional manifolds; the backward error is
 * that of dense Cholesky. Only the lower triangle of A is read.
 * @param A - symmetric sparse matrix
 * @param options - shift, ordering, memory cap
 * @throws NotPositiveDefiniteError when a pivot is not positive
 */
export function envelopeCholesky(A: CsrMatrix, options: EnvelopeCholeskyOptions = {}): EnvelopeCholesky {
  const n = A.rows;
  if (A.cols !== n) throw new DimensionMismatchError('A.shape', `${A.rows}×${A.cols}`, 'a square matrix');
  const shift = options.shift ?? 0;
  if (!Number.isFinite(shift)) throw new InvalidArgumentError('shift', shift, 'a finite number');
  const maxEntries = options.maxEntries ?? 3e7;
  const perm =
    options.ordering === 'none' ? Int32Array.from({ length: n }, (_, i) => i) : reverseCuthillMcKee(A);
  const iperm = new Int32Array(n);
  for (let i = 0; i < n; i++) iperm[perm[i]!] = i;
  const first = Int32Array.from({ length: n }, (_, i) => i);
  for (let r = 0; r < n; r++) {
    const i = iperm[r]!;
    for (let p = A.rowPtr[r]!; p < A.rowPtr[r + 1]!; p++) {
      const j = iperm[A.colIdx[p]!]!;
      if (j < i) first[i] = Math.min(first[i]!, j);
      else if (i < j) first[j] = Math.min(first[j]!, i);
    }
  }
  let entries = 0;
  for (let i = 0; i < n; i++) entries += i - first[i]! + 1;
  if (entries > Math.min(maxEntries, 2 ** 31 - 1)) {
    throw new InvalidArgumentError('options.maxEntries', maxEntries, `at least the envelope size ${entries}`);
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + (i - first[i]! + 1);
  const env = new Float64Array(entries);
  for (let r = 0; r < n; r++) {
    const i = iperm[r]!;
    const oi = start[i]! - first[i]!;
    for (let p = A.rowPtr[r]!; p < A.rowPtr[r + 1]!; p++) {
      const j = iperm[A.colIdx[p]!]!;
      if (j <= i) env[oi + j] = A.values[p]!;
    }
    env[oi + i]! += shift;
  }
  for (let i = 0; i < n; i++) {
    const fi = first[i]!;
    const oi = start[i]! - fi;
    let dsum = 0;
    for (let j = fi; j < i; j++) {
      const fj = first[j]!;
      const oj = start[j]! - fj;
      let k = Math.max(fi, fj);
      let s0 = env[oi + j]!;
      let s1 = 0;
      for (; k + 1 < j; k += 2) {
        s0 -= env[oi + k]! * env[oj + k]!;
        s1 -= env[oi + k + 1]! * env[oj + k + 1]!;
      }
      if (k < j) s0 -= env[oi + k]! * env[oj + k]!;
      const lij = (s0 + s1) / env[oj + j]!;
      env[oi + j] = lij;
      dsum += lij * lij;
    }
    const d = env[oi + i]! - dsum;
    if (!(d > 0))
      throw new NotPositiveDefiniteError('A', `pivot ${d} at row ${perm[i]}`, 'a positive definite matrix');
    env[oi + i] = Math.sqrt(d);
  }
  const y = new Float64Array(n);
  const solve = (b: Float64Array, out?: Float64Array): Float64Array => {
    checkInput(b, n, 'b');
    const x = outVector(n, out);
    for (let i = 0; i < n; i++) {
      const fi = first[i]!;
      const oi = start[i]! - fi;
      let s0 = b[perm[i]!]!;
      let s1 = 0;
      let k = fi;
      for (; k + 1 < i; k += 2) {
        s0 -= env[oi + k]! * y[k]!;
        s1 -= env[oi + k + 1]! * y[k + 1]!;
      }
      if (k < i) s0 -= env[oi + k]! * y[k]!;
      y[i] = (s0 + s1) / env[oi + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      const fi = first[i]!;
      const oi = start[i]! - fi;
      const xi = y[i]! / env[oi + i]!;
      y[i] = xi;
      for (let k = fi; k < i; k++) y[k]! -= env[oi + k]! * xi;
    }
    for (let i = 0; i < n; i++) x[perm[i]!] = y[i]!;
    return x;
  };
  return {
    n,
    perm,
    entries,
    solve,
    inverseOperator: () => ({ shape: [n, n] as const, symmetric: true, mv: solve, rmv: solve }),
  };
}
