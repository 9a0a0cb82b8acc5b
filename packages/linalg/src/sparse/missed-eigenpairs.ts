/**
 * Internal: a single-vector Krylov method cannot see a second copy of an exactly repeated
 * eigenvalue (for example the zero eigenvalue of a disconnected graph) except through rounding.
 * This check runs Lanczos on the operator deflated by the vectors found so far,
 * P·op·P + c(I − P) with P = I − XXᵀ and c on the unwanted side of the boundary (so the found
 * directions cannot reappear through rounding), and returns any eigenvector beyond the boundary.
 */

import type { LinearOperator } from '../core/linear-operator.js';
import { norm2 } from '../core/vector.js';
import { orthogonalizeAgainst, orthonormalize } from '../iterative/block.js';
import { lanczos } from '../iterative/lanczos.js';
import type { Rng } from '../random/rng.js';

/** Result of {@link findMissedEigenvectors}. */
export interface MissedEigenvectors {
  /** Unit vectors orthogonal to X (and to each other) found beyond the boundary. */
  added: Float64Array[];
  /** Operator applications spent. */
  iterations: number;
}

/**
 * Searches span(X)^⊥ for eigenvalues of `op` beyond `boundary` (above it for 'largest', below for
 * 'smallest') by more than `margin`; at most `maxAdded` vectors are returned.
 */
export function findMissedEigenvectors(
  op: LinearOperator,
  X: readonly Float64Array[],
  which: 'largest' | 'smallest',
  boundary: number,
  margin: number,
  tol: number,
  maxAdded: number,
  rng: Rng,
  signal: AbortSignal | undefined,
): MissedEigenvectors {
  const n = op.shape[0];
  const added: Float64Array[] = [];
  let iterations = 0;
  const away = Math.abs(boundary) + 1e3 * margin + Number.MIN_VALUE;
  const c = which === 'largest' ? boundary - away : boundary + away;
  while (added.length < maxAdded && X.length + added.length < n) {
    const basis = [...X, ...added];
    const deflated: LinearOperator = {
      shape: [n, n] as const,
      symmetric: true,
      mv(x, out) {
        const v = x.slice();
        orthogonalizeAgainst(v, basis);
        const y = op.mv(v, out);
        orthogonalizeAgainst(y, basis);
        for (let i = 0; i < n; i++) y[i]! += c * (x[i]! - v[i]!);
        return y;
      },
    };
    const v0 = orthonormalize([Float64Array.from({ length: n }, () => rng.normal())], basis)[0];
    if (v0 === undefined) break;
    const common = { k: 1, which, rng, v0, ...(signal === undefined ? {} : { signal }) };
    const loose = lanczos(deflated, { ...common, tol: 1e-6, maxIterations: 400 });
    iterations += loose.iterations;
    const beyond = (t: number, slack: number): boolean =>
      which === 'largest' ? t > boundary + slack : t < boundary - slack;
    if (!beyond(loose.values[0]! + (which === 'largest' ? 1 : -1) * loose.residuals[0]!, -margin)) break;
    const tight = lanczos(deflated, { ...common, v0: loose.vectors.column(0), tol });
    iterations += tight.iterations;
    if (!tight.converged || !beyond(tight.values[0]!, margin)) break;
    const x = tight.vectors.column(0);
    orthogonalizeAgainst(x, basis);
    const s = norm2(x);
    if (!(s > 0.5)) break;
    for (let i = 0; i < n; i++) x[i]! /= s;
    added.push(x);
  }
  return { added, iterations };
}
