export { type ConnectedGraph, connectComponents } from './connect-components.js';
export { type ConnectedComponents, connectedComponents } from './connected-components.js';
export { type ExactKnnOptions, exactKnn, exactKnnQuery } from './exact-knn.js';
export { type KnnAdjacencyOptions, knnAdjacency } from './knn-adjacency.js';
export type { KnnGraph, KnnMetric } from './knn-graph.js';
export { type NnDescentOptions, type NnDescentResult, nnDescent } from './nn-descent.js';
export { knnRecall } from './nn-descent-recall.js';
