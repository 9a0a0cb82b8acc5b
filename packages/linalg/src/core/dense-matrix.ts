import { DimensionMismatchError, InvalidArgumentError, NonFiniteError } from './errors.js';

/** The subset of ml-matrix's `AbstractMatrix` we read from (duck-typed, so two copies of ml-matrix interoperate). */
export interface MlMatrixLike {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly columns: number;
  /** Entry (i, j). */
  get(rowIndex: number, columnIndex: number): number;
}

/** Anything accepted where a matrix is expected: our {@link DenseMatrix}, an ml-matrix `Matrix`, or nested arrays. */
export type MatrixInput = DenseMatrix | MlMatrixLike | ArrayLike<ArrayLike<number>>;

/**
 * A dense float64 matrix stored row-major in one flat `Float64Array`: entry (i, j) is
 * `data[i * cols + j]`. Hot kernels read and write `data` directly; {@link toMlMatrix}
 * and {@link DenseMatrix.from} convert to and from ml-matrix.
 */
export class DenseMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** Row-major entries, length `rows * cols`. */
  readonly data: Float64Array;

  /**
   * Wraps (does not copy) `data`, or allocates zeros when it is omitted.
   * @param rows - number of rows (integer ≥ 0)
   * @param cols - number of columns (integer ≥ 0)
   * @param data - row-major entries of length rows·cols
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0) throw new InvalidArgumentError('rows', rows, 'an integer ≥ 0');
    if (!Number.isInteger(cols) || cols < 0) throw new InvalidArgumentError('cols', cols, 'an integer ≥ 0');
    if (data !== undefined && data.length !== rows * cols) {
      throw new DimensionMismatchError('data.length', data.length, `rows·cols = ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** A rows×cols matrix of zeros. */
  static zeros(rows: number, cols: number): DenseMatrix {
    return new DenseMatrix(rows, cols);
  }

  /** The n×n identity. */
  static identity(n: number): DenseMatrix {
    const m = new DenseMatrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
    return m;
  }

  /** The square matrix with `values` on its diagonal. */
  static diagonal(values: ArrayLike<number>): DenseMatrix {
    const n = values.length;
    const m = new DenseMatrix(n, n);
    for (let i = 0; i < n; i++) m.data[i * n + i] = values[i]!;
    return m;
  }

  /** A matrix whose entry (i, j) is `f(i, j)`. */
  static fromFunction(rows: number, cols: number, f: (i: number, j: number) => number): DenseMatrix {
    const m = new DenseMatrix(rows, cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.data[i * cols + j] = f(i, j);
    return m;
  }

  /**
   * Converts any {@link MatrixInput} into a new DenseMatrix (always a copy).
   * @throws DimensionMismatchError for ragged nested arrays
   */
  static from(input: MatrixInput): DenseMatrix {
    if (input instanceof DenseMatrix) return input.clone();
    if (isMlMatrixLike(input)) {
      const { rows, columns } = input;
      const m = new DenseMatrix(rows, columns);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < columns; j++) m.data[i * columns + j] = input.get(i, j);
      return m;
    }
    const rows = input.length;
    const cols = rows === 0 ? 0 : input[0]!.length;
    const m = new DenseMatrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = input[i]!;
      if (row.length !== cols) throw new DimensionMismatchError(`matrix[${i}].length`, row.length, `${cols}`);
      for (let j = 0; j < cols; j++) m.data[i * cols + j] = row[j]!;
    }
    return m;
  }

  /** Entry (i, j). No bounds checks: the hot path. */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  /** Sets entry (i, j). */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** `true` when rows === cols. */
  get isSquare(): boolean {
    return this.rows === this.cols;
  }

  /** A view (not a copy) of row i. */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** A copy of column j. */
  column(j: number): Float64Array {
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j]!;
    return out;
  }

  /** A copy of the main diagonal. */
  diag(): Float64Array {
    const n = Math.min(this.rows, this.cols);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.data[i * this.cols + i]!;
    return out;
  }

  /** A deep copy. */
  clone(): DenseMatrix {
    return new DenseMatrix(this.rows, this.cols, this.data.slice());
  }

  /** The transpose, as a new matrix (cache-blocked). */
  transpose(): DenseMatrix {
    const { rows, cols, data } = this;
    const out = new Float64Array(rows * cols);
    const B = 32;
    for (let ii = 0; ii < rows; ii += B) {
      const iEnd = Math.min(ii + B, rows);
      for (let jj = 0; jj < cols; jj += B) {
        const jEnd = Math.min(jj + B, cols);
        for (let i = ii; i < iEnd; i++)
          for (let j = jj; j < jEnd; j++) out[j * rows + i] = data[i * cols + j]!;
      }
    }
    return new DenseMatrix(cols, rows, out);
  }

  /** Nested arrays, one per row. */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }

  /** `true` when |aᵢⱼ − aⱼᵢ| ≤ tol·max|a| for all i, j. */
  isSymmetric(tol = 0): boolean {
    if (!this.isSquare) return false;
    const n = this.rows;
    const d = this.data;
    let scale = 0;
    for (let k = 0; k < d.length; k++) scale = Math.max(scale, Math.abs(d[k]!));
    const bound = tol * scale;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) if (Math.abs(d[i * n + j]! - d[j * n + i]!) > bound) return false;
    }
    return true;
  }
}

/** `true` when `x` looks like an ml-matrix `AbstractMatrix`. */
export function isMlMatrixLike(x: unknown): x is MlMatrixLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as MlMatrixLike).rows === 'number' &&
    typeof (x as MlMatrixLike).columns === 'number' &&
    typeof (x as MlMatrixLike).get === 'function'
  );
}

/** Options for {@link toDense}. */
export interface ToDenseOptions {
  /** Copy even when the input already is a DenseMatrix (default false). */
  copy?: boolean;
  /** Reject NaN and ±∞ entries with a {@link NonFiniteError} (default true). */
  finite?: boolean;
  /** Require a square matrix (default false). */
  square?: boolean;
}

/**
 * Normalises a {@link MatrixInput} for a kernel: returns the same DenseMatrix when possible,
 * converts otherwise, and validates as asked. `argument` names the input in errors.
 */
export function toDense(input: MatrixInput, argument = 'A', options: ToDenseOptions = {}): DenseMatrix {
  let m: DenseMatrix;
  if (input instanceof DenseMatrix) m = options.copy === true ? input.clone() : input;
  else if (isMlMatrixLike(input) || (typeof input === 'object' && input !== null && 'length' in input)) {
    try {
      m = DenseMatrix.from(input);
    } catch (e) {
      if (e instanceof DimensionMismatchError) {
        throw new DimensionMismatchError(`${argument}: ${e.argument}`, e.value, e.expected, 'ragged rows');
      }
      throw e;
    }
  } else {
    throw new InvalidArgumentError(argument, input, 'a DenseMatrix, an ml-matrix Matrix or an array of rows');
  }
  if (options.square === true && m.rows !== m.cols) {
    throw new DimensionMismatchError(`${argument}.shape`, `${m.rows}×${m.cols}`, 'a square matrix');
  }
  if (options.finite !== false) {
    const d = m.data;
    for (let k = 0; k < d.length; k++) {
      if (!Number.isFinite(d[k]!)) {
        throw new NonFiniteError(
          `${argument}[${Math.floor(k / m.cols)}][${k % m.cols}]`,
          d[k],
          'a finite number',
        );
      }
    }
  }
  return m;
}
