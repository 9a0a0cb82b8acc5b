export * from './bessel-i.js';
export * from './combinatorics.js';
export * from './elementary.js';
export * from './error-function.js';
export * from './gamma.js';
export * from './logsumexp.js';
