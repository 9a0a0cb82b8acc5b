export * from './k-means.js';
export * from './rbf-variance.js';
export * from './rbf-variance-metric.js';
