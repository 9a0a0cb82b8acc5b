/**
 * infogeom tour: prints real results computed by the built packages, through their public entry points
 * only. Every number printed is checked against an independent value printed beside it.
 */
import { family, listFamilies } from '@infogeom/distributions';
import { runConformance } from '@infogeom/distributions/testing';
import { cramerRaoBound, fisherVolume, geodesicDistance, kfacFactors, kfacFisher } from '@infogeom/fisher';
import '@infogeom/distributions/register-all';
import {
  CsrMatrix,
  conjugateGradient,
  createRng,
  DenseMatrix,
  digamma,
  eigh,
  graphLaplacian,
  jacobiPreconditioner,
  logBesselI0,
  matmul,
  sparseEigsh,
  svd,
} from '@infogeom/linalg';

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}
const fmt = (xs: ArrayLike<number>, digits = 6): string => Array.from(xs, (v) => v.toFixed(digits)).join(' ');

section('@infogeom/linalg: symmetric eigendecomposition');
{
  const n = 8;
  const path = DenseMatrix.fromFunction(n, n, (i, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0));
  const { values, vectors } = eigh(path);
  const exact = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
  console.log('eigenvalues of the 8×8 second-difference matrix:');
  console.log(`  computed: ${fmt(values)}`);
  console.log(`  exact   : ${fmt(exact)}`);
  const av = matmul(path, vectors);
  let residual = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++)
      residual = Math.max(residual, Math.abs(av.get(i, k) - values[k]! * vectors.get(i, k)));
  console.log(`  max |AV − VΛ| = ${residual.toExponential(2)}`);
}

section('@infogeom/linalg: SVD of the 6×4 Hilbert-like matrix');
{
  const A = DenseMatrix.fromFunction(6, 4, (i, j) => 1 / (i + j + 1));
  const { s } = svd(A);
  const gram = eigh(matmul(A.transpose(), A)).values;
  console.log(`  singular values        : ${fmt(s, 10)}`);
  console.log(`  √eig(AᵀA), descending  : ${fmt(Array.from(gram, Math.sqrt).reverse(), 10)}`);
}

section('@infogeom/linalg: sparse graph Laplacian of a 2,000-node ring');
{
  const n = 2000;
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const edge = (i: number, j: number) => {
    rows.push(i, j);
    cols.push(j, i);
    vals.push(1, 1);
  };
  for (let i = 0; i < n; i++) edge(i, (i + 1) % n);
  const W = CsrMatrix.fromCoo(n, n, rows, cols, vals);
  const L = graphLaplacian(W);
  const res = sparseEigsh(L, { k: 5, which: 'smallest', seed: 1 });
  const ring = [0, 1, 1, 2, 2].map((k) => 2 - 2 * Math.cos((2 * Math.PI * k) / n));
  console.log(`  5 smallest eigenvalues (${res.method}): ${fmt(res.values, 9)}`);
  console.log(`  exact 2 − 2cos(2πk/n)               : ${fmt(ring, 9)}`);
  console.log(
    `  max residual ‖Lx − λx‖ = ${Math.max(...res.residuals).toExponential(2)}, converged: ${res.converged}`,
  );
  const b = new Float64Array(n);
  b[0] = 1;
  b[n / 2] = -1;
  const shifted = {
    shape: L.shape,
    mv: (x: Float64Array, out?: Float64Array) => {
      const y = L.mv(x, out);
      for (let i = 0; i < n; i++) y[i]! += 0.01 * x[i]!;
      return y;
    },
    diag: () => Float64Array.from(L.diag(), (d) => d + 0.01),
    symmetric: true,
  };
  const cg = conjugateGradient(shifted, b, { tol: 1e-10, preconditioner: jacobiPreconditioner(shifted) });
  console.log(
    `  CG on (L + 0.01 I)x = b: ${cg.iterations} iterations, relative residual ${cg.residual.toExponential(2)}`,
  );
}

section('@infogeom/linalg: special functions and seeded randomness');
{
  console.log(`  digamma(1) = ${digamma(1).toFixed(15)} (−γ = −0.577215664901533)`);
  console.log(
    `  log I0(1000) = ${logBesselI0(1000).toFixed(10)} (1000 − ½log(2π·1000) + log(1 + 1/8000 + …) = ${(1000 - 0.5 * Math.log(2 * Math.PI * 1000) + Math.log1p(1 / 8000 + 9 / 128e6 + 225 / 3072e9)).toFixed(10)})`,
  );
  const a = createRng(42);
  const b = createRng(42);
  console.log(`  createRng(42) twice: ${a.uniform().toFixed(12)} = ${b.uniform().toFixed(12)}`);
}

