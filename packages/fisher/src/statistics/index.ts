export * from './compare-models.js';
export * from './cramer-rao-bound.js';
export * from './fisher-information-approximation.js';
export type { FisherPoint, FisherSource } from './fisher-source.js';
export {
  type CoordinateBox,
  type FisherVolume,
  type FisherVolumeOptions,
  fisherVolume,
} from './fisher-volume.js';
export * from './jeffreys-prior.js';
export * from './standard-errors.js';
export * from './wald-intervals.js';
