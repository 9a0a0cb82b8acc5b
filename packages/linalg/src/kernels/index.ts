export * from './eigh.js';
export * from './eigh-tridiagonal.js';
export * from './gemm.js';
export * from './gram.js';
export * from './matmul.js';
export * from './matmul-trans-a.js';
export * from './matmul-trans-b.js';
export * from './vector-exp.js';
