export * from './all-pairs-shortest-paths.js';
export * from './csr-matmul.js';
export * from './csr-matrix.js';
export * from './envelope-cholesky.js';
export * from './graph-laplacian.js';
export * from './reverse-cuthill-mckee.js';
export * from './shortest-paths.js';
export * from './sparse-eigsh.js';
