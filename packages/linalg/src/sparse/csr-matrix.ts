import { DenseMatrix, type MatrixInput, toDense } from '../core/dense-matrix.js';
import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { checkInput, outVector } from '../iterative/util.js';
import { cooToCsr } from './coo-to-csr.js';

/**
 * A sparse matrix in compressed sparse row form: the column indices of row i are
 * `colIdx[rowPtr[i] .. rowPtr[i+1])` (strictly increasing) with entries in `values` at the same
 * positions. Implements {@link LinearOperator} (mv, rmv, diag).
 */
export class CsrMatrix implements LinearOperator {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row pointers, length rows + 1; rowPtr[rows] is the number of stored entries. */
  readonly rowPtr: Int32Array;
  /** Column index of each stored entry (sorted within each row, no duplicates). */
  readonly colIdx: Int32Array;
  /** Value of each stored entry. */
  readonly values: Float64Array;
  /** `true` when the pattern and values are exactly symmetric (computed once). */
  readonly symmetric: boolean;

  /**
   * Wraps (does not copy) CSR arrays after validating their structure.
   * @param rows - number of rows
   * @param cols - number of columns
   * @param rowPtr - row pointers (length rows + 1, non-decreasing, from 0)
   * @param colIdx - column indices, sorted and unique within each row
   * @param values - entries, same length as colIdx
   */
  constructor(rows: number, cols: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0) throw new InvalidArgumentError('rows', rows, 'an integer ≥ 0');
    if (!Number.isInteger(cols) || cols < 0) throw new InvalidArgumentError('cols', cols, 'an integer ≥ 0');
    if (rowPtr.length !== rows + 1)
      throw new DimensionMismatchError('rowPtr.length', rowPtr.length, `${rows + 1}`);
    const nnz = rowPtr[rows]!;
    if (rowPtr[0] !== 0 || colIdx.length !== nnz) {
      throw new DimensionMismatchError(
        'colIdx.length',
        colIdx.length,
        `rowPtr[rows] = ${nnz} with rowPtr[0] = 0`,
      );
    }
    if (values.length !== nnz) throw new DimensionMismatchError('values.length', values.length, `${nnz}`);
    for (let i = 0; i < rows; i++) {
      if (rowPtr[i + 1]! < rowPtr[i]!)
        throw new InvalidArgumentError(`rowPtr[${i + 1}]`, rowPtr[i + 1], 'non-decreasing');
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
        const c = colIdx[p]!;
        if (c < 0 || c >= cols || (p > rowPtr[i]! && c <= colIdx[p - 1]!)) {
          throw new InvalidArgumentError(`colIdx[${p}]`, c, `sorted unique column indices in [0, ${cols})`);
        }
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
    this.symmetric = this.isSymmetric(0);
  }

  /** [rows, cols]. */
  get shape(): readonly [number, number] {
    return [this.rows, this.cols];
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.rowPtr[this.rows]!;
  }

  /**
   * Builds a CSR matrix from coordinate triplets; duplicates are summed, columns sorted, explicit
   * zeros kept (they are part of the pattern).
   * @param rows - number of rows
   * @param cols - number of columns
   * @param rowIndices - row of each triplet
   * @param colIndices - column of each triplet
   * @param vals - value of each triplet
   */
  static fromCoo(
    rows: number,
    cols: number,
    rowIndices: ArrayLike<number>,
    colIndices: ArrayLike<number>,
    vals: ArrayLike<number>,
  ): CsrMatrix {
    const { rowPtr, colIdx, values } = cooToCsr(rows, cols, rowIndices, colIndices, vals);
    return new CsrMatrix(rows, cols, rowPtr, colIdx, values);
  }

