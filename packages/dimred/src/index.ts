/**
 * @infogeom/dimred — nonlinear dimensionality reduction: neighbour graphs, embedders (a plugin registry),
 * intrinsic dimension, embedding quality and data generators.
 * @packageDocumentation
 */
export * from './embedder/index.js';
export * from './knn/index.js';
