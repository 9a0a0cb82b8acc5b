import {
  AbortError,
  type DenseMatrix,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';
import type { Embedder, EmbedderRun, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { exactKnn } from '../knn/exact-knn.js';
import { SculptingState } from './sculpting-state.js';

/** Options of Manifold Sculpting (beside {@link EmbedOptions}). */
export interface ManifoldSculptingOptions {
  /** Neighbours k whose distances and angles are preserved (default 12). */
  readonly nNeighbors?: number;
  /** Factor σ by which the extra dimensions shrink each pass (default 0.99, as in the paper). */
  readonly squishingRate?: number;
  /** Scale of the extra dimensions below which they are set to 0 (default 0.001). */
  readonly minScale?: number;
  /** Relationship-restoring passes after the extra dimensions reached 0 (default 50). */
  readonly extraPasses?: number;
  /** Error weight of neighbours already adjusted in the current pass, relative to 1 for the others (default 10). */
  readonly adjustedWeight?: number;
  /** Rotate the data onto its principal axes before sculpting (default true, the paper's PCA step). */
  readonly alignWithPca?: boolean;
}

/** A Manifold Sculpting run: an {@link EmbedderRun} that also exposes the current error and scale. */
export interface ManifoldSculptingRun extends EmbedderRun {
  /** Total error heuristic after the last pass (∞ before the first). */
  readonly error: number;
  /** Mean relative distortion of the recorded neighbour distances, mean |δᵢⱼ/δ⁰ᵢⱼ − 1| (computed on demand). */
  distortion(): number;
  /** Current scale of the extra dimensions (1 at the start, 0 once they are gone). */
  readonly scale: number;
}

function positiveInt(name: string, v: number, lo: number, hi: number): number {
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new InvalidArgumentError(name, v, `an integer in [${lo}, ${hi}]`);
  return v;
}

/**
 * Starts Manifold Sculpting (Gashler, Ventura & Martinez, "Iterative non-linear dimensionality reduction
 * with manifold sculpting", NIPS 2007): record each point's k neighbour distances and, for each neighbour,
 * the angle to that neighbour's most colinear neighbour; align the data with its principal axes; then, pass
 * after pass, scale the extra dimensions by σ and restore the recorded relationships by adaptive-step hill
 * climbing in the kept dimensions, breadth-first from a random point. One `step()` is one pass; the run has
 * ⌈log(minScale)/log σ⌉ squishing passes plus `extraPasses`. The embedding is the kept dimensions.
 * `result().info` holds `passes`, `error` (the summed error heuristic of the last pass), `distortion` (mean
 * |δᵢⱼ/δ⁰ᵢⱼ − 1| over the recorded neighbour pairs), `finalStep` (η), `lastPassSteps` and `converged` (the last
 * pass accepted fewer than n hill-climbing steps, i.e. the adaptive step was shrinking). Cost per pass is
 * O(n·k·D) times the hill-climbing steps; memory O(n·(k + D)).
 * @param points - n × D finite data, D > nComponents
 * @param options - method options and {@link EmbedOptions}
 * @throws InvalidArgumentError for bad options, k ≥ n, nComponents ≥ D or all-identical neighbourhoods;
 * NonFiniteError for NaN/±∞
 */
export function startManifoldSculpting(
  points: MatrixInput,
  options: ManifoldSculptingOptions & EmbedOptions = {},
): ManifoldSculptingRun {
  const X = toDense(points, 'points');
  const { rows: n, cols: D } = X;
  const d = positiveInt('nComponents', options.nComponents ?? 2, 1, D - 1);
  const k = positiveInt('nNeighbors', options.nNeighbors ?? 12, 1, n - 1);
  const sigma = options.squishingRate ?? 0.99;
  if (!(sigma > 0 && sigma < 1)) throw new InvalidArgumentError('squishingRate', sigma, 'a number in (0, 1)');
  const minScale = options.minScale ?? 0.001;
  if (!(minScale > 0 && minScale < 1))
    throw new InvalidArgumentError('minScale', minScale, 'a number in (0, 1)');
  const extra = positiveInt('extraPasses', options.extraPasses ?? 50, 0, 1e7);
  const adjustedWeight = options.adjustedWeight ?? 10;
  if (!(adjustedWeight > 0) || !Number.isFinite(adjustedWeight))
    throw new InvalidArgumentError('adjustedWeight', adjustedWeight, 'a finite weight > 0');
  const rng = resolveRng(options.seed);
  const graph = exactKnn(X, { k });
  const state = new SculptingState(
    X,
    graph,
    {
      nComponents: d,
      squishingRate: sigma,
      minScale,
      adjustedWeight,
      alignWithPca: options.alignWithPca !== false,
    },
    rng,
  );
  if (!(state.meanDistance > 0))
    throw new InvalidArgumentError(
      'points',
      X,
      'points whose neighbourhoods are not all identical (mean neighbour distance 0)',
    );
  const squish = Math.ceil(Math.log(minScale) / Math.log(sigma));
  const total = squish + extra;
  let iteration = 0;
  const report = (): void =>
    options.onProgress?.({
      embedder: 'manifoldSculpting',
      stage: iteration <= squish ? 'squish' : 'restore',
      fraction: iteration / total,
      iteration,
    });
  const every = Math.max(1, Math.floor(total / 200));
  let result: EmbeddingResult | undefined;
  return {
    step(count = 1): boolean {
      for (let s = 0; s < count && iteration < total; s++) {
        if (options.signal?.aborted === true) throw new AbortError(options.signal.reason);
        state.pass();
        iteration++;
        if (iteration % every === 0 || iteration === total) report();
      }
      return iteration < total;
    },
    get done(): boolean {
      return iteration >= total;
    },
    get iteration(): number {
      return iteration;
    },
    totalIterations: total,
    get error(): number {
      return state.lastError;
    },
    get scale(): number {
      return state.scale;
    },
    distortion: () => state.distortion(),
    current: (): DenseMatrix => state.embedding(),
    result(): EmbeddingResult {
      if (iteration < total)
        throw new InvalidArgumentError('run', 'not done', 'a finished run (step until done)');
      result ??= {
        embedding: state.embedding(),
        info: {
          passes: iteration,
          error: state.lastError,
          finalStep: state.eta,
          lastPassSteps: state.lastSteps,
          meanNeighborDistance: state.meanDistance,
          distortion: state.distortion(),
          converged: state.lastSteps < n,
        },
      };
      return result;
    },
  };
}

/**
 * Manifold Sculpting run to completion (see {@link startManifoldSculpting}).
 * @param points - n × D finite data
 * @param options - method options and {@link EmbedOptions}
 */
export function manifoldSculpting(
  points: MatrixInput,
  options: ManifoldSculptingOptions & EmbedOptions = {},
): EmbeddingResult {
  const run = startManifoldSculpting(points, options);
  while (!run.done) run.step(1);
  return run.result();
}

/** Manifold Sculpting as an iterative embedder plugin (one step = one squish-and-restore pass). */
export const manifoldSculptingEmbedder: Embedder<ManifoldSculptingOptions> = {
  name: 'manifoldSculpting',
  description:
    'Manifold Sculpting (Gashler et al. 2007): shrinks extra dimensions while preserving neighbour distances and angles.',
  hasTransform: false,
  iterative: true,
  defaults: {
    nNeighbors: 12,
    squishingRate: 0.99,
    minScale: 0.001,
    extraPasses: 50,
    adjustedWeight: 10,
    alignWithPca: true,
  },
  start: (points, options) => startManifoldSculpting(points, options),
};
