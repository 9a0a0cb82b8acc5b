export { barycenterWeights } from './barycenter-weights.js';
export {
  CLASSICAL_MDS_MAX_POINTS,
  type ClassicalMdsOptions,
  classicalMds,
  classicalMdsEmbedder,
} from './classical-mds.js';
export { type DiffusionMapsOptions, diffusionMaps, diffusionMapsEmbedder } from './diffusion-maps.js';
export { type IsomapOptions, isomap, isomapEmbedder } from './isomap.js';
export { type LandmarkMdsOptions, landmarkMds, landmarkMdsEmbedder } from './landmark-mds.js';
export {
  type LaplacianEigenmapsOptions,
  laplacianEigenmaps,
  laplacianEigenmapsEmbedder,
} from './laplacian-eigenmaps.js';
export {
  hessianLleEmbedder,
  type LleMethod,
  type LleOptions,
  lle,
  lleEmbedder,
  ltsaEmbedder,
  modifiedLleEmbedder,
} from './lle.js';
export { type PcaOptions, pca, pcaEmbedder } from './pca.js';
export type { NeighbourOptions } from './spectral-utils.js';
