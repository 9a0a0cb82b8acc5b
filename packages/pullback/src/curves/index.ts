export * from './curve-basis.js';
export * from './curve-energy.js';
