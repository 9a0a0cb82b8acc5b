export * from './derivative.js';
export * from './gradient.js';
export * from './hessian.js';
export * from './hessian-vector-product.js';
export * from './jacobian.js';
export type { NumDiffOptions, WithError } from './options.js';
