export * from './batched-christoffel.js';
export * from './batched-pullback-metric.js';
export * from './complete-metric.js';
export * from './custom-metric.js';
export * from './ensemble-metric.js';
export * from './pullback-metric.js';
export * from './spd-solve-damped.js';
export * from './sum-metrics.js';
