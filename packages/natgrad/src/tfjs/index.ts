/**
 * @infogeom/natgrad/tfjs — natural-gradient optimisers for TensorFlow.js networks.
 * @packageDocumentation
 */
export * from './ivon.js';
export type { IvonBatchesState } from './ivon-batches.js';
export type { IvonFunctionalNetwork, IvonLoss, IvonLossKind, IvonNetworkInput } from './ivon-network.js';
export * from './ivon-noise.js';
export type { IvonData, IvonOptions, ResolvedIvonOptions } from './ivon-options.js';
export type { KfacLayerStateJson } from './kfac-layer-state.js';
export type {
  KfacAdaptiveDamping,
  KfacDampingMode,
  KfacOptions,
  ResolvedKfacOptions,
} from './kfac-options.js';
export * from './kfac-preconditioner.js';
export * from './kfac-trainer.js';
