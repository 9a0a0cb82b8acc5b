import { CsrMatrix, csrMatmul, DenseMatrix, qr } from '@infogeom/linalg';
import { barycenterWeights } from './barycenter-weights.js';
import { CooBuilder } from './coo-builder.js';
import { type LleMatrixInput, localGram, meanOf, neighbours } from './lle-local.js';

export { modifiedLleMatrix } from './modified-lle-matrix.js';

/** Standard LLE: M = (I − W)ᵀ(I − W) with barycenter weights W (reg·trace regularisation), by a sparse product. */
export function standardLleMatrix(input: LleMatrixInput, reg: number): { M: CsrMatrix; W: Float64Array } {
  const { X, D, graph, tick } = input;
  const { n, k } = graph;
  const W = new Float64Array(n * k);
  // A = I − W in CSR: row i holds 1 at i and −wᵢⱼ at its neighbours (columns sorted)
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(n * (k + 1));
  const values = new Float64Array(n * (k + 1));
  const order = new Int32Array(k + 1);
  const cols = new Int32Array(k + 1);
  const vals = new Float64Array(k + 1);
  const scratch = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) tick(i / n);
    const nb = neighbours(graph, i);
    const w = barycenterWeights(
      X,
      D,
      X.subarray(i * D, (i + 1) * D),
      nb,
      reg,
      W.subarray(i * k, (i + 1) * k),
      scratch,
    );
    cols[0] = i;
    vals[0] = 1;
    for (let a = 0; a < k; a++) {
      cols[a + 1] = nb[a]!;
      vals[a + 1] = -w[a]!;
    }
    for (let a = 0; a <= k; a++) order[a] = a;
    order.sort((a, b) => cols[a]! - cols[b]!);
    let t = i * (k + 1);
    for (let a = 0; a <= k; a++) {
      colIdx[t] = cols[order[a]!]!;
      values[t++] = vals[order[a]!]!;
    }
    rowPtr[i + 1] = t;
  }
  const A = new CsrMatrix(n, n, rowPtr, colIdx, values);
  return { M: csrMatmul(A.transpose(), A), W };
}

/** Hessian eigenmaps as scikit-learn builds them (Donoho & Grimes 2003; complement of the local tangent and quadratic fit). */
export function hessianLleMatrix(input: LleMatrixInput, hessianTol: number) {
  const { X, D, graph, d, tick } = input;
  const { n, k } = graph;
  const dp = (d * (d + 1)) / 2;
  const cols = 1 + d + dp;
  const coo = new CooBuilder(n, n * k * k);
  const Yi = new DenseMatrix(k, cols);
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) tick(i / n);
    const nb = neighbours(graph, i);
    const { V } = localGram(X, D, nb, meanOf(X, D, nb));
    for (let a = 0; a < k; a++) {
      const row = a * cols;
      Yi.data[row] = 1;
      for (let c = 0; c < d; c++) Yi.data[row + 1 + c] = V.data[a * k + c]!;
      let j = 1 + d;
      for (let p = 0; p < d; p++)
        for (let q = p; q < d; q++) Yi.data[row + j++] = V.data[a * k + p]! * V.data[a * k + q]!;
    }
    const Q = qr(Yi, { mode: 'complete' }).Q;
    const width = k - d - 1;
    const w = new Float64Array(k * width);
    for (let c = 0; c < width; c++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += Q.data[a * k + d + 1 + c]!;
      if (Math.abs(s) < hessianTol) s = 1;
      for (let a = 0; a < k; a++) w[a * width + c] = Q.data[a * k + d + 1 + c]! / s;
    }
    for (let a = 0; a < k; a++)
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let c = 0; c < width; c++) s += w[a * width + c]! * w[b * width + c]!;
        coo.add(nb[a]!, nb[b]!, s);
      }
  }
  return coo.toCsr();
}

/** Local tangent space alignment (Zhang & Zha 2004): M = Σᵢ Sᵢ(I − GᵢGᵢᵀ)Sᵢᵀ with Gᵢ = [1/√k, tangent coordinates]. */
export function ltsaMatrix(input: LleMatrixInput) {
  const { X, D, graph, d, tick } = input;
  const { n, k } = graph;
  const coo = new CooBuilder(n, n * (k * k + k));
  const G = new Float64Array(k * (d + 1));
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) tick(i / n);
    const nb = neighbours(graph, i);
    const { V } = localGram(X, D, nb, meanOf(X, D, nb));
    for (let a = 0; a < k; a++) {
      G[a * (d + 1)] = 1 / Math.sqrt(k);
      for (let c = 0; c < d; c++) G[a * (d + 1) + 1 + c] = V.data[a * k + c]!;
    }
    for (let a = 0; a < k; a++) {
      coo.add(nb[a]!, nb[a]!, 1);
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let c = 0; c <= d; c++) s += G[a * (d + 1) + c]! * G[b * (d + 1) + c]!;
        coo.add(nb[a]!, nb[b]!, -s);
      }
    }
  }
  return coo.toCsr();
}
