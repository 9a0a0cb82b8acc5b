import { createRng } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { functionDecoder } from '../decoders/function-decoder.js';
import { geodesic } from '../geodesics/geodesic.js';
import { customMetric } from '../metrics/custom-metric.js';
import { pullbackMetric } from '../metrics/pullback-metric.js';
import { graphPath } from './graph-path.js';
import { DisconnectedGraphError, latentGraph } from './latent-graph.js';

const identity = pullbackMetric(
  functionDecoder({
    latentDimension: 3,
    outputDimension: 3,
    decode: (z) => z,
    jacobian: () => [1, 0, 0, 0, 1, 0, 0, 0, 1],
  }),
);

describe('kNN graph initialisation', () => {
  it('a ring of codes in 3-D: the path follows the ring; two far clusters: DisconnectedGraphError', () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++)
      codes.push(Math.cos((2 * Math.PI * i) / 40), Math.sin((2 * Math.PI * i) / 40), 0);
    const g = latentGraph(identity, codes, { k: 2 });
    const path = graphPath(identity, g, [1, 0, 0], [-1, 0, 0], 9);
    // Half of the ring: every node stays near radius 1.
    for (let i = 0; i < 9; i++) expect(Math.hypot(path[i * 3]!, path[i * 3 + 1]!)).toBeGreaterThan(0.99);
    const split = [...codes.slice(0, 30), ...codes.slice(0, 30).map((x, i) => (i % 3 === 2 ? x + 100 : x))];
    const g2 = latentGraph(identity, split, { k: 3 });
    expect(() => graphPath(identity, g2, [1, 0, 0], [1, 0, 100], 5)).toThrow(DisconnectedGraphError);
  });

  it('a metric with a wall: the graph path finds the way round and the solver keeps it', () => {
    // G = (1 + 100·exp(−(x² + y²)/0.1))·I: a high-cost bump at the origin between the end points.
    const bump = customMetric({
      dimension: 2,
      metric: (z) => {
        const g = 1 + 100 * Math.exp(-(z[0]! ** 2 + z[1]! ** 2) / 0.1);
        return [g, 0, 0, g];
      },
    });
    const rng = createRng(4);
    const codes: number[] = [];
    for (let i = 0; i < 200; i++) codes.push(4 * rng.uniform() - 2, 4 * rng.uniform() - 2);
    const g = latentGraph(bump, codes, { k: 8 });
    const a = [-1.5, 0];
    const b = [1.5, 0];
    const init = graphPath(bump, g, a, b, 24);
    const viaGraph = geodesic(bump, a, b, { nodes: 24, init });
    const straight = geodesic(bump, a, b, { nodes: 24, maxIterations: 0, refine: false });
    expect(viaGraph.converged).toBe(true);
    expect(viaGraph.length).toBeLessThan(0.5 * straight.length);
  });
});
