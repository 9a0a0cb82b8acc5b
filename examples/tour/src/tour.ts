/**
 * infogeom tour: prints real results computed by the built packages, through their public
 * entry points only.
 */
import { DenseMatrix, eigh, matmul } from '@infogeom/linalg';

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

section('@infogeom/linalg: symmetric eigendecomposition');
const n = 8;
const path = DenseMatrix.fromFunction(n, n, (i, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0));
const { values, vectors } = eigh(path);
const exact = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
console.log('eigenvalues of the 8×8 second-difference matrix:');
console.log(`  computed: ${Array.from(values, (v) => v.toFixed(6)).join(' ')}`);
console.log(`  exact   : ${exact.map((v) => v.toFixed(6)).join(' ')}`);
const av = matmul(path, vectors);
let residual = 0;
for (let i = 0; i < n; i++)
  for (let k = 0; k < n; k++)
    residual = Math.max(residual, Math.abs(av.get(i, k) - values[k]! * vectors.get(i, k)));
console.log(`  max |AV − VΛ| = ${residual.toExponential(2)}`);
