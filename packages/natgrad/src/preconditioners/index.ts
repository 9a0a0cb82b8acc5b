export * from './cg-preconditioner.js';
export * from './dense-preconditioner.js';
export * from './diagonal-preconditioner.js';
export * from './operator-preconditioner.js';
export * from './preconditioner.js';
export * from './registry.js';
