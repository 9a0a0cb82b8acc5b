/**
 * `@infogeom/fisher/tfjs` — TensorFlow.js networks as statistical models: flat parameters, gradients,
 * Fisher-vector products by double-VJP, implicit Fisher operators and predictive KL divergences, and
 * K-FAC / EK-FAC factors of dense networks captured in one forward/backward pass.
 * Needs the optional peer dependency `@tensorflow/tfjs`; the main entry `@infogeom/fisher` never loads it.
 *
 * @packageDocumentation
 */
export * from './dense-activations.js';
export * from './dense-capture.js';
export * from './dense-network.js';
export * from './tfjs-kfac.js';
export * from './tfjs-model.js';
