import {
  type CsrMatrix,
  graphLaplacian,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';
import { exactKnn } from '../knn/exact-knn.js';
import { knnAdjacency } from '../knn/knn-adjacency.js';

/** Options of {@link neighbourhoodLaplacian}. */
export interface NeighbourhoodLaplacianOptions {
  /** Neighbours per point of the (union-symmetrised) kNN graph (default 6). */
  readonly nNeighbors?: number;
  /**
   * Edge weights: 'heat' (default, exp(−‖xᵢ − xⱼ‖²/(4t)) as in Belkin & Niyogi) or 'binary' (1).
   */
  readonly weight?: 'heat' | 'binary';
  /** Heat-kernel parameter t (default: the mean squared neighbour distance / 4, so weights ≈ e^{-1} on average). */
  readonly heatT?: number;
  /** 'none' (default, L = D − W) or 'symmetric' (I − D^{-1/2} W D^{-1/2}). */
  readonly normalized?: 'none' | 'symmetric';
}

/** The adjacency and Laplacian of a data set's neighbourhood graph. */
export interface NeighbourhoodGraph {
  /** Symmetric weighted adjacency W (n × n, CSR). */
  readonly adjacency: CsrMatrix;
  /** Its graph Laplacian (n × n, CSR). */
  readonly laplacian: CsrMatrix;
}

/**
 * The graph Laplacian of a data set's kNN graph with heat-kernel or binary weights: the intrinsic
 * smoothness penalty fᵀLf of manifold regularisation and the per-domain term of manifold alignment.
 * @param points - n × D finite data
 * @param options - neighbours, weights, normalisation
 */
export function neighbourhoodLaplacian(
  points: MatrixInput,
  options: NeighbourhoodLaplacianOptions = {},
): NeighbourhoodGraph {
  const X = toDense(points, 'points');
  const k = options.nNeighbors ?? 6;
  if (!Number.isInteger(k) || k < 1 || k > X.rows - 1)
    throw new InvalidArgumentError(
      'nNeighbors',
      k,
      `an integer in [1, ${X.rows - 1}] (fewer than the points)`,
    );
  const mode = options.weight ?? 'heat';
  if (mode !== 'heat' && mode !== 'binary')
    throw new InvalidArgumentError('weight', mode, "'heat' or 'binary'");
  const graph = exactKnn(X, { k });
  let t = options.heatT;
  if (t === undefined) {
    let s = 0;
    for (const d of graph.distances) s += d * d;
    t = s / graph.distances.length / 4;
    if (!(t > 0)) t = 1;
  }
  if (!(t > 0) || !Number.isFinite(t)) throw new InvalidArgumentError('heatT', t, 'a finite t > 0');
  const tt = t;
  const adjacency = knnAdjacency(graph, {
    weight: mode === 'binary' ? 'connectivity' : (d: number) => Math.exp(-(d * d) / (4 * tt)),
  });
  const laplacian = graphLaplacian(adjacency, { normalized: options.normalized ?? 'none' });
  return { adjacency, laplacian };
}
