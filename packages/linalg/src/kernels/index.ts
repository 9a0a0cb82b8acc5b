export * from './eigh.js';
export * from './matmul.js';
