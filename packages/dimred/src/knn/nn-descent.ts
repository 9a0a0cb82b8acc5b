import {
  type DenseMatrix,
  InvalidArgumentError,
  NonFiniteError,
  type Rng,
  throwIfAborted,
} from '@infogeom/linalg';
import { resolveRng } from '../embedder/resolve-rng.js';
import type { KnnGraph, KnnMetric } from './knn-graph.js';
import { createTable, sqDistBounded, tablePush } from './nn-descent-heap.js';
import { prepareSparse, rowSqDist } from './nn-descent-rows.js';
import { rpForestLeaves } from './nn-descent-rp-forest.js';

/** Options of {@link nnDescent}. */
export interface NnDescentOptions {
  /** Neighbours per point (excluding the point itself), 1 ≤ k < n. */
  readonly k: number;
  /** `'euclidean'` (default) or `'cosine'` (distance 1 − cos; rows must be non-zero). */
  readonly metric?: KnnMetric;
  /** Seed or generator (default seed 0); the same seed gives the same graph. */
  readonly seed?: number | Rng;
  /**
   * Sampling rate ρ of Dong et al.: each point joins at most ⌈ρ·k⌉ new and ⌈ρ·k⌉ old candidates per
   * iteration (default 1, pynndescent's `max_candidates = k` for k ≤ 60).
   */
  readonly rho?: number;
  /** Early termination δ: stop when fewer than δ·n·k neighbour lists changed in an iteration (default 0.001). */
  readonly delta?: number;
  /** Maximum iterations (default max(5, round(log₂ n)), as umap-js and pynndescent). */
  readonly maxIterations?: number;
  /**
   * Random-projection trees used to initialise the lists (default min(32, 5 + round(√n / 20)), as
   * pynndescent; 0 initialises at random only).
   */
  readonly nTrees?: number;
  /** Maximum leaf size of the trees (default max(10, k)). */
  readonly leafSize?: number;
  /** Checked between iterations; an aborted signal throws `AbortError`. */
  readonly signal?: AbortSignal;
  /** Called after each iteration with the iteration number and the number of list updates. */
  readonly onProgress?: (iteration: number, updates: number) => void;
}

/** Result of {@link nnDescent}: the approximate graph plus convergence information. */
export interface NnDescentResult extends KnnGraph {
  /** Iterations run. */
  readonly iterations: number;
  /** `true` when the update count fell below δ·n·k before `maxIterations`. */
  readonly converged: boolean;
  /** Neighbour-list updates in the last iteration. */
  readonly updates: number;
  /** Distance evaluations performed (a brute-force search needs n(n − 1)/2). */
  readonly distanceEvaluations: number;
}

function checkInt(name: string, v: number, lo: number, hi: number): number {
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new InvalidArgumentError(name, v, `an integer in [${lo}, ${hi}]`);
  return v;
}

/** Row-major copy of the points, rows normalised to unit length for the cosine metric. */
export function prepareRows(points: DenseMatrix, metric: KnnMetric): Float64Array {
  return searchRows(points.data.slice(), points.rows, points.cols, metric);
}

/**
 * The rows a search reads: `data` itself for the euclidean metric (checked finite, not copied),
 * normalised in place for the cosine metric (internal).
 */
function searchRows(data: Float64Array, n: number, dim: number, metric: KnnMetric): Float64Array {
  for (let p = 0; p < data.length; p++) {
    if (!Number.isFinite(data[p]!)) throw new NonFiniteError('points', data[p], 'finite coordinates');
  }
  if (metric === 'cosine') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += data[i * dim + d]! ** 2;
      if (s === 0) throw new InvalidArgumentError(`points row ${i}`, 0, 'a non-zero row (cosine metric)');
      const inv = 1 / Math.sqrt(s);
      for (let d = 0; d < dim; d++) data[i * dim + d]! *= inv;
    }
  }
  return data;
}

/**
 * Approximate k-nearest-neighbour graph by NN-descent (Dong, Moses & Li 2011) as pynndescent and
 * umap-js run it: lists initialised from random-projection-tree leaves (plus random points), then
 * local joins of sampled new/old candidates ("a neighbour of a neighbour is likely a neighbour")
 * until fewer than δ·n·k updates happen. Work is roughly O(n·k²·iterations) distance evaluations,
 * memory O(n·k). Measure its recall against an exact search with {@link knnRecall}.
 * @param points - n × D data (rows are points), finite
 * @param options - k, metric, seed, ρ, δ, trees, iterations
 */
