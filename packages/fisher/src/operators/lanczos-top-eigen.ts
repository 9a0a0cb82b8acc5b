import { type LanczosOptions, type LinearOperator, lanczos } from '@infogeom/linalg';
import type { FisherEigenpairs, TopEigenOptions } from './fisher-operator.js';
import { checkK, columnsMatrix } from './spectral.js';

/**
 * The k largest eigenpairs of a symmetric operator by thick-restart Lanczos (linalg's `lanczos`),
 * returned largest first — the generic `topEigen` of the Fisher operators.
 * @param op - symmetric square operator
 * @param k - number of eigenpairs, 1 ≤ k ≤ n
 * @param options - tolerance (default 1e-12), seed, iteration cap
 */
export function lanczosTopEigen(
  op: LinearOperator,
  k: number,
  options: TopEigenOptions = {},
): FisherEigenpairs {
  const n = op.shape[0];
  checkK(k, n);
  const opts: LanczosOptions = { k, which: 'largest', tol: options.tol ?? 1e-12, seed: options.seed ?? 0 };
  if (options.maxIterations !== undefined) opts.maxIterations = options.maxIterations;
  const r = lanczos(op, opts);
  const values = new Float64Array(k);
  for (let j = 0; j < k; j++) values[j] = r.values[k - 1 - j]!;
  const vectors = columnsMatrix(n, k, (j) => r.vectors.column(k - 1 - j));
  return { values, vectors };
}
