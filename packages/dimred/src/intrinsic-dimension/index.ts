export type { DimensionEstimate, DimensionKnnOptions } from './dimension-knn.js';
export { type LocalPcaDimensionOptions, localPcaDimension } from './local-pca-dimension.js';
export { type MleDimensionOptions, mleDimension } from './mle-dimension.js';
export { type TwoNnDimensionOptions, twoNnDimension } from './two-nn-dimension.js';
