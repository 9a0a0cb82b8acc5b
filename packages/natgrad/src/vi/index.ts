export * from './bayesian-learning-rule.js';
export * from './gauss-hermite.js';
export * from './glm-likelihood.js';
