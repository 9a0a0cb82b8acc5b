export * from './activations.js';
export * from './decoder.js';
export * from './decoder-ops.js';
export * from './float64-dense-decoder.js';
export * from './function-decoder.js';
export * from './mlp-decoder.js';
export * from './stack-decoders.js';
