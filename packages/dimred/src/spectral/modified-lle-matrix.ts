import type { DenseMatrix } from '@infogeom/linalg';
import { CooBuilder } from './coo-builder.js';
import { type LleMatrixInput, localGram, neighbours } from './lle-local.js';

/** Modified LLE (Zhang & Wang 2007) with scikit-learn's choices of η, sᵢ and the Householder weights. */
export function modifiedLleMatrix(input: LleMatrixInput, modifiedTol: number) {
  const { X, D, graph, d, tick } = input;
  const { n, k } = graph;
  const nev = Math.min(D, k);
  const Vs: DenseMatrix[] = [];
  const evals = new Float64Array(n * nev);
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) tick((0.5 * i) / n);
    const { values, V } = localGram(X, D, neighbours(graph, i), X.subarray(i * D, (i + 1) * D));
    Vs.push(V);
    for (let c = 0; c < nev; c++) evals[i * nev + c] = Math.max(0, values[c]!);
  }
  // regularised weights from the same eigendecomposition
  const wReg = new Float64Array(n * k);
  const tmp = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const V = Vs[i]!;
    let total = 0;
    for (let c = 0; c < nev; c++) total += evals[i * nev + c]!;
    const r = 1e-3 * total;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += V.data[a * k + c]!;
      tmp[c] = s / ((c < nev ? evals[i * nev + c]! : 0) + r);
    }
    let sum = 0;
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += V.data[a * k + c]! * tmp[c]!;
      wReg[i * k + a] = s;
      sum += s;
    }
    for (let a = 0; a < k; a++) wReg[i * k + a]! /= sum;
  }
  // η: median ratio of small to large local eigenvalues
  const rho = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let small = 0;
    let large = 0;
    for (let c = 0; c < nev; c++) c < d ? (large += evals[i * nev + c]!) : (small += evals[i * nev + c]!);
    rho[i] = small / large;
  }
  const sorted = rho.slice().sort();
  const eta = n % 2 === 1 ? sorted[(n - 1) / 2]! : 0.5 * (sorted[n / 2 - 1]! + sorted[n / 2]!);
  const coo = new CooBuilder(n, n * (k * k + 2 * k + 1));
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) tick(0.5 + (0.5 * i) / n);
    // sᵢ: the number of trailing eigenvalues whose sum over the leading ones stays below η
    let cum = 0;
    const cums = new Float64Array(nev);
    for (let c = 0; c < nev; c++) {
      cum += evals[i * nev + c]!;
      cums[c] = cum;
    }
    let si = 0;
    for (let c = 0; c < nev - 1; c++) if (cums[nev - 1]! / cums[c]! - 1 < eta) si++;
    si += k - nev;
    const V = Vs[i]!;
    const nb = neighbours(graph, i);
    const first = k - si;
    // αᵢ = ‖Vᵢᵀ1‖/√sᵢ ; Householder vector h = αᵢ1 − Vᵢᵀ1
    const colSum = new Float64Array(si);
    for (let c = 0; c < si; c++) for (let a = 0; a < k; a++) colSum[c]! += V.data[a * k + first + c]!;
    let norm = 0;
    for (let c = 0; c < si; c++) norm += colSum[c]! ** 2;
    const alpha = Math.sqrt(norm) / Math.sqrt(si);
    const h = new Float64Array(si);
    let hn = 0;
    for (let c = 0; c < si; c++) {
      h[c] = alpha - colSum[c]!;
      hn += h[c]! ** 2;
    }
    hn = Math.sqrt(hn);
    for (let c = 0; c < si; c++) h[c] = hn < modifiedTol ? 0 : h[c]! / hn;
    // Wᵢ = Vᵢ − 2(Vᵢh)hᵀ + (1 − αᵢ) w_reg 1ᵀ   (k × sᵢ)
    const Wi = new Float64Array(k * si);
    for (let a = 0; a < k; a++) {
      let vh = 0;
      for (let c = 0; c < si; c++) vh += V.data[a * k + first + c]! * h[c]!;
      for (let c = 0; c < si; c++)
        Wi[a * si + c] = V.data[a * k + first + c]! - 2 * vh * h[c]! + (1 - alpha) * wReg[i * k + a]!;
    }
    for (let a = 0; a < k; a++) {
      let rowSum = 0;
      for (let c = 0; c < si; c++) rowSum += Wi[a * si + c]!;
      coo.add(i, nb[a]!, -rowSum);
      coo.add(nb[a]!, i, -rowSum);
      for (let b = 0; b < k; b++) {
        let s = 0;
        for (let c = 0; c < si; c++) s += Wi[a * si + c]! * Wi[b * si + c]!;
        coo.add(nb[a]!, nb[b]!, s);
      }
    }
    coo.add(i, i, si);
  }
  return coo.toCsr();
}
