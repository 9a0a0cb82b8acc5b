/**
 * Isomap (landmark) and Laplacian eigenmaps on 50,000 swiss-roll points (3,000 with
 * INFOGEOM_BENCH_SIZE=small), on an NN-descent 10-NN graph: wall time and the resident-memory growth,
 * which stays O(n·k + n·landmarks) — no n × n matrix is formed.
 */
import { benchSize } from '../../../tooling/bench/harness.js';
import { swissRoll } from '../src/generators/swiss-roll.js';
import { nnDescent } from '../src/knn/nn-descent.js';
import { trustworthiness } from '../src/quality/trustworthiness.js';
import { isomap } from '../src/spectral/isomap.js';
import { laplacianEigenmaps } from '../src/spectral/laplacian-eigenmaps.js';

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

export async function run(): Promise<void> {
  const n = benchSize() === 'small' ? 3000 : 50_000;
  const k = 10;
  const X = swissRoll({ n, seed: 0 }).points;
  const rows: string[] = [];
  const base = rssMb();
  let t0 = performance.now();
  const graph = nnDescent(X, { k, seed: 0 });
  rows.push(
    `| NN-descent k=${k} | ${n} | ${(performance.now() - t0).toFixed(0)} | ${(rssMb() - base).toFixed(0)} | – |`,
  );
  // trustworthiness on a subsample (the exact metric is O(n²))
  const sub = Math.min(n, 2000);
  const pick = (M: { data: Float64Array; cols: number }) => {
    const stride = Math.floor(n / sub);
    const out = new Float64Array(sub * M.cols);
    for (let i = 0; i < sub; i++)
      out.set(M.data.subarray(i * stride * M.cols, (i * stride + 1) * M.cols), i * M.cols);
    return out;
  };
  const { DenseMatrix } = await import('@infogeom/linalg');
  const Xs = new DenseMatrix(sub, 3, pick(X));
  for (const [name, f] of [
    ['Isomap (256 landmarks)', () => isomap(X, { nNeighbors: k, knn: graph, landmarks: Math.min(256, n) })],
    ['Laplacian eigenmaps', () => laplacianEigenmaps(X, { nNeighbors: k, knn: graph })],
  ] as const) {
    const before = rssMb();
    t0 = performance.now();
    const r = f();
    const ms = performance.now() - t0;
    const grow = rssMb() - before;
    const T = trustworthiness(Xs, new DenseMatrix(sub, 2, pick(r.embedding)), { k: 5 });
    rows.push(`| ${name} | ${n} | ${ms.toFixed(0)} | ${grow.toFixed(0)} | ${T.toFixed(4)} |`);
  }
  console.log('| step | n | ms | RSS growth (MiB) | T(5) on a 2000-point subsample |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}
