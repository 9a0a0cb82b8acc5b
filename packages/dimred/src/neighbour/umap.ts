import { DenseMatrix, InvalidArgumentError, type Rng } from '@infogeom/linalg';
import type { Embedder, EmbedderRun, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import type { KnnGraph } from '../knn/knn-graph.js';
import { nnDescent, prepareRows } from '../knn/nn-descent.js';
import { findAbParams } from './umap-ab.js';
import { fuzzySimplicialSet } from './umap-fuzzy-graph.js';
import { umapInitialLayout } from './umap-init.js';
import { UMAP_DEFAULTS, type UmapOptions } from './umap-options.js';
import { createSgdState, sgdEpoch, type UmapSgdState } from './umap-sgd.js';
import { type UmapModel, umapTransform } from './umap-transform.js';

function positiveInt(name: string, v: number, lo: number): number {
  if (!Number.isInteger(v) || v < lo) throw new InvalidArgumentError(name, v, `an integer ≥ ${lo}`);
  return v;
}

function positive(name: string, v: number): number {
  if (!(v > 0 && Number.isFinite(v))) throw new InvalidArgumentError(name, v, 'a finite number > 0');
  return v;
}

interface Prepared {
  state: UmapSgdState;
  info: Record<string, number | string | boolean>;
}

/**
 * Starts a UMAP run (McInnes, Healy & Melville 2018, following umap-learn): NN-descent kNN graph, fuzzy
 * simplicial set (smooth kNN distances, fuzzy union), a/b fitted from minDist and spread, spectral
 * initialisation through linalg's Lanczos eigensolver (per-component fallback for disconnected graphs), then
 * SGD with negative sampling and epochs-per-sample scheduling. The first `step()` builds the graph and
 * the initial layout; every step runs one epoch. Memory O(n·k).
 */
function startUmap(points: DenseMatrix, options: UmapOptions & EmbedOptions = {}): EmbedderRun {
  const { rows: n, cols: D } = points;
  const o = { ...UMAP_DEFAULTS, ...options };
  const dim = positiveInt('nComponents', options.nComponents ?? 2, 1);
  const nNeighbors = positiveInt('nNeighbors', o.nNeighbors, 2);
  if (n <= nNeighbors)
    throw new InvalidArgumentError('points.rows', n, `more than nNeighbors = ${nNeighbors} points`);
  if (n <= dim + 1)
    throw new InvalidArgumentError('points.rows', n, `more than nComponents + 1 = ${dim + 1} points`);
  const nEpochs = positiveInt('nEpochs', options.nEpochs ?? (n <= 10_000 ? 500 : 200), 1);
  positive('learningRate', o.learningRate);
  positive('negativeSampleRate', o.negativeSampleRate);
  if (!(o.repulsionStrength >= 0))
    throw new InvalidArgumentError('repulsionStrength', o.repulsionStrength, 'a number ≥ 0');
  if (o.init !== 'spectral' && o.init !== 'random')
    throw new InvalidArgumentError('init', o.init, "'spectral' or 'random'");
  const curve =
    options.a !== undefined && options.b !== undefined
      ? { a: positive('a', options.a), b: positive('b', options.b) }
      : findAbParams(o.spread, o.minDist);
  const knnIn: KnnGraph | undefined = options.knn;
  if (knnIn !== undefined && (knnIn.n !== n || knnIn.k < 1)) {
    throw new InvalidArgumentError('knn', `n = ${knnIn.n}, k = ${knnIn.k}`, `a graph on the ${n} points`);
  }
  const data = prepareRows(points, o.metric); // validates finiteness now
  const rng: Rng = resolveRng(options.seed);
  const progress = (stage: string, fraction: number, iteration: number): void =>
    options.onProgress?.({ embedder: 'umap', stage, fraction, iteration });
  let prepared: Prepared | undefined;
  let transformRng: Rng = rng;
  let epoch = 0;
  const prepare = (): Prepared => {
    if (prepared !== undefined) return prepared;
    progress('knn', 0, 0);
    let knn = knnIn;
    let knnInfo: Record<string, number | boolean> = {};
    if (knn === undefined) {
      const r = nnDescent(points, {
        k: nNeighbors - 1,
        metric: o.metric,
        seed: rng,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      knn = r;
      knnInfo = { knnIterations: r.iterations, knnConverged: r.converged };
    }
    progress('graph', 0.02, 0);
    const { graph } = fuzzySimplicialSet(knn, o.localConnectivity);
    progress('init', 0.05, 0);
    const init = umapInitialLayout(graph, dim, o.init, rng);
    const state = createSgdState(
      graph,
      init.layout,
      init.layout,
      dim,
      {
        a: curve.a,
        b: curve.b,
        gamma: o.repulsionStrength,
        initialAlpha: o.learningRate,
        negativeSampleRate: o.negativeSampleRate,
        nEpochs,
        moveOther: true,
      },
      rng,
    );
    transformRng = rng.fork();
    prepared = {
      state,
      info: {
        a: curve.a,
        b: curve.b,
        nEpochs,
        init: init.method,
        components: init.components,
        edges: state.from.length,
        ...knnInfo,
      },
    };
    return prepared;
  };
  const run: EmbedderRun = {
    step(count = 1): boolean {
      const p = prepare();
      for (let s = 0; s < count && epoch < nEpochs; s++) {
        sgdEpoch(p.state, epoch);
        epoch++;
        if (epoch === nEpochs || epoch % Math.max(1, Math.floor(nEpochs / 100)) === 0)
          progress('optimise', 0.05 + (0.95 * epoch) / nEpochs, epoch);
      }
      return epoch < nEpochs;
    },
    get done(): boolean {
      return epoch >= nEpochs;
    },
    get iteration(): number {
      return epoch;
    },
    totalIterations: nEpochs,
    current(): DenseMatrix {
      return new DenseMatrix(n, dim, prepare().state.head.slice());
    },
    result(): EmbeddingResult {
      if (epoch < nEpochs)
        throw new InvalidArgumentError('run', 'not done', 'a finished run (call step() first)');
      const p = prepare();
      const model: UmapModel = {
        data,
        n,
        inputDim: D,
        embedding: p.state.head.slice(),
        dim,
        metric: o.metric,
        nNeighbors,
        a: curve.a,
        b: curve.b,
        gamma: o.repulsionStrength,
        learningRate: o.learningRate,
        negativeSampleRate: o.negativeSampleRate,
        nEpochs: options.nEpochs,
      };
      return {
        embedding: new DenseMatrix(n, dim, p.state.head.slice()),
        transform: (newPoints: DenseMatrix) => umapTransform(model, newPoints, transformRng.clone()),
        info: p.info,
      };
    },
  };
  return run;
}

/**
 * UMAP (Uniform Manifold Approximation and Projection) as an {@link Embedder}: iterative (one step per
 * SGD epoch), with umap-learn's transform for new points. Options: {@link UmapOptions}.
 */
export const umap: Embedder<UmapOptions> = {
  name: 'umap',
  description:
    'Preserves the fuzzy topological structure of the kNN graph (local neighbourhoods, some global layout).',
  hasTransform: true,
  iterative: true,
  defaults: UMAP_DEFAULTS,
  start: startUmap,
};
