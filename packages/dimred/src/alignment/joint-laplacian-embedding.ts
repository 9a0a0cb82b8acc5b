import {
  AbortError,
  CsrMatrix,
  DenseMatrix,
  graphLaplacian,
  InvalidArgumentError,
  type Rng,
  sparseEigsh,
} from '@infogeom/linalg';
import { connectedComponents } from '../knn/connected-components.js';

/** Result of {@link jointLaplacianEmbedding}. */
export interface JointEmbedding {
  /** n × d coordinates of the first data set. */
  readonly first: DenseMatrix;
  /** m × d coordinates of the second data set. */
  readonly second: DenseMatrix;
  /** The d generalised eigenvalues λ of L v = λ D v kept (ascending, the trivial 0 excluded). */
  readonly eigenvalues: Float64Array;
  /** Whether the eigensolver converged. */
  readonly converged: boolean;
}

/**
 * The joint adjacency [[Wx, μC], [μCᵀ, Wy]] of two graphs coupled by cross-domain weights C (n × m).
 * @param Wx - symmetric n × n adjacency
 * @param Wy - symmetric m × m adjacency
 * @param C - n × m non-negative cross weights
 * @param mu - coupling μ
 */
export function jointAdjacency(Wx: CsrMatrix, Wy: CsrMatrix, C: CsrMatrix, mu: number): CsrMatrix {
  const n = Wx.rows;
  const m = Wy.rows;
  const N = n + m;
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const add = (W: CsrMatrix, ro: number, co: number, scale: number, transpose: boolean): void => {
    for (let i = 0; i < W.rows; i++)
      for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) {
        const w = W.values[p]! * scale;
        if (w === 0) continue;
        const a = ro + (transpose ? W.colIdx[p]! : i);
        const b = co + (transpose ? i : W.colIdx[p]!);
        r.push(a);
        c.push(b);
        v.push(w);
      }
  };
  add(Wx, 0, 0, 1, false);
  add(Wy, n, n, 1, false);
  add(C, 0, n, mu, false);
  add(C, n, 0, mu, true);
  return CsrMatrix.fromCoo(N, N, r, c, v);
}

/**
 * The shared embedding of two graphs coupled by cross-domain weights: the joint adjacency
 * W = [[Wx, μC], [μCᵀ, Wy]] and its Laplacian L = D − W, whose d smallest non-trivial generalised
 * eigenvectors (L v = λ D v, via the symmetric normalised Laplacian and sparseEigsh) minimise
 * Σ μ Cᵢⱼ‖fᵢ − gⱼ‖² + Σ Wx‖fᵢ − fᵢ'‖² + Σ Wy‖gⱼ − gⱼ'‖² — the objective of semi-supervised manifold alignment
 * (Ham, Lee & Saul 2005) and of Wang & Mahadevan's (2009) alignment with the matrix C of local-geometry matches.
 * @param Wx - symmetric n × n adjacency of the first data set
 * @param Wy - symmetric m × m adjacency of the second
 * @param C - n × m non-negative cross-domain weights (correspondences)
 * @param mu - coupling μ > 0
 * @param d - target dimension
 * @param rng - starting vectors of the eigensolver
 * @param signal - abort signal
 * @throws InvalidArgumentError when the joint graph is disconnected or d is too large
 */
export function jointLaplacianEmbedding(
  Wx: CsrMatrix,
  Wy: CsrMatrix,
  C: CsrMatrix,
  mu: number,
  d: number,
  rng: Rng,
  signal?: AbortSignal,
): JointEmbedding {
  const n = Wx.rows;
  const m = Wy.rows;
  const N = n + m;
  if (!Number.isInteger(d) || d < 1 || d > N - 2)
    throw new InvalidArgumentError('nComponents', d, `an integer in [1, ${N - 2}]`);
  if (!(mu > 0) || !Number.isFinite(mu)) throw new InvalidArgumentError('mu', mu, 'a finite coupling μ > 0');
  const W = jointAdjacency(Wx, Wy, C, mu);
  const cc = connectedComponents(W);
  if (cc.count > 1)
    throw new InvalidArgumentError(
      'correspondences',
      cc.count,
      'cross-domain weights that connect the two neighbourhood graphs into one component',
      `The joint graph has ${cc.count} connected components.`,
    );
  if (signal?.aborted === true) throw new AbortError(signal.reason);
  const Ls = graphLaplacian(W, { normalized: 'symmetric' });
  const eig = sparseEigsh(Ls, {
    k: d + 1,
    which: 'smallest',
    rng,
    tol: 1e-9,
    ...(signal === undefined ? {} : { signal }),
  });
  const deg = new Float64Array(N);
  for (let i = 0; i < N; i++) for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) deg[i]! += W.values[p]!;
  const first = new DenseMatrix(n, d);
  const second = new DenseMatrix(m, d);
  const k = d + 1;
  for (let col = 0; col < d; col++) {
    let big = 0;
    for (let i = 0; i < N; i++) {
      const x = eig.vectors.data[i * k + col + 1]! / Math.sqrt(deg[i]!);
      if (Math.abs(x) > Math.abs(big)) big = x;
    }
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < N; i++) {
      const x = (sign * eig.vectors.data[i * k + col + 1]!) / Math.sqrt(deg[i]!);
      if (i < n) first.data[i * d + col] = x;
      else second.data[(i - n) * d + col] = x;
    }
  }
  return { first, second, eigenvalues: eig.values.slice(1), converged: eig.converged };
}
