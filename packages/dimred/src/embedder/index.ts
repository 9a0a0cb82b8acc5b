export type { Embedder, EmbedderRun, EmbeddingResult, EmbedOptions, EmbedProgress } from './embedder.js';
export { fitTransform, fitTransformAsync } from './fit-transform.js';
export { oneShotRun } from './one-shot-run.js';
export {
  type EmbedderRegistry,
  embedder,
  embedderByName,
  listEmbedders,
  type RegisterEmbedderOptions,
  registerEmbedder,
  unregisterEmbedder,
} from './registry.js';
export { resolveRng } from './resolve-rng.js';
