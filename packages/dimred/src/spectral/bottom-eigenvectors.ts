import { type CsrMatrix, DenseMatrix, eigh, type Rng, sparseEigsh } from '@infogeom/linalg';

/** Result of {@link bottomEigenvectors}. */
export interface BottomEigenvectors {
  /** n × d coordinates: orthonormal columns, orthogonal to the constant vector. */
  readonly vectors: DenseMatrix;
  /** Rayleigh quotients of the returned columns, ascending. */
  readonly values: Float64Array;
  /** Eigensolver used by sparseEigsh. */
  readonly method: string;
  /** Whether the eigensolver converged. */
  readonly converged: boolean;
}

/**
 * The d-dimensional bottom invariant subspace of a symmetric PSD matrix M whose null space contains
 * the constant vector (LLE family, graph Laplacians): the d + 1 smallest eigenpairs by sparseEigsh
 * (shift-invert, ARPACK-like), then the constant direction is removed and a Rayleigh–Ritz step in the
 * remaining d-dimensional space orders the axes. Where scikit-learn drops the first eigenvector, this
 * also copes with a degenerate null space in which the constant is mixed into several vectors.
 * @param M - sparse symmetric PSD matrix (n × n)
 * @param d - wanted dimension
 * @param rng - starting vectors
 * @param signal - abort signal
 * @param weights - optional positive weights w: remove the w-weighted constant (⟨·, w⟩ = 0) instead
 */
export function bottomEigenvectors(
  M: CsrMatrix,
  d: number,
  rng: Rng,
  signal?: AbortSignal,
  weights?: Float64Array,
): BottomEigenvectors {
  const n = M.rows;
  const r = sparseEigsh(M, {
    k: d + 1,
    which: 'smallest',
    rng,
    tol: 1e-9,
    ...(signal === undefined ? {} : { signal }),
  });
  const k = d + 1;
  const V = r.vectors.data; // n × k
  // remove the (weighted) constant: u = w/‖w‖ (w = 1 by default)
  const u = new Float64Array(n);
  let un = 0;
  for (let i = 0; i < n; i++) {
    u[i] = weights === undefined ? 1 : weights[i]!;
    un += u[i]! ** 2;
  }
  un = Math.sqrt(un);
  for (let i = 0; i < n; i++) u[i]! /= un;
  const P = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += u[i]! * V[i * k + c]!;
    for (let i = 0; i < n; i++) P[i * k + c] = V[i * k + c]! - dot * u[i]!;
  }
  // the d dominant directions of P (k × k Gram eigendecomposition)
  const G = new DenseMatrix(k, k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += P[i * k + a]! * P[i * k + b]!;
      G.data[a * k + b] = s;
      G.data[b * k + a] = s;
    }
  const g = eigh(G);
  // basis Q = P·Uⱼ/√σⱼ for the d largest σ
  const Q = new Float64Array(n * d);
  for (let c = 0; c < d; c++) {
    const col = k - 1 - c;
    const f = 1 / Math.sqrt(Math.max(g.values[col]!, Number.MIN_VALUE));
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += P[i * k + a]! * g.vectors.data[a * k + col]!;
      Q[i * d + c] = s * f;
    }
  }
  // Rayleigh–Ritz: eigenvectors of QᵀMQ (d × d)
  const MQ = new Float64Array(n * d);
  const col = new Float64Array(n);
  const out = new Float64Array(n);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < n; i++) col[i] = Q[i * d + c]!;
    M.mv(col, out);
    for (let i = 0; i < n; i++) MQ[i * d + c] = out[i]!;
  }
  const H = new DenseMatrix(d, d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Q[i * d + a]! * MQ[i * d + b]!;
      H.data[a * d + b] = s;
      H.data[b * d + a] = s;
    }
  const h = eigh(H);
  const Y = new DenseMatrix(n, d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += Q[i * d + a]! * h.vectors.data[a * d + c]!;
      Y.data[i * d + c] = s;
    }
  return { vectors: Y, values: h.values, method: r.method, converged: r.converged };
}
