/**
 * `@infogeom/fisher/tfjs` — TensorFlow.js networks as statistical models: flat parameters, gradients,
 * Fisher-vector products by double-VJP, implicit Fisher operators and predictive KL divergences.
 * Needs the optional peer dependency `@tensorflow/tfjs`; the main entry `@infogeom/fisher` never loads it.
 *
 * @packageDocumentation
 */
export * from './tfjs-model.js';