export function nnDescent(points: DenseMatrix, options: NnDescentOptions): NnDescentResult {
  const { rows: n, cols: dim } = points;
  const metric = options.metric ?? 'euclidean';
  if (metric !== 'euclidean' && metric !== 'cosine')
    throw new InvalidArgumentError('metric', metric, "'euclidean' or 'cosine'");
  if (n < 2) throw new InvalidArgumentError('points.rows', n, 'at least 2 points');
  const k = checkInt('k', options.k, 1, n - 1);
  const rho = options.rho ?? 1;
  if (!(rho > 0 && rho <= 1)) throw new InvalidArgumentError('rho', rho, 'a number in (0, 1]');
  const delta = options.delta ?? 0.001;
  if (!(delta >= 0 && delta < 1)) throw new InvalidArgumentError('delta', delta, 'a number in [0, 1)');
  const maxIter = checkInt(
    'maxIterations',
    options.maxIterations ?? Math.max(5, Math.round(Math.log2(n))),
    1,
    1e6,
  );
  const nTrees = checkInt(
    'nTrees',
    options.nTrees ?? Math.min(32, 5 + Math.round(Math.sqrt(n) / 20)),
    0,
    1024,
  );
  const leafSize = checkInt('leafSize', options.leafSize ?? Math.max(10, k), 2, n);
  const rng = resolveRng(options.seed);
  // read-only from here on: the euclidean search reads the caller's rows without a copy
  const data = metric === 'cosine' ? prepareRows(points, metric) : searchRows(points.data, n, dim, metric);
  const rows = prepareSparse(data, n, dim);
  const table = createTable(n, k);
  let evaluations = 0;
  const join = (p: number, q: number): number => {
    const bound = Math.max(table.keys[p * k + k - 1]!, table.keys[q * k + k - 1]!);
    const d = rowSqDist(rows, p, q, bound);
    evaluations++;
    if (!(d < bound)) return 0;
    let c = 0;
    if (tablePush(table, p, q, d, 1)) c++;
    if (tablePush(table, q, p, d, 1)) c++;
    return c;
  };
  // initialisation: tree leaves, then random points for rows still short
  if (nTrees > 0) {
    for (const leaf of rpForestLeaves(rows, nTrees, leafSize, rng)) {
      for (let a = 0; a < leaf.length; a++)
        for (let b = a + 1; b < leaf.length; b++) join(leaf[a]!, leaf[b]!);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let tries = 0; table.indices[i * k + k - 1] === -1 && tries < 4 * k; tries++) {
      const j = rng.int(n);
      if (j === i) continue;
      const d = rowSqDist(rows, i, j, Number.POSITIVE_INFINITY);
      evaluations++;
      tablePush(table, i, j, d, 1);
      tablePush(table, j, i, d, 1);
    }
  }
  const maxC = Math.max(1, Math.ceil(rho * k));
  const newC = createTable(n, maxC);
  const oldC = createTable(n, maxC);
  let iterations = 0;
  let updates = 0;
  let converged = false;
  for (let it = 0; it < maxIter; it++) {
    throwIfAborted(options.signal);
    newC.indices.fill(-1);
    newC.keys.fill(Number.POSITIVE_INFINITY);
    oldC.indices.fill(-1);
    oldC.keys.fill(Number.POSITIVE_INFINITY);
    // sample candidates (forward and reverse neighbours) by random priority
    for (let i = 0; i < n; i++) {
      for (let s = i * k; s < i * k + k; s++) {
        const j = table.indices[s]!;
        if (j < 0) continue;
        const pr = rng.uniform();
        const c = table.flags[s] === 1 ? newC : oldC;
        tablePush(c, i, j, pr, 0);
        tablePush(c, j, i, pr, 0);
      }
    }
    // sampled new entries become old
    for (let i = 0; i < n; i++) {
      for (let s = i * k; s < i * k + k; s++) {
        if (table.flags[s] !== 1) continue;
        const j = table.indices[s]!;
        for (let c = i * maxC; c < i * maxC + maxC; c++) {
          if (newC.indices[c] === j) {
            table.flags[s] = 0;
            break;
          }
        }
      }
    }
    updates = 0;
    for (let i = 0; i < n; i++) {
      const b = i * maxC;
      for (let a = b; a < b + maxC; a++) {
        const p = newC.indices[a]!;
        if (p < 0) continue;
        for (let c = a + 1; c < b + maxC; c++) {
          const q = newC.indices[c]!;
          if (q >= 0) updates += join(p, q);
        }
        for (let c = b; c < b + maxC; c++) {
          const q = oldC.indices[c]!;
          if (q >= 0 && q !== p) updates += join(p, q);
        }
      }
    }
    iterations = it + 1;
    options.onProgress?.(iterations, updates);
    if (updates <= delta * n * k) {
      converged = true;
      break;
    }
  }
  // exact distances of the survivors (the sparse expansion loses digits), re-sorted per row
  const indices = table.indices;
  const distances = new Float64Array(n * k);
  const order = new Int32Array(k);
  const tmpI = new Int32Array(k);
  const tmpD = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const s = i * k + j;
      const d2 =
        rows.nzPtr === undefined
          ? table.keys[s]!
          : sqDistBounded(data, dim, i, indices[s]!, Number.POSITIVE_INFINITY);
      tmpD[j] = metric === 'cosine' ? d2 / 2 : Math.sqrt(d2);
      tmpI[j] = indices[i * k + j]!;
      order[j] = j;
    }
    order.sort((x, y) => tmpD[x]! - tmpD[y]! || tmpI[x]! - tmpI[y]!);
    for (let j = 0; j < k; j++) {
      indices[i * k + j] = tmpI[order[j]!]!;
      distances[i * k + j] = tmpD[order[j]!]!;
    }
  }
  return {
    n,
    k,
    indices,
    distances,
    metric,
    iterations,
    converged,
    updates,
    distanceEvaluations: evaluations,
  };
}
