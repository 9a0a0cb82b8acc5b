export { knnPreservation } from './knn-preservation.js';
export { continuity, type QualityOptions, trustworthiness } from './trustworthiness.js';
