/**
 * Manifold Sculpting against Isomap and LLE on the swiss-roll section of Gashler et al. (NIPS 2007):
 * wall time and the relative Procrustes residual to the true intrinsic coordinates (arc length, width).
 */
import { benchSize, compare, printTable } from '../../../tooling/bench/harness.js';
import { manifoldSculpting } from '../src/sculpting/manifold-sculpting.js';
import { gentleSwissRoll } from '../src/sculpting/test-utils/gentle-swiss-roll.js';
import { procrustesResidual } from '../src/sculpting/test-utils/procrustes.js';
import { isomap } from '../src/spectral/isomap.js';
import { lle } from '../src/spectral/lle.js';

export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const n = small ? 300 : 1000;
  const k = 12;
  const { points, truth } = gentleSwissRoll(n, 3);
  const sculptOptions = {
    nNeighbors: k,
    squishingRate: small ? 0.97 : 0.99,
    extraPasses: small ? 20 : 50,
    seed: 0,
  };
  const errors: Record<string, number> = {};
  const sculpt = {
    name: 'sculpting',
    run: () =>
      (errors['sculpting'] = procrustesResidual(manifoldSculpting(points, sculptOptions).embedding, truth)),
  };
  const rows = [
    compare(
      `n = ${n}, k = ${k}: sculpting vs Isomap`,
      sculpt,
      {
        name: 'isomap',
        run: () =>
          (errors['isomap'] = procrustesResidual(isomap(points, { nNeighbors: k }).embedding, truth)),
      },
      1,
      0,
    ),
    compare(
      `n = ${n}, k = ${k}: sculpting vs LLE`,
      sculpt,
      {
        name: 'lle',
        run: () => (errors['lle'] = procrustesResidual(lle(points, { nNeighbors: k }).embedding, truth)),
      },
      1,
      0,
    ),
    compare(
      `n = ${n}, k = ${k}: sculpting vs Hessian LLE`,
      sculpt,
      {
        name: 'hessianLle',
        run: () =>
          (errors['hessianLle'] = procrustesResidual(
            lle(points, { nNeighbors: k, method: 'hessian' }).embedding,
            truth,
          )),
      },
      1,
      0,
    ),
  ];
  printTable(rows);
  console.log(
    '\nRelative Procrustes residual to the true (arc length, width) coordinates (lower is better):\n',
  );
  console.log('| method | residual |');
  console.log('|---|---|');
  for (const [name, e] of Object.entries(errors)) console.log(`| ${name} | ${e.toExponential(2)} |`);
}
