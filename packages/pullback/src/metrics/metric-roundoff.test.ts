import { describe, expect, it } from 'vitest';
import { linearDecoder } from '../decoders/function-decoder.js';
import { completeMetric } from './complete-metric.js';
import { customMetric } from './custom-metric.js';
import { ensembleMetric } from './ensemble-metric.js';
import { metricRoundoff } from './metric-roundoff.js';
import { pullbackMetric } from './pullback-metric.js';
import { sumMetrics } from './sum-metrics.js';

describe('metricRoundoff', () => {
  const f64 = pullbackMetric(linearDecoder([1, 0, 0, 1], 2, 2));
  const f32 = pullbackMetric({ ...linearDecoder([2, 0, 0, 1], 2, 2), roundoff: 2 ** -24 });

  it('float64 by default; a pullback metric takes its decoder’s; the metric’s own wins', () => {
    expect(metricRoundoff(f64)).toBe(2 ** -53);
    expect(metricRoundoff(customMetric({ dimension: 2, metric: () => Float64Array.of(1, 0, 0, 1) }))).toBe(
      2 ** -53,
    );
    expect(metricRoundoff(f32)).toBe(2 ** -24);
    expect(metricRoundoff({ ...f32, roundoff: 1e-3 })).toBe(1e-3);
  });

  it('sums, ensembles and completed metrics carry the coarsest of their parts', () => {
    expect(metricRoundoff(sumMetrics(f64, f32))).toBe(2 ** -24);
    expect(metricRoundoff(sumMetrics(f64, f64))).toBe(2 ** -53);
    expect(metricRoundoff(ensembleMetric([f32, f64]))).toBe(2 ** -24);
    expect(metricRoundoff(completeMetric(sumMetrics(f64, f32)))).toBe(2 ** -24);
    expect(metricRoundoff(completeMetric(f32))).toBe(2 ** -24);
  });
});
