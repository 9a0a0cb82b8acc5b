import type { LatentMetric } from '../decoders/decoder.js';

/** Unit roundoff of float64 arithmetic, 2⁻⁵³. */
const FLOAT64_ROUNDOFF = 2 ** -53;

/**
 * The unit roundoff of a metric's evaluations: its own `roundoff`, else its decoder's, else 2⁻⁵³ (float64).
 * The geodesic solvers scale their rounding-floor tests with it: a float32 decoder (2⁻²⁴) floors the energy
 * residual at a few 1e-6 (the 32-node MNIST geodesics: 1.5e-6 – 1.8e-6), where a float64 one would still
 * be making progress.
 * @param m - the metric
 */
export function metricRoundoff(m: LatentMetric): number {
  return m.roundoff ?? m.decoder?.roundoff ?? FLOAT64_ROUNDOFF;
}
