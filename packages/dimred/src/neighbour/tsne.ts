import { type CsrMatrix, DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import type { Embedder, EmbedderRun, EmbeddingResult, EmbedOptions } from '../embedder/embedder.js';
import { resolveRng } from '../embedder/resolve-rng.js';
import { prepareRows } from '../knn/nn-descent.js';
import { denseJointProbabilities, sparseJointProbabilities } from './tsne-affinities.js';
import { barnesHutKlGradient } from './tsne-barnes-hut.js';
import { exactKlGradient } from './tsne-exact.js';
import { TSNE_DEFAULTS, type TsneOptions } from './tsne-options.js';
import { pcaInit } from './tsne-pca-init.js';

const CHECK_EVERY = 50;

/**
 * Starts a t-SNE run (van der Maaten & Hinton 2008; Barnes–Hut: van der Maaten 2014), following
 * scikit-learn's `TSNE`: perplexity-calibrated affinities (binary search), symmetrised joint P, PCA or
 * random initialisation, early exaggeration with momentum 0.5 then momentum 0.8, per-coordinate gains
 * (+0.2 / ×0.8, floor 0.01), KL divergence checked every 50 iterations with scikit-learn's stopping
 * rules. The first `step()` computes the affinities; every step is one gradient iteration.
 */
function startTsne(points: DenseMatrix, options: TsneOptions & EmbedOptions = {}): EmbedderRun {
  const { rows: n, cols: D } = points;
  const o = { ...TSNE_DEFAULTS, ...options };
  const dim = options.nComponents ?? 2;
  if (!Number.isInteger(dim) || dim < 1) throw new InvalidArgumentError('nComponents', dim, 'an integer ≥ 1');
  if (!(o.perplexity > 0 && o.perplexity < n))
    throw new InvalidArgumentError('perplexity', o.perplexity, `a number in (0, n = ${n})`);
  if (!(o.earlyExaggeration >= 1))
    throw new InvalidArgumentError('earlyExaggeration', o.earlyExaggeration, 'a number ≥ 1');
  const maxIter = o.maxIterations;
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new InvalidArgumentError('maxIterations', maxIter, 'an integer ≥ 1');
  const explore = Math.min(o.explorationIterations, maxIter);
  if (!Number.isInteger(explore) || explore < 0)
    throw new InvalidArgumentError('explorationIterations', o.explorationIterations, 'an integer ≥ 0');
  const lr = o.learningRate === 'auto' ? Math.max(n / o.earlyExaggeration / 4, 50) : o.learningRate;
  if (!(lr > 0 && Number.isFinite(lr)))
    throw new InvalidArgumentError('learningRate', o.learningRate, "a number > 0 or 'auto'");
  const method = o.method === 'auto' ? (n <= 500 ? 'exact' : 'barnes-hut') : o.method;
  if (method !== 'exact' && method !== 'barnes-hut')
    throw new InvalidArgumentError('method', o.method, "'auto', 'exact' or 'barnes-hut'");
  if (method === 'barnes-hut' && dim > 3)
    throw new InvalidArgumentError('nComponents', dim, 'at most 3 for Barnes–Hut');
  if (!(o.theta >= 0)) throw new InvalidArgumentError('theta', o.theta, 'a number ≥ 0');
  if (o.init !== 'pca' && o.init !== 'random')
    throw new InvalidArgumentError('init', o.init, "'pca' or 'random'");
  if (o.init === 'pca' && dim > Math.min(n, D))
    throw new InvalidArgumentError('nComponents', dim, `at most min(n, D) = ${Math.min(n, D)} for PCA init`);
  prepareRows(points, o.metric); // validates finiteness (and non-zero rows for cosine) now
  const rng = resolveRng(options.seed);
  const dof = Math.max(dim - 1, 1);
  const progress = (stage: string, fraction: number, iteration: number): void =>
    options.onProgress?.({ embedder: 'tsne', stage, fraction, iteration });
  let state:
    | {
        P: Float64Array | CsrMatrix;
        Y: Float64Array;
        update: Float64Array;
        gains: Float64Array;
        grad: Float64Array;
      }
    | undefined;
  let iteration = 0;
  let done = false;
  let kl = Number.NaN;
  let gradNorm = Number.NaN;
  let bestError = Number.POSITIVE_INFINITY;
  let bestIter = 0;
  let stopReason = 'maxIterations';
  const pValues = (P: Float64Array | CsrMatrix): Float64Array => (P instanceof Float64Array ? P : P.values);
  const prepare = () => {
    if (state !== undefined) return state;
    progress('affinities', 0, 0);
    const P =
      method === 'exact'
        ? denseJointProbabilities(points, o.perplexity, o.metric)
        : sparseJointProbabilities(points, o.perplexity, o.metric);
    const Y =
      o.init === 'pca'
        ? pcaInit(points, dim, rng)
        : Float64Array.from({ length: n * dim }, () => 1e-4 * rng.normal());
    if (explore > 0)
      for (const v of [pValues(P)]) for (let t = 0; t < v.length; t++) v[t]! *= o.earlyExaggeration;
    state = {
      P,
      Y,
      update: new Float64Array(n * dim),
      gains: new Float64Array(n * dim).fill(1),
      grad: new Float64Array(n * dim),
    };
    return state;
  };
  const stepOnce = (): void => {
    const s = prepare();
    const i = iteration;
    if (i === explore && explore > 0) {
      const v = pValues(s.P);
      for (let t = 0; t < v.length; t++) v[t]! /= o.earlyExaggeration;
      bestError = Number.POSITIVE_INFINITY; // scikit-learn starts a new descent for the second phase
      bestIter = i;
    }
    const momentum = i < explore ? 0.5 : 0.8;
    const check = (i + 1) % CHECK_EVERY === 0 || i === maxIter - 1;
    const error =
      s.P instanceof Float64Array
        ? exactKlGradient(s.P, s.Y, dim, dof, s.grad, check)
        : barnesHutKlGradient(s.P, s.Y, dim, dof, o.theta, s.grad, check);
    const { update, gains, grad, Y } = s;
    let norm2 = 0;
    for (let t = 0; t < Y.length; t++) {
      const g = grad[t]!;
      gains[t] = update[t]! * g < 0 ? gains[t]! + 0.2 : Math.max(gains[t]! * 0.8, 0.01);
      const gg = g * gains[t]!;
      norm2 += gg * gg;
      update[t] = momentum * update[t]! - lr * gg;
      Y[t]! += update[t]!;
    }
    iteration++;
    if (check) {
      // during exploration the error is that of the exaggerated P, as in scikit-learn
      kl = error;
      gradNorm = Math.sqrt(norm2);
      if (error < bestError) {
        bestError = error;
        bestIter = i;
      } else if (i - bestIter > o.nIterWithoutProgress) {
        stopReason = 'nIterWithoutProgress';
        done = true;
      }
      if (gradNorm <= o.minGradNorm) {
        stopReason = 'minGradNorm';
        done = true;
      }
      progress('optimise', iteration / maxIter, iteration);
    }
    for (let t = 0; t < Y.length; t++)
      if (!Number.isFinite(Y[t]!))
        throw new InvalidArgumentError('learningRate', lr, 'a step size that keeps the embedding finite');
    if (iteration >= maxIter) done = true;
  };
  return {
    step(count = 1): boolean {
      for (let c = 0; c < count && !done; c++) stepOnce();
      return !done;
    },
    get done(): boolean {
      return done;
    },
    get iteration(): number {
      return iteration;
    },
    totalIterations: maxIter,
    current(): DenseMatrix {
      return new DenseMatrix(n, dim, prepare().Y.slice());
    },
    result(): EmbeddingResult {
      if (!done) throw new InvalidArgumentError('run', 'not done', 'a finished run (call step() first)');
      const s = prepare();
      if (iteration <= explore && explore > 0) {
        // stopped inside the exploration phase: report the KL of the true P
        const v = pValues(s.P);
        for (let t = 0; t < v.length; t++) v[t]! /= o.earlyExaggeration;
      }
      if (s.P instanceof Float64Array || iteration <= explore) {
        kl =
          s.P instanceof Float64Array
            ? exactKlGradient(s.P, s.Y, dim, dof, s.grad)
            : barnesHutKlGradient(s.P, s.Y, dim, dof, o.theta, s.grad, true);
      }
      return {
        embedding: new DenseMatrix(n, dim, s.Y.slice()),
        info: { klDivergence: kl, iterations: iteration, gradNorm, method, learningRate: lr, stopReason },
      };
    },
  };
}

/**
 * t-SNE (t-distributed stochastic neighbour embedding) as an {@link Embedder}: iterative (one step per
 * gradient iteration), exact for small n and Barnes–Hut (θ = 0.5) otherwise; reports the final KL
 * divergence in `info.klDivergence`. No transform for new points. Options: {@link TsneOptions}.
 */
export const tsne: Embedder<TsneOptions> = {
  name: 'tsne',
  description:
    'Preserves local neighbourhoods: matches Gaussian input affinities with Student-t output affinities (KL divergence).',
  hasTransform: false,
  iterative: true,
  defaults: TSNE_DEFAULTS,
  start: startTsne,
};
