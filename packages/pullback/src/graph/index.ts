export * from './graph-path.js';
export * from './latent-graph.js';
