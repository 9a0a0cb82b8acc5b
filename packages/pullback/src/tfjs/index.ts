/**
 * TensorFlow.js decoders for @infogeom/pullback (optional peer dependency `@tensorflow/tfjs`): a tfjs network
 * as a `Decoder` with batched products by autodiff, the float32 ↔ float64 bridges of dense networks
 * (with a batched GEMM float64 twin), and a pullback metric that evaluates whole curves in a few batched calls.
 * @module
 */

export { type Float64DenseDecoder, float64DenseDecoder } from '../decoders/float64-dense-decoder.js';
export { type BatchedDecoder, batchedPullbackMetric } from '../metrics/batched-pullback-metric.js';
export * from './dense-network.js';
export * from './tfjs-decoder.js';
