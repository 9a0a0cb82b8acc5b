import {
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';
import type { Embedder, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { applyPrincipalAxes, fitMds, fitPrincipalAxes, triangulate } from './mds-core.js';
import { assertFiniteEmbedding, checkComponents, checkPoints, progressReporter } from './spectral-utils.js';

/** Options of {@link landmarkMds}. */
export interface LandmarkMdsOptions {
  /** Number of landmarks m (default min(n, 256)). */
  readonly landmarks?: number;
  /** 'random' (default: a seeded uniform sample, which keeps the data's distribution) or 'maxmin' (greedy farthest-point spread). */
  readonly selection?: 'maxmin' | 'random';
}

const NAME = 'landmarkMds';

/**
 * Landmark MDS (de Silva & Tenenbaum 2004): classical MDS on m landmarks, every other point placed
 * by distance-based triangulation from its squared distances to the landmarks, then centred and
 * rotated to principal axes. O(n·m·D) time, O(n·m) memory. `transform` triangulates new points.
 * @param points - n × D finite data
 * @param options - landmark count and selection, target dimension, seed, signal, progress
 */
export function landmarkMds(
  points: MatrixInput,
  options: LandmarkMdsOptions & EmbedOptions = {},
): EmbeddingResult {
  const X = checkPoints(points);
  const { rows: n, cols: D } = X;
  const m = options.landmarks ?? Math.min(n, 256);
  const d = checkComponents(options.nComponents ?? 2, Math.max(1, Math.min(n, m) - 1), 'landmarks − 1');
  if (!Number.isInteger(m) || m < d + 1 || m > n) {
    throw new InvalidArgumentError('landmarks', m, `an integer in [${d + 1}, ${n}]`);
  }
  const selection = options.selection ?? 'random';
  if (selection !== 'maxmin' && selection !== 'random') {
    throw new InvalidArgumentError('selection', selection, "'maxmin' or 'random'");
  }
  const report = progressReporter(NAME, options);
  const rng = resolveRng(options.seed);
  const sqTo = (row: Float64Array, Q: Float64Array, q: number) => {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < D; c++) s += (Q[q * D + c]! - X.data[j * D + c]!) ** 2;
      row[j] = s;
    }
  };
  const landmarks = new Int32Array(m);
  const dist = new Float64Array(m * n); // squared distances landmark → point
  const minDist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const order = selection === 'random' ? sample(n, m, rng) : undefined;
  let next = order === undefined ? rng.int(n) : order[0]!;
  for (let a = 0; a < m; a++) {
    if (a % 32 === 0) report('landmarks', (0.7 * a) / m);
    landmarks[a] = next;
    const row = dist.subarray(a * n, (a + 1) * n);
    sqTo(row, X.data, next);
    if (order !== undefined) next = order[a + 1] ?? 0;
    else {
      let far = 0;
      for (let j = 0; j < n; j++) {
        if (row[j]! < minDist[j]!) minDist[j] = row[j]!;
        if (minDist[j]! > minDist[far]!) far = j;
      }
      next = far;
    }
  }
  const S = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) S[a * m + b] = dist[a * n + landmarks[b]!]!;
  for (let a = 0; a < m; a++)
    for (let b = 0; b < a; b++) S[a * m + b] = S[b * m + a] = 0.5 * (S[a * m + b]! + S[b * m + a]!);
  report('eigensolve', 0.7);
  const model = fitMds(S, m, d, rng);
  const raw = new DenseMatrix(n, d);
  const col = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) col[a] = dist[a * n + i]!;
    triangulate(model, col, raw.data, i * d);
  }
  const { axes, rotated } = fitPrincipalAxes(raw);
  report('done', 1);
  return {
    embedding: assertFiniteEmbedding(rotated, NAME),
    transform: (newPoints) => {
      const Q = toDense(newPoints, 'points');
      if (Q.cols !== D) throw new DimensionMismatchError('points.cols', Q.cols, `${D}`);
      const out = new DenseMatrix(Q.rows, d);
      for (let r = 0; r < Q.rows; r++) {
        for (let a = 0; a < m; a++) {
          let s = 0;
          for (let c = 0; c < D; c++) s += (Q.data[r * D + c]! - X.data[landmarks[a]! * D + c]!) ** 2;
          col[a] = s;
        }
        triangulate(model, col, out.data, r * d);
      }
      return assertFiniteEmbedding(applyPrincipalAxes(axes, out), NAME);
    },
    info: { landmarks: m, selection, eigenvalues: Array.from(model.eigenvalues) },
  };
}

function sample(n: number, m: number, rng: { int(n: number): number }): Int32Array {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.slice(0, m);
}

/** The landmark MDS embedder config (registry name `'landmarkMds'`). */
export const landmarkMdsEmbedder: Embedder<LandmarkMdsOptions> = {
  name: NAME,
  description: 'Landmark MDS: classical MDS on landmarks, the rest by distance triangulation (O(n·m))',
  hasTransform: true,
  iterative: false,
  defaults: { selection: 'random' },
  start: (points, options) => {
    const X = checkPoints(points);
    return oneShotRun(() => landmarkMds(X, options));
  },
};
