import { InvalidArgumentError } from '@infogeom/linalg';
import type { Embedder } from '../embedder/embedder.js';
import { oneShotRun } from '../embedder/one-shot-run.js';
import { type LapRlsOptions, lapRls } from './lap-rls.js';
import { type LapSvmOptions, lapSvm } from './lap-svm.js';

/** Options of {@link lapRlsEmbedder}: those of {@link lapRls} plus the labels. */
export interface LapRlsEmbedderOptions extends LapRlsOptions {
  /** One label per point: a class id ≥ 0, or −1 for unlabelled (required). */
  readonly labels?: ArrayLike<number>;
}

/**
 * Manifold regularisation as an embedder plugin: the "embedding" is the n × C matrix of LapRLS decision
 * values (one column per class), and `transform` gives the decision values of new points. `info` holds
 * the classes and the transductive predictions. Use {@link lapRls} directly for `predict`.
 */
export const lapRlsEmbedder: Embedder<LapRlsEmbedderOptions> = {
  name: 'lapRls',
  description:
    'Laplacian-regularised least squares (Belkin, Niyogi & Sindhwani 2006): class scores smooth along the data graph.',
  hasTransform: true,
  iterative: false,
  defaults: { gammaA: 1e-4, gammaI: 1e4, nNeighbors: 6, weight: 'heat', laplacianPower: 1 },
  start(points, options = {}) {
    const labels = options.labels;
    if (labels === undefined)
      throw new InvalidArgumentError('labels', labels, 'one label per point (−1 = unlabelled)');
    return oneShotRun(() => {
      options.onProgress?.({ embedder: 'lapRls', stage: 'solve', fraction: 0, iteration: 0 });
      const model = lapRls(points, labels, options);
      options.onProgress?.({ embedder: 'lapRls', stage: 'done', fraction: 1, iteration: 0 });
      return {
        embedding: model.trainingScores,
        transform: (x) => model.decisionFunction(x),
        info: {
          classes: Array.from(model.classes),
          predictions: Array.from(model.trainingPredictions),
          kernelWidth: model.kernelWidth,
        },
      };
    });
  },
};

/** Options of {@link lapSvmEmbedder}: those of {@link lapSvm} plus the labels. */
export interface LapSvmEmbedderOptions extends LapSvmOptions {
  /** One label per point: a class id ≥ 0, or −1 for unlabelled (required). */
  readonly labels?: ArrayLike<number>;
}

/**
 * The Laplacian SVM as an embedder plugin, like {@link lapRlsEmbedder}: the embedding is the n × C matrix of
 * decision values and `transform` scores new points. Use {@link lapSvm} directly for `predict`.
 */
export const lapSvmEmbedder: Embedder<LapSvmEmbedderOptions> = {
  name: 'lapSvm',
  description:
    'Laplacian SVM (Belkin, Niyogi & Sindhwani 2006): hinge loss with ambient and intrinsic regularisation.',
  hasTransform: true,
  iterative: false,
  defaults: { gammaA: 1e-4, gammaI: 1e4, nNeighbors: 6, weight: 'heat', laplacianPower: 1, tol: 1e-8 },
  start(points, options = {}) {
    const labels = options.labels;
    if (labels === undefined)
      throw new InvalidArgumentError('labels', labels, 'one label per point (−1 = unlabelled)');
    return oneShotRun(() => {
      options.onProgress?.({ embedder: 'lapSvm', stage: 'solve', fraction: 0, iteration: 0 });
      const model = lapSvm(points, labels, options);
      options.onProgress?.({ embedder: 'lapSvm', stage: 'done', fraction: 1, iteration: 0 });
      return {
        embedding: model.trainingScores,
        transform: (x) => model.decisionFunction(x),
        info: {
          classes: Array.from(model.classes),
          predictions: Array.from(model.trainingPredictions),
          kernelWidth: model.kernelWidth,
          converged: model.converged,
        },
      };
    });
  },
};