section('@infogeom/distributions: the normal family N(μ, σ²)');
{
  const normal = family('normal');
  const truth = { mu: 1.5, sigma: 0.7 };
  const data = normal.sample(truth, createRng(7), 5000);
  const fit = normal.fit(data);
  const I = normal.fisher(fit.params);
  const se = [Math.sqrt(1 / (I.get(0, 0) * data.length)), Math.sqrt(1 / (I.get(1, 1) * data.length))];
  console.log(
    `  MLE from 5,000 draws of N(1.5, 0.7²): μ = ${fit.params.mu.toFixed(4)} ± ${se[0]!.toFixed(4)}, σ = ${fit.params.sigma.toFixed(4)} ± ${se[1]!.toFixed(4)}`,
  );
  console.log(
    `  Fisher information at the MLE: diag(${fmt(I.diag(), 4)}) = diag(1/σ², 2/σ²) = diag(${fmt([1 / fit.params.sigma ** 2, 2 / fit.params.sigma ** 2], 4)})`,
  );
  const q = { mu: 1.5 + 1e-3, sigma: 0.7 };
  const kl = normal.kl(truth, q);
  console.log(
    `  KL(p ‖ p + dθ) = ${kl.toExponential(6)}, ½ dθᵀ I dθ = ${(0.5 * 1e-6 * normal.fisher(truth).get(0, 0)).toExponential(6)}`,
  );
}

section('@infogeom/distributions: registry and conformance kit');
{
  console.log(`  registered families (${listFamilies().length}): ${listFamilies().join(', ')}`);
  const gamma = family('gamma');
  const report = runConformance(gamma, { samples: 5000 });
  console.log(
    `  conformance kit on gamma (shape, rate): ${report.passed.length} checks passed, ${report.failed.length} failed`,
  );
  const p = { shape: 2, rate: 3 };
  const I = gamma.fisher(p);
  console.log(
    `  gamma Fisher at (2, 3): [[${fmt(I.row(0), 6)}], [${fmt(I.row(1), 6)}]] (ψ′(2) = π²/6 − 1 = ${(Math.PI ** 2 / 6 - 1).toFixed(6)})`,
  );
}

section('@infogeom/fisher: Fisher–Rao geometry and statistics');
{
  const normal = family('normal');
  const p = { mu: 0, sigma: 1 };
  const q = { mu: 2, sigma: 0.5 };
  const closed = geodesicDistance(normal, p, q);
  const numeric = geodesicDistance(normal, p, q, { method: 'numeric' });
  console.log(
    `  N(0, 1) → N(2, 0.5²): closed form ${closed.distance.toFixed(10)}, geodesic BVP ${numeric.distance.toFixed(10)} (${numeric.method}, converged ${numeric.converged})`,
  );
  const g = geodesicDistance(family('gamma'), { shape: 1, rate: 1 }, { shape: 5, rate: 0.5 });
  console.log(
    `  gamma(1, 1) → gamma(5, 0.5): ${g.distance.toFixed(8)} (${g.method}, ${g.iterations} Newton iterations, converged ${g.converged})`,
  );
  const vol = fisherVolume(family('bernoulli'), { p: 0.5 }, { lower: [0], upper: [1] });
  console.log(`  ∫₀¹ √I(p) dp for the Bernoulli = ${vol.value.toFixed(7)} (π = ${Math.PI.toFixed(7)})`);
  const crb = cramerRaoBound(family('poisson'), { rate: 4 }, 100);
  console.log(`  Cramér–Rao bound for Poisson(4), n = 100: ${crb.get(0, 0).toFixed(6)} (λ/n = 0.04)`);
  // K-FAC of one dense layer from 1 example is exact: compare with the outer product of vec(g āᵀ).
  const acts = DenseMatrix.from([[0.5, -1, 2]]);
  const grads = DenseMatrix.from([[0.3, -0.7]]);
  const { A, G } = kfacFactors(acts, grads, { bias: true });
  const K = kfacFisher(A, G);
  const v = Float64Array.from({ length: K.dim }, (_, i) => Math.sin(i + 1));
  const kv = K.mv(v);
  const gvec = Float64Array.from(
    { length: 8 },
    (_, k) => grads.get(0, Math.floor(k / 4)) * [0.5, -1, 2, 1][k % 4]!,
  );
  const gv = gvec.reduce((s, x, i) => s + x * v[i]!, 0);
  console.log(
    `  K-FAC mv on one datum vs (g ⊗ ā)(g ⊗ ā)ᵀv: max difference ${Math.max(...kv.map((x, i) => Math.abs(x - gvec[i]! * gv))).toExponential(2)}`,
  );
}