  /**
   * The CSR form of a dense matrix, keeping entries with |aᵢⱼ| > `dropTol` (default 0: nonzeros).
   * @param A - any dense {@link MatrixInput}
   * @param dropTol - magnitude at or below which entries are dropped
   */
  static fromDense(A: MatrixInput, dropTol = 0): CsrMatrix {
    const M = toDense(A, 'A');
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < M.rows; i++)
      for (let j = 0; j < M.cols; j++) {
        const x = M.data[i * M.cols + j]!;
        if (Math.abs(x) > dropTol) {
          r.push(i);
          c.push(j);
          v.push(x);
        }
      }
    return CsrMatrix.fromCoo(M.rows, M.cols, r, c, v);
  }

  /** y = A x (writes into `out` when given). */
  mv(x: Float64Array, out?: Float64Array): Float64Array {
    checkInput(x, this.cols);
    const y = outVector(this.rows, out);
    const { rowPtr, colIdx, values } = this;
    for (let i = 0; i < this.rows; i++) {
      let s = 0;
      const end = rowPtr[i + 1]!;
      for (let p = rowPtr[i]!; p < end; p++) s += values[p]! * x[colIdx[p]!]!;
      y[i] = s;
    }
    return y;
  }

  /** y = Aᵀ x (writes into `out` when given). */
  rmv(x: Float64Array, out?: Float64Array): Float64Array {
    checkInput(x, this.rows);
    const y = outVector(this.cols, out);
    y.fill(0);
    const { rowPtr, colIdx, values } = this;
    for (let i = 0; i < this.rows; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) y[colIdx[p]!]! += values[p]! * xi;
    }
    return y;
  }

  /** The main diagonal (zeros where no entry is stored). */
  diag(): Float64Array {
    const n = Math.min(this.rows, this.cols);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let p = this.rowPtr[i]!; p < this.rowPtr[i + 1]!; p++)
        if (this.colIdx[p] === i) d[i] = this.values[p]!;
    }
    return d;
  }

  /** The transpose, in CSR form (a counting sort: O(nnz)). */
  transpose(): CsrMatrix {
    const { rows, cols, rowPtr, colIdx, values } = this;
    const nnz = this.nnz;
    const tPtr = new Int32Array(cols + 1);
    for (let p = 0; p < nnz; p++) tPtr[colIdx[p]! + 1]!++;
    for (let j = 0; j < cols; j++) tPtr[j + 1]! += tPtr[j]!;
    const next = tPtr.slice(0, cols);
    const tIdx = new Int32Array(nnz);
    const tVal = new Float64Array(nnz);
    for (let i = 0; i < rows; i++)
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
        const q = next[colIdx[p]!]!++;
        tIdx[q] = i;
        tVal[q] = values[p]!;
      }
    return new CsrMatrix(cols, rows, tPtr, tIdx, tVal);
  }

  /** The dense form (for tests and small matrices). */
  toDense(): DenseMatrix {
    const M = new DenseMatrix(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++)
      for (let p = this.rowPtr[i]!; p < this.rowPtr[i + 1]!; p++)
        M.data[i * this.cols + this.colIdx[p]!] = this.values[p]!;
    return M;
  }

  /** αA, sharing the pattern arrays. */
  scale(alpha: number): CsrMatrix {
    if (!Number.isFinite(alpha)) throw new InvalidArgumentError('alpha', alpha, 'a finite number');
    return new CsrMatrix(
      this.rows,
      this.cols,
      this.rowPtr,
      this.colIdx,
      this.values.map((v) => alpha * v),
    );
  }

  /** αA + βB for B of the same shape (the union of both patterns). */
  add(B: CsrMatrix, alpha = 1, beta = 1): CsrMatrix {
    if (B.rows !== this.rows || B.cols !== this.cols) {
      throw new DimensionMismatchError('B.shape', `${B.rows}×${B.cols}`, `${this.rows}×${this.cols}`);
    }
    const r: number[] = [];
    const c: number[] = [];
    const v: number[] = [];
    for (const [M, s] of [
      [this, alpha],
      [B, beta],
    ] as const)
      for (let i = 0; i < M.rows; i++)
        for (let p = M.rowPtr[i]!; p < M.rowPtr[i + 1]!; p++) {
          r.push(i);
          c.push(M.colIdx[p]!);
          v.push(s * M.values[p]!);
        }
    return CsrMatrix.fromCoo(this.rows, this.cols, r, c, v);
  }

  /** `true` when square with |aᵢⱼ − aⱼᵢ| ≤ tol·max|a| for every stored entry (missing entries count as 0). */
  isSymmetric(tol = 0): boolean {
    if (this.rows !== this.cols) return false;
    let scale = 0;
    for (let p = 0; p < this.values.length; p++) scale = Math.max(scale, Math.abs(this.values[p]!));
    const bound = tol * scale;
    for (let i = 0; i < this.rows; i++)
      for (let p = this.rowPtr[i]!; p < this.rowPtr[i + 1]!; p++) {
        const j = this.colIdx[p]!;
        if (Math.abs(this.values[p]! - this.get(j, i)) > bound) return false;
      }
    return true;
  }

  /** Entry (i, j) by binary search in row i (0 when not stored). */
  get(i: number, j: number): number {
    let lo = this.rowPtr[i]!;
    let hi = this.rowPtr[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.colIdx[mid]!;
      if (c === j) return this.values[mid]!;
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}
