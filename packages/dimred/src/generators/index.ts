export type { GeneratedData, GeneratorOptions } from './generated-data.js';
export { type HelixOptions, helix } from './helix.js';
export { type HypercubeOptions, hypercube } from './hypercube.js';
export { type MobiusStripOptions, mobiusStrip } from './mobius-strip.js';
export { sCurve } from './s-curve.js';
export { type SphereOptions, sphere } from './sphere.js';
export { type SwissRollOptions, swissRoll } from './swiss-roll.js';
export { type TorusOptions, torus } from './torus.js';
export { twoMoons } from './two-moons.js';
