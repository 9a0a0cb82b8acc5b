import { DenseMatrix } from '../core/dense-matrix.js';
import { throwIfAborted } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { dot, norm2 } from '../core/vector.js';
import { columnsToDense, combine, normalizeSign, orthonormalize } from '../iterative/block.js';
import type { PartialEighResult } from '../iterative/lanczos.js';
import { eigh } from '../kernels/eigh.js';

/**
 * Rayleigh–Ritz on span(X) with A itself, keeping the k pairs at the `which` end, followed while
 * residuals exceed `absTol` by up to three sweeps of inverse subspace iteration X ← (A − σI)⁻¹X
 * (when `solve` is given). Internal to sparseEigsh.
 */
export function rayleighRitzRefine(
  A: LinearOperator,
  cols: readonly Float64Array[],
  k: number,
  which: 'smallest' | 'largest',
  solve: ((b: Float64Array, out?: Float64Array) => Float64Array) | undefined,
  absTol: number,
  signal: AbortSignal | undefined,
): PartialEighResult {
  const n = A.shape[0];
  let X = orthonormalize(cols);
  let iterations = 0;
  for (let sweep = 0; ; sweep++) {
    throwIfAborted(signal);
    const AX = X.map((x) => A.mv(x));
    iterations += X.length;
    const m = X.length;
    const H = DenseMatrix.fromFunction(m, m, (i, j) => (dot(X[i]!, AX[j]!) + dot(X[j]!, AX[i]!)) / 2);
    const eig = eigh(H);
    const keep = Array.from({ length: Math.min(k, m) }, (_, j) =>
      which === 'smallest' ? j : m - Math.min(k, m) + j,
    );
    const values = Float64Array.from(keep, (j) => eig.values[j]!);
    const Xr = combine(X, eig.vectors, keep);
    const AXr = combine(AX, eig.vectors, keep);
    const residuals = new Float64Array(keep.length);
    for (let j = 0; j < keep.length; j++) {
      const r = AXr[j]!.slice();
      const x = Xr[j]!;
      for (let i = 0; i < n; i++) r[i]! -= values[j]! * x[i]!;
      residuals[j] = norm2(r);
    }
    const converged = residuals.every((r) => r <= absTol);
    if (converged || sweep >= 3 || solve === undefined) {
      for (const x of Xr) normalizeSign(x);
      return { values, vectors: columnsToDense(Xr, n), residuals, iterations, converged };
    }
    X = orthonormalize(Xr.map((x) => solve(x)));
    iterations += Xr.length;
    if (X.length < k) X = orthonormalize([...X, ...Xr]).slice(0, k);
  }
}
