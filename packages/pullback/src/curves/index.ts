export * from './curve-basis.js';
export * from './curve-energy.js';
export * from './curve-hessian.js';
export * from './resample-curve.js';
