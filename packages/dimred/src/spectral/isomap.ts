import {
  allPairsShortestPaths,
  DenseMatrix,
  InvalidArgumentError,
  type MatrixInput,
  ShortestPaths,
  toDense,
} from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { connectComponents } from '../knn/connect-components.js';
import { exactKnnQuery } from '../knn/exact-knn.js';
import { knnAdjacency } from '../knn/knn-adjacency.js';
import { applyPrincipalAxes, fitMds, fitPrincipalAxes, type MdsModel, triangulate } from './mds-core.js';
import { fitMdsFromDistances } from './mds-implicit.js';
import {
  assertFiniteEmbedding,
  checkComponents,
  checkPoints,
  type NeighbourOptions,
  neighbourGraph,
  progressReporter,
} from './spectral-utils.js';

/** Options of {@link isomap}. */
export interface IsomapOptions extends NeighbourOptions {
  /**
   * Landmarks: 'auto' (default: every point up to n = 3000, else 256 landmarks), 'all' (exact Isomap:
   * n × n geodesic matrix) or a count m (landmark Isomap: Dijkstra from m maxmin landmarks only,
   * O(n·m) memory, de Silva & Tenenbaum 2003).
   */
  readonly landmarks?: 'auto' | 'all' | number;
}

const NAME = 'isomap';

/**
 * Isomap (Tenenbaum, de Silva & Langford 2000), scikit-learn's definition: a kNN graph (default 5
 * neighbours) weighted by distance, geodesic distances by Dijkstra, then classical MDS (kernel PCA of
 * −½·J·G²·J). On large n, landmark Isomap. A disconnected graph is joined by its shortest bridging
 * edges (documented fallback, reported in `info.components`). `transform` places new points through
 * their k nearest training points (scikit-learn's rule: geodesic = min over neighbours of
 * distance + geodesic), which is the kernel's Nyström extension.
 * @param points - n × D finite data
 * @param options - neighbours, landmarks, target dimension, seed, signal, progress
 * @example
 * ```ts
 * import { isomap, sCurve, trustworthiness } from '@infogeom/dimred';
 *
 * // scikit-learn's S-curve benchmark: its Isomap scores 0.99947 on the same points.
 * const { points } = sCurve({ n: 1000, seed: 0 });
 * const { embedding } = isomap(points, { nNeighbors: 10, nComponents: 2 });
 * console.log(trustworthiness(points, embedding, { k: 5 }).toFixed(5));
 * ```
 *
 * ```txt [output]
 * 0.99947
 * ```
 */
