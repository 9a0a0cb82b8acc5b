export * from './eigh.js';
export * from './eigh-tridiagonal.js';
export { gemm, type StridedMatrix, strided } from './gemm.js';
export * from './gemm-packed.js';
export * from './gram.js';
export * from './matmul.js';
export * from './matmul-trans-a.js';
export * from './matmul-trans-b.js';
export * from './vector-exp.js';
