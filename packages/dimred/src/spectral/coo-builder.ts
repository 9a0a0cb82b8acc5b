import { CsrMatrix } from '@infogeom/linalg';

/** Growable coordinate-format accumulator; duplicates are summed when converted to CSR. */
export class CooBuilder {
  private rows: Int32Array;
  private cols: Int32Array;
  private vals: Float64Array;
  private size = 0;
  private readonly n: number;

  /**
   * @param n - matrix dimension (square)
   * @param capacity - initial number of triplets
   */
  constructor(n: number, capacity: number) {
    this.n = n;
    const c = Math.max(16, capacity);
    this.rows = new Int32Array(c);
    this.cols = new Int32Array(c);
    this.vals = new Float64Array(c);
  }

  /** Adds v at (i, j). */
  add(i: number, j: number, v: number): void {
    if (this.size === this.rows.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (l: number) => T): T => {
        const b = make(2 * a.length);
        b.set(a);
        return b;
      };
      this.rows = grow(this.rows, (l) => new Int32Array(l));
      this.cols = grow(this.cols, (l) => new Int32Array(l));
      this.vals = grow(this.vals, (l) => new Float64Array(l));
    }
    this.rows[this.size] = i;
    this.cols[this.size] = j;
    this.vals[this.size++] = v;
  }

  /** The summed CSR matrix, symmetrised exactly as ½(A + Aᵀ) when `symmetric` (default true). */
  toCsr(symmetric = true): CsrMatrix {
    const s = this.size;
    const A = CsrMatrix.fromCoo(
      this.n,
      this.n,
      this.rows.subarray(0, s),
      this.cols.subarray(0, s),
      this.vals.subarray(0, s),
    );
    if (!symmetric || A.symmetric) return A;
    const T = A.transpose();
    return A.add(T, 0.5, 0.5);
  }
}
