export type { KnnGraph, KnnMetric } from './knn-graph.js';
