/**
 * @infogeom/linalg — dense and matrix-free float64 linear algebra for infogeom.
 *
 * Dense kernels work on flat row-major `Float64Array`s ({@link DenseMatrix}); every function also
 * accepts ml-matrix `Matrix` objects and nested arrays ({@link MatrixInput}).
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './dense/index.js';
export * from './iterative/index.js';
export * from './kernels/index.js';
export * from './numdiff/index.js';
export * from './random/index.js';
export * from './sparse/index.js';
export * from './special/index.js';
