export * from './christoffel.js';
export * from './curvature.js';
export * from './magnification.js';
