import { DenseMatrix, eigh } from '@infogeom/linalg';

/** ‖P_A − P_B‖_max between the orthogonal projectors onto the column spaces of A and B (n × d, orthonormalised here). */
export function subspaceDistance(A: DenseMatrix, B: DenseMatrix): number {
  const pa = projector(A);
  const pb = projector(B);
  let m = 0;
  for (let t = 0; t < pa.length; t++) m = Math.max(m, Math.abs(pa[t]! - pb[t]!));
  return m;
}

function projector(A: DenseMatrix): Float64Array {
  const { rows: n, cols: d } = A;
  // Gram–Schmidt
  const Q = A.clone().data;
  for (let c = 0; c < d; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += Q[i * d + c]! * Q[i * d + p]!;
      for (let i = 0; i < n; i++) Q[i * d + c]! -= dot * Q[i * d + p]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += Q[i * d + c]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) Q[i * d + c]! /= norm;
  }
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += Q[i * d + c]! * Q[j * d + c]!;
      P[i * n + j] = s;
    }
  return P;
}

/** The eigenvectors of a dense symmetric matrix with indices `from … from + d − 1` in ascending order. */
export function denseEigenvectors(
  M: DenseMatrix,
  from: number,
  d: number,
): { values: number[]; vectors: DenseMatrix } {
  const e = eigh(M);
  const n = M.rows;
  const V = new DenseMatrix(n, d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) V.data[i * d + c] = e.vectors.data[i * n + from + c]!;
  return { values: Array.from(e.values.slice(from, from + d)), vectors: V };
}

/** All-pairs shortest paths by Floyd–Warshall on a dense weight matrix (∞ = no edge). */
export function floydWarshall(W: Float64Array, n: number): Float64Array {
  const D = W.slice();
  for (let i = 0; i < n; i++) D[i * n + i] = 0;
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const via = D[i * n + k]! + D[k * n + j]!;
        if (via < D[i * n + j]!) D[i * n + j] = via;
      }
  return D;
}

/** |Pearson correlation| of two sequences. */
export function absCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return Math.abs(sab) / Math.sqrt(saa * sbb);
}

/** Column c of a row-major n × d matrix. */
export function column(M: DenseMatrix, c: number): Float64Array {
  return Float64Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + c]!);
}
