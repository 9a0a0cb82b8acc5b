/**
 * @infogeom/pullback — pullback metrics G(z) = J(z)ᵀ I(θ(z)) J(z) on latent spaces: decoders, Christoffel
 * symbols, curvature and on-manifold geodesics.
 *
 * @packageDocumentation
 */

export * from './curves/index.js';
export * from './decoders/index.js';
export * from './geodesics/index.js';
export * from './geometry/index.js';
export * from './graph/index.js';
export * from './metrics/index.js';
export * from './outputs/index.js';
export * from './variance/index.js';
