export * from './assert.js';
export * from './dense-matrix.js';
export * from './errors.js';
export * from './linear-operator.js';
export * from './to-ml-matrix.js';
export * from './vector.js';
