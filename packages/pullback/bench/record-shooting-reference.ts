/**
 * Records src/geodesics/fixtures/shooting_reference.json: the previous shooting polish (bench/legacy-shooting.ts)
 * on the scipy fixture pairs, the regression reference of shooting.test.ts. Run:
 * `npx tsx --conditions=@infogeom/source bench/record-shooting-reference.ts`.
 */
import { writeFileSync } from 'node:fs';
import { mlpDecoder } from '../src/decoders/mlp-decoder.js';
import fixture from '../src/geodesics/fixtures/mlp_geodesics.json' with { type: 'json' };
import { geodesic } from '../src/geodesics/geodesic.js';
import { pullbackMetric } from '../src/metrics/pullback-metric.js';
import { legacyShootingGeodesic } from './legacy-shooting.js';

const dec = mlpDecoder(fixture.layers.map((l, i) => ({ ...l, activation: i === 2 ? 'identity' : 'tanh' })));
const m = pullbackMetric(dec);
const pairs = fixture.pairs.map((p) => {
  const e = geodesic(m, p.z0, p.z1, { refine: false });
  const s = legacyShootingGeodesic(m, p.z0, p.z1, e.initialVelocity, { nodes: 16 });
  console.log(
    p.z0,
    p.z1,
    s.converged,
    s.iterations,
    s.residual,
    s.length,
    p.length,
    (s.length - p.length) / p.length,
  );
  return {
    z0: p.z0,
    z1: p.z1,
    v0: Array.from(e.initialVelocity),
    nodes: 16,
    converged: s.converged,
    iterations: s.iterations,
    residual: s.residual,
    length: s.length,
    initialVelocity: Array.from(s.initialVelocity),
    points: Array.from(s.points),
  };
});
writeFileSync(
  new URL('../src/geodesics/fixtures/shooting_reference.json', import.meta.url),
  `${JSON.stringify(
    {
      description:
        "Results of the previous shootingGeodesic (node-by-node Dormand–Prince, one per-point Christoffel contraction per stage; bench/legacy-shooting.ts) on the tanh MLP of mlp_geodesics.json, G = JᵀJ, from the energy solutions' initial velocities v0 (16 nodes; recorded by bench/record-shooting-reference.ts before the batched rewrite)",
      pairs,
    },
    null,
    1,
  )}\n`,
);
