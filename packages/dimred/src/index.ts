/**
 * @infogeom/dimred — nonlinear dimensionality reduction: neighbour graphs, embedders (a plugin registry),
 * intrinsic dimension, embedding quality and data generators.
 * @packageDocumentation
 */

export * from './alignment/index.js';
export * from './embedder/index.js';
export * from './generators/index.js';
export * from './intrinsic-dimension/index.js';
export * from './knn/index.js';
export * from './neighbour/index.js';
export * from './quality/index.js';
export * from './regularisation/index.js';
export * from './sculpting/index.js';
export * from './spectral/index.js';
