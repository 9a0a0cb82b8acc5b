import { sqDistBounded } from './nn-descent-heap.js';

/**
 * Points prepared for fast squared distances: the dense rows, their squared norms and, when fewer
 * than a third of the entries are non-zero (images, bag-of-words), a sparse copy of each row so that
 * ‖a − b‖² = ‖a‖² + ‖b‖² − 2 Σ_{t ∈ nz(a)} a_t b_t costs O(nnz) instead of O(D). Internal to the knn folder.
 */
export interface PreparedRows {
  /** n × dim row-major dense rows. */
  readonly data: Float64Array;
  /** Number of rows. */
  readonly n: number;
  /** Dimension. */
  readonly dim: number;
  /** Squared row norms. */
  readonly norms: Float64Array;
  /** Row pointers into nzIdx/nzVal (sparse mode), else undefined. */
  readonly nzPtr: Int32Array | undefined;
  /** Column of each stored non-zero. */
  readonly nzIdx: Int32Array | undefined;
  /** Value of each stored non-zero. */
  readonly nzVal: Float64Array | undefined;
}

/** Builds {@link PreparedRows} from dense row-major data. */
export function prepareSparse(data: Float64Array, n: number, dim: number): PreparedRows {
  const norms = new Float64Array(n);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = i * dim; d < (i + 1) * dim; d++) {
      const v = data[d]!;
      s += v * v;
      if (v !== 0) nnz++;
    }
    norms[i] = s;
  }
  if (nnz * 3 > n * dim || dim < 32)
    return { data, n, dim, norms, nzPtr: undefined, nzIdx: undefined, nzVal: undefined };
  const nzPtr = new Int32Array(n + 1);
  const nzIdx = new Int32Array(nnz);
  const nzVal = new Float64Array(nnz);
  let q = 0;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dim; d++) {
      const v = data[i * dim + d]!;
      if (v !== 0) {
        nzIdx[q] = d;
        nzVal[q++] = v;
      }
    }
    nzPtr[i + 1] = q;
  }
  return { data, n, dim, norms, nzPtr, nzIdx, nzVal };
}

/**
 * Squared distance between rows a and b; in dense mode abandoned early (returning a value > `bound`)
 * once the partial sum exceeds `bound`, in sparse mode by the norm expansion (clamped at 0).
 */
export function rowSqDist(r: PreparedRows, a: number, b: number, bound: number): number {
  const { nzPtr, nzIdx, nzVal } = r;
  if (nzPtr === undefined || nzIdx === undefined || nzVal === undefined)
    return sqDistBounded(r.data, r.dim, a, b, bound);
  let s = a;
  let o = b;
  if (nzPtr[a + 1]! - nzPtr[a]! > nzPtr[b + 1]! - nzPtr[b]!) {
    s = b;
    o = a;
  }
  const data = r.data;
  const base = o * r.dim;
  let dot = 0;
  const end = nzPtr[s + 1]!;
  for (let p = nzPtr[s]!; p < end; p++) dot += nzVal[p]! * data[base + nzIdx[p]!]!;
  const d = r.norms[a]! + r.norms[b]! - 2 * dot;
  return Math.max(d, 0);
}

/** Dot product of row i with a dense vector v of length dim. */
export function rowDot(r: PreparedRows, i: number, v: Float64Array): number {
  const { nzPtr, nzIdx, nzVal } = r;
  let s = 0;
  if (nzPtr === undefined || nzIdx === undefined || nzVal === undefined) {
    const base = i * r.dim;
    for (let d = 0; d < r.dim; d++) s += v[d]! * r.data[base + d]!;
    return s;
  }
  const end = nzPtr[i + 1]!;
  for (let p = nzPtr[i]!; p < end; p++) s += nzVal[p]! * v[nzIdx[p]!]!;
  return s;
}
