/**
 * Sparse / matrix-free benchmark: the 10 smallest eigenpairs of the normalised Laplacian of a
 * symmetrised 10-NN graph over a seeded swiss roll (20,000 points; 2,000 in small mode), without
 * forming any dense n×n matrix. Prints time, residuals ‖Ax − λx‖ and memory, plus CG and plain
 * Lanczos timings on the same graph.
 */
import { performance } from 'node:perf_hooks';
import { benchSize, time } from '../../../tooling/bench/harness.js';
import { conjugateGradient, jacobiPreconditioner } from '../src/iterative/conjugate-gradient.js';
import { shiftedOperator } from '../src/iterative/operator-algebra.js';
import { createRng } from '../src/random/rng.js';
import { CsrMatrix } from '../src/sparse/csr-matrix.js';
import { envelopeCholesky } from '../src/sparse/envelope-cholesky.js';
import { graphLaplacian } from '../src/sparse/graph-laplacian.js';
import { type SparseEigshResult, sparseEigsh } from '../src/sparse/sparse-eigsh.js';

/** n points on a swiss roll in 3-D (scikit-learn's parametrisation, no noise), flat [x, y, z]. */
function swissRoll(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const p = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    p[3 * i] = t * Math.cos(t);
    p[3 * i + 1] = 21 * rng.uniform();
    p[3 * i + 2] = t * Math.sin(t);
  }
  return p;
}

/** Exact kNN by a sweep over points sorted by x (stop when |Δx| exceeds the current k-th distance). */
function knnGraph(p: Float64Array, k: number): CsrMatrix {
  const n = p.length / 3;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[3 * a]! - p[3 * b]!);
  const xs = Float64Array.from(order, (i) => p[3 * i]!);
  const rows: number[] = [];
  const cols: number[] = [];
  const bestD = new Float64Array(k);
  const bestJ = new Int32Array(k);
  for (let a = 0; a < n; a++) {
    const i = order[a]!;
    bestD.fill(Number.POSITIVE_INFINITY);
    const consider = (b: number): boolean => {
      const dx = xs[b]! - xs[a]!;
      if (dx * dx > bestD[k - 1]!) return false;
      const j = order[b]!;
      const dy = p[3 * j + 1]! - p[3 * i + 1]!;
      const dz = p[3 * j + 2]! - p[3 * i + 2]!;
      const d = dx * dx + dy * dy + dz * dz;
      if (d < bestD[k - 1]!) {
        let t = k - 1;
        while (t > 0 && bestD[t - 1]! > d) {
          bestD[t] = bestD[t - 1]!;
          bestJ[t] = bestJ[t - 1]!;
          t--;
        }
        bestD[t] = d;
        bestJ[t] = j;
      }
      return true;
    };
    let lo = a - 1;
    let hi = a + 1;
    let goLo = true;
    let goHi = true;
    while (goLo || goHi) {
      if (goHi) goHi = hi < n && consider(hi++);
      if (goLo) goLo = lo >= 0 && consider(lo--);
    }
    for (let t = 0; t < k; t++) {
      rows.push(i, bestJ[t]!);
      cols.push(bestJ[t]!, i);
    }
  }
  // Union symmetrisation: duplicates are summed by fromCoo, then clamped to weight 1.
  const W = CsrMatrix.fromCoo(n, n, rows, cols, new Array(rows.length).fill(1));
  W.values.fill(1);
  return W;
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function report(label: string, ms: number, res: SparseEigshResult): void {
  const maxRes = Math.max(...res.residuals);
  console.log(
    `| ${label} | ${ms.toFixed(0)} | ${res.iterations} | ${res.converged} | ${maxRes.toExponential(2)} | ${Array.from(res.values.subarray(0, 4), (v) => v.toExponential(3)).join(', ')}, … |`,
  );
}

/** Runs the sparse benchmark and prints a Markdown report. */
export async function run(): Promise<void> {
  const n = benchSize() === 'small' ? 2000 : 20000;
  const k = 10;
  let t0 = performance.now();
  const pts = swissRoll(n, 42);
  const W = knnGraph(pts, k);
  const L = graphLaplacian(W, { normalized: 'symmetric' });
  const tGraph = performance.now() - t0;
  console.log(
    `swiss roll n = ${n}, symmetrised ${k}-NN graph, nnz(L) = ${L.nnz}, build ${tGraph.toFixed(0)} ms\n`,
  );
  console.log(
    '| solver | time (ms) | mat-vecs / solves | converged | max ‖Ax − λx‖ | smallest eigenvalues |',
  );
  console.log('|---|---|---|---|---|---|');
  t0 = performance.now();
  const si = sparseEigsh(L, { k, which: 'smallest', seed: 1 });
  report(`sparseEigsh shift-invert (σ = ${si.sigma.toExponential(1)})`, performance.now() - t0, si);
  const afterSi = process.memoryUsage();
  t0 = performance.now();
  const F = envelopeCholesky(L, { shift: -si.sigma });
  const tFactor = performance.now() - t0;
  const ones = new Float64Array(n).fill(1);
  const tSolve = time(() => F.solve(ones), 5, 1);
  console.log(
    `\nof which: RCM + envelope Cholesky ${tFactor.toFixed(0)} ms (${(F.entries / 1e6).toFixed(1)}M entries = ${mb(8 * F.entries)}), one solve ${tSolve.toFixed(1)} ms`,
  );
  if (n <= 2000 || process.env['INFOGEOM_BENCH_LANCZOS'] === '1') {
    t0 = performance.now();
    const lz = sparseEigsh(L, { k, method: 'lanczos', subspaceSize: 60, seed: 1 });
    report('thick-restart Lanczos on L', performance.now() - t0, lz);
    let worst = 0;
    for (let j = 0; j < k; j++) worst = Math.max(worst, Math.abs(lz.values[j]! - si.values[j]!));
    console.log(`\nLanczos vs shift-invert: max |Δλ| = ${worst.toExponential(2)}`);
  }
  const rng = createRng(7);
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const A = shiftedOperator(L, 1e-2);
  t0 = performance.now();
  const cg = conjugateGradient(A, b, { tol: 1e-10, preconditioner: jacobiPreconditioner(A) });
  console.log(
    `\nCG on (L + 0.01 I)x = b: ${(performance.now() - t0).toFixed(0)} ms, ${cg.iterations} iterations, relative residual ${cg.residual.toExponential(2)}`,
  );
  const mem = process.memoryUsage();
  console.log(
    `memory: rss ${mem.rss === 0 ? '?' : mb(mem.rss)}, heapUsed ${mb(afterSi.heapUsed)} after eigsh, peak rss ${mb(process.resourceUsage().maxRSS * 1024)} (a dense n×n float64 would be ${mb(8 * n * n)})`,
  );
}
