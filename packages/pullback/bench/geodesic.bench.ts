/**
 * Geodesic solver benchmarks: (1) our preconditioned L-BFGS on the spline energy against naive
 * straight-line-initialised gradient descent (Armijo backtracking on the same exact gradient), measured by
 * time and by the length error against the scipy solve_bvp reference; (2) a 32-node geodesic on a float64
 * MLP decoder 2→64→64→784 (tanh); (3) 16 pairs batched in one call against 16 single calls.
 */
import { createRng } from '@infogeom/linalg';
import { benchSize, compare, printTable, time } from '../../../tooling/bench/harness.js';
import { curveBasis } from '../src/curves/curve-basis.js';
import { curveEnergy } from '../src/curves/curve-energy.js';
import type { LatentMetric } from '../src/decoders/decoder.js';
import { mlpDecoder, randomMlpDecoder } from '../src/decoders/mlp-decoder.js';
import { geodesics } from '../src/geodesics/batch-geodesics.js';
import fixture from '../src/geodesics/fixtures/mlp_geodesics.json' with { type: 'json' };
import { geodesic } from '../src/geodesics/geodesic.js';
import { pullbackMetric } from '../src/metrics/pullback-metric.js';

function naiveDescent(m: LatentMetric, z0: number[], z1: number[], iterations: number): number {
  const n = 32;
  const basis = curveBasis('spline', n - 1);
  const Y = new Float64Array(n * 2);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 2; k++) Y[i * 2 + k] = z0[k]! + ((z1[k]! - z0[k]!) * i) / (n - 1);
  let e = curveEnergy(m, basis, Y);
  let step = 1;
  for (let it = 0; it < iterations; it++) {
    const g = e.gradient;
    let gg = 0;
    for (let i = 2; i < 2 * (n - 1); i++) gg += g[i]! ** 2;
    for (let tries = 0; tries < 30; tries++) {
      const T = Y.slice();
      for (let i = 2; i < 2 * (n - 1); i++) T[i]! -= step * g[i]!;
      const et = curveEnergy(m, basis, T);
      if (et.energy <= e.energy - 1e-4 * step * gg) {
        Y.set(T);
        e = et;
        step *= 2;
        break;
      }
      step *= 0.5;
    }
  }
  return e.length;
}

export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const dec = mlpDecoder(
    fixture.layers.map((l, i) => ({ ...l, activation: i === 2 ? ('identity' as const) : ('tanh' as const) })),
  );
  const m = pullbackMetric(dec);
  const p = fixture.pairs[1]!;
  const gdIterations = small ? 200 : 1000;
  let oursLength = 0;
  let gdLength = 0;
  const rows = [
    compare(
      `2-16-16-8 MLP geodesic, 32-node spline (ours: L-BFGS tol 1e-6; peer: gradient descent, ${gdIterations} it.)`,
      { name: 'ours', run: () => (oursLength = geodesic(m, p.z0, p.z1, { refine: false }).length) },
      { name: 'naive GD', run: () => (gdLength = naiveDescent(m, p.z0, p.z1, gdIterations)) },
      small ? 1 : 3,
      0,
    ),
  ];
  printTable(rows);
  const err = (x: number): string => ((x - p.length) / p.length).toExponential(2);
  console.log(
    `\nlength error vs scipy solve_bvp: ours ${err(oursLength)}, naive GD ${err(gdLength)}, straight line ${err(p.straightLength)}`,
  );
  const shot = geodesic(m, p.z0, p.z1);
  console.log(
    `with shooting refinement (default): ${err(shot.length)} (${shot.method}, ${shot.iterations} iterations)\n`,
  );

  const big = randomMlpDecoder(small ? [2, 64, 64, 128] : [2, 64, 64, 784], createRng(1));
  const bm = pullbackMetric(big);
  const a = [-1, -0.5];
  const b = [1, 0.8];
  let r = geodesic(bm, a, b, { refine: false });
  const tEnergy = time(() => (r = geodesic(bm, a, b, { refine: false })), small ? 1 : 5, 1);
  console.log(
    `32-node geodesic, float64 MLP ${big.widths.join('→')}: energy minimisation ${tEnergy.toFixed(1)} ms (${r.iterations} iterations, residual ${r.residual.toExponential(1)}, converged ${r.converged})`,
  );
  let rs = geodesic(bm, a, b);
  const tShoot = time(() => (rs = geodesic(bm, a, b)), small ? 1 : 3, 0);
  console.log(
    `  + shooting refinement: ${tShoot.toFixed(1)} ms total (${rs.method}, endpoint miss ${rs.residual.toExponential(1)}, length ${rs.length.toFixed(6)} vs ${r.length.toFixed(6)})\n`,
  );

  const rng = createRng(2);
  const pairs = Array.from(
    { length: small ? 4 : 16 },
    () =>
      [
        [2 * rng.uniform() - 1, 2 * rng.uniform() - 1],
        [2 * rng.uniform() - 1, 2 * rng.uniform() - 1],
      ] as const,
  );
  printTable([
    compare(
      `${pairs.length} geodesics on the ${big.widths.join('→')} MLP (energy only)`,
      { name: 'batched', run: () => geodesics(bm, pairs, { refine: false }) },
      { name: 'singles', run: () => pairs.map(([x, y]) => geodesic(bm, x, y, { refine: false })) },
      small ? 1 : 3,
      0,
    ),
  ]);
}
