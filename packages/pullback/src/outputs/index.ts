export * from './categorical-output.js';
export * from './diagonal-output.js';
export * from './family-output.js';
export * from './output-families.js';