export function isomap(points: MatrixInput, options: IsomapOptions & EmbedOptions = {}): EmbeddingResult {
  const X = checkPoints(points);
  const n = X.rows;
  const k = options.nNeighbors ?? 5;
  const d = checkComponents(options.nComponents ?? 2, n - 1);
  const report = progressReporter(NAME, options);
  const rng = resolveRng(options.seed);
  report('knn', 0);
  const graph = neighbourGraph(X, k, options, options.signal);
  const connected = connectComponents(X, knnAdjacency(graph, { weight: 'distance' }));
  const want = options.landmarks ?? 'auto';
  let m: number;
  if (want === 'auto') m = n <= 3000 ? n : Math.min(n, 256);
  else if (want === 'all') m = n;
  else if (Number.isInteger(want) && want >= d + 1 && want <= n) m = want;
  else throw new InvalidArgumentError('landmarks', want, `'auto', 'all' or an integer in [${d + 1}, ${n}]`);
  if (m < d + 1) throw new InvalidArgumentError('nComponents', d, `at most ${m - 1} with ${m} landmarks`);
  const exact = m === n;
  // geodesics from the landmarks (rows); exact: all pairs (symmetric), else maxmin landmarks from a
  // seeded first one
  const geo = new Float64Array(m * n);
  const landmarks = new Int32Array(m);
  let model: MdsModel;
  if (exact) {
    for (let a = 0; a < n; a++) landmarks[a] = a;
    allPairsShortestPaths(connected.adjacency, {
      out: geo,
      ...(options.signal !== undefined && { signal: options.signal }),
      onProgress: (f) => report('shortest-paths', 0.8 * f),
    });
    report('eigensolve', 0.8);
    model = fitMdsFromDistances(geo, n, d, rng);
  } else {
    const paths = new ShortestPaths(connected.adjacency);
    const minDist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    let next = rng.int(n);
    for (let a = 0; a < m; a++) {
      if (a % 16 === 0) report('shortest-paths', (0.8 * a) / m);
      landmarks[a] = next;
      const row = geo.subarray(a * n, (a + 1) * n);
      paths.from(next, { out: row });
      let far = -1;
      for (let i = 0; i < n; i++) {
        if (row[i]! < minDist[i]!) minDist[i] = row[i]!;
        if (far < 0 || minDist[i]! > minDist[far]!) far = i;
      }
      next = far;
    }
    report('eigensolve', 0.8);
    const S = new Float64Array(m * m);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        const g = 0.5 * (geo[a * n + landmarks[b]!]! + geo[b * n + landmarks[a]!]!);
        S[a * m + b] = g * g;
      }
    model = fitMds(S, m, d, rng);
  }
  const sq = new Float64Array(m);
  const place = (col: (a: number) => number, out: Float64Array, offset: number) => {
    for (let a = 0; a < m; a++) sq[a] = col(a) ** 2;
    triangulate(model, sq, out, offset);
  };
  const Y = new DenseMatrix(n, d);
  if (exact) {
    // every point is a landmark: triangulating its own geodesics gives λ·(v/√λ) = √λ·v
    for (let c = 0; c < d; c++) {
      const lam = model.eigenvalues[c]!;
      for (let i = 0; i < n; i++) Y.data[i * d + c] = lam * model.pinv[c * n + i]!;
    }
  } else {
    // training coordinates y_i = −½ Σ_a L#_a (g_ai² − δ_μa), accumulated landmark by landmark (contiguous rows)
    for (let a = 0; a < m; a++) {
      const row = geo.subarray(a * n, (a + 1) * n);
      const mu = model.meanSquared[a]!;
      for (let c = 0; c < d; c++) {
        const w = -0.5 * model.pinv[c * m + a]!;
        if (w === 0) continue;
        for (let i = 0; i < n; i++) Y.data[i * d + c]! += w * (row[i]! * row[i]! - mu);
      }
    }
  }
  // landmark mode: centre and rotate to principal axes (exact mode is already both)
  const fitted = exact ? undefined : fitPrincipalAxes(Y);
  const finish = (M: DenseMatrix): DenseMatrix =>
    fitted === undefined ? M : M === Y ? fitted.rotated : applyPrincipalAxes(fitted.axes, M);
  const embedding = assertFiniteEmbedding(finish(Y), NAME);
  report('done', 1);
  const metric = options.metric ?? graph.metric;
  const transform = (newPoints: DenseMatrix): DenseMatrix => {
    const Q = toDense(newPoints, 'points');
    const q = exactKnnQuery(X, Q, { k, metric });
    const out = new DenseMatrix(Q.rows, d);
    for (let r = 0; r < Q.rows; r++) {
      place(
        (a) => {
          let best = Number.POSITIVE_INFINITY;
          for (let t = 0; t < k; t++) {
            const g = q.distances[r * k + t]! + geo[a * n + q.indices[r * k + t]!]!;
            if (g < best) best = g;
          }
          return best;
        },
        out.data,
        r * d,
      );
    }
    return assertFiniteEmbedding(finish(out), NAME);
  };
  return {
    embedding,
    transform,
    info: {
      landmarks: m,
      components: connected.components,
      eigenvalues: Array.from(model.eigenvalues),
      nNeighbors: k,
    },
  };
}

/** The Isomap embedder config (registry name `'isomap'`). */
export const isomapEmbedder: Embedder<IsomapOptions> = {
  name: NAME,
  description: 'Isomap: preserves geodesic (graph shortest-path) distances; landmark variant for large n',
  hasTransform: true,
  iterative: false,
  defaults: { nNeighbors: 5, landmarks: 'auto', metric: 'euclidean' },
  start: (points, options) => {
    const X = checkPoints(points);
    return oneShotRun(() => isomap(X, options));
  },
};
