/**
 * UMAP on real handwritten digits: ours against umap-js (same n_neighbors = 15, same n_epochs — umap-js's
 * default for that n — both seeded), wall and CPU time and trustworthiness for each seed of
 * INFOGEOM_UMAP_SEEDS (default "0"; the two alternate who runs first); then UMAP on 50,000 points (MNIST
 * tiled five times with small noise on the ink pixels) with peak RSS (skipped with
 * INFOGEOM_UMAP_SKIP_50K=1 and in small mode). No warm-up run: one UMAP run is seconds long, so JIT
 * warm-up is a negligible share of it for both.
 */
import { createRng, DenseMatrix } from '@infogeom/linalg';
import { UMAP } from 'umap-js';
import { benchSize } from '../../../tooling/bench/harness.js';
import { loadMnist } from '../../../tooling/bench/mnist.js';
import { fitTransform } from '../src/embedder/fit-transform.js';
import { umap } from '../src/neighbour/umap.js';
import { trustworthiness } from '../src/quality/trustworthiness.js';

/** umap-js's default epoch count for n points (UMAP.getNEpochs). */
function umapJsEpochs(n: number): number {
  return n <= 2500 ? 500 : n <= 5000 ? 400 : n <= 7500 ? 300 : 200;
}

/** Rows `idx` of an n × c row-major array. */
function rows(data: ArrayLike<number>, c: number, idx: number[]): DenseMatrix {
  const M = new DenseMatrix(idx.length, c);
  idx.forEach((j, t) => {
    for (let d = 0; d < c; d++) M.data[t * c + d] = data[j * c + d]!;
  });
  return M;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const n = small ? 1000 : 10_000;
  const nEpochs = umapJsEpochs(n);
  const digits = loadMnist(n);
  const X = new DenseMatrix(n, 784, Float64Array.from(digits.images));
  const nested: number[][] = [];
  for (let i = 0; i < n; i++) nested.push(Array.from(digits.images.subarray(i * 784, (i + 1) * 784)));
  const m = Math.min(n, 2000);
  const idx = Array.from({ length: m }, (_, t) => Math.floor((t * n) / m));
  const Xs = rows(X.data, 784, idx);
  // seeds: INFOGEOM_UMAP_SEEDS="0,1,2" (default 0); per seed ours and umap-js alternate who goes first
  const seeds = (process.env['INFOGEOM_UMAP_SEEDS'] ?? '0').split(',').map(Number);
  const timedRun = <T>(f: () => T): [T, number, number] => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return [out, wall, (c.user + c.system) / 1000];
  };
  const lines: string[] = [];
  for (const [s, seed] of seeds.entries()) {
    const runOurs = () => timedRun(() => fitTransform(umap, X, { nNeighbors: 15, nEpochs, seed }).embedding);
    const runPeer = () =>
      timedRun(() => {
        const rng = createRng(seed);
        return new UMAP({ nNeighbors: 15, nEpochs, random: () => rng.uniform() }).fit(nested);
      });
    let ours: [DenseMatrix, number, number];
    let peer: [number[][], number, number];
    if (s % 2 === 0) {
      ours = runOurs();
      peer = runPeer();
    } else {
      peer = runPeer();
      ours = runOurs();
    }
    const tOurs = trustworthiness(Xs, rows(ours[0].data, 2, idx), { k: 10 });
    const tPeer = trustworthiness(Xs, rows(peer[0].flat(), 2, idx), { k: 10 });
    lines.push(
      `| ${seed} | ${(ours[1] / 1000).toFixed(1)} / ${(ours[2] / 1000).toFixed(1)} | ${(peer[1] / 1000).toFixed(1)} / ${(peer[2] / 1000).toFixed(1)} | **${(peer[1] / ours[1]).toFixed(1)}× / ${(peer[2] / ours[2]).toFixed(1)}×** | ${tOurs.toFixed(4)} | ${tPeer.toFixed(4)} |`,
    );
  }
  console.log(
    `UMAP, ${n} MNIST digits, 15 neighbours, ${nEpochs} epochs (umap-js's default for n); trustworthiness k = 10 on the same ${m}-point subsample (every ${n / m}th digit); load average ${(
      await import('node:os')
    )
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  console.log(
    '| seed | ours wall / CPU s | umap-js wall / CPU s | speed-up (wall / CPU) | T(10) ours | T(10) umap-js |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const line of lines) console.log(line);
  if (process.env['INFOGEOM_UMAP_RANDOM_INIT'] === '1') {
    // our UMAP with umap-js's initialisation (uniform random in [−10, 10]) for a like-for-like check
    const [Yr, wr] = timedRun(
      () => fitTransform(umap, X, { nNeighbors: 15, nEpochs, seed: 0, init: 'random' }).embedding,
    );
    console.log(
      `\nours with random init (as umap-js), seed 0: ${(wr / 1000).toFixed(1)} s, T(10) ${trustworthiness(Xs, rows(Yr.data, 2, idx), { k: 10 }).toFixed(4)}`,
    );
  }
  if (small || process.env['INFOGEOM_UMAP_SKIP_50K'] === '1') return;
  // 50,000 points: MNIST tiled five times, ink pixels jittered by N(0, 0.05²)
  const big = 50_000;
  const rng = createRng(1);
  const B = new DenseMatrix(big, 784);
  for (let i = 0; i < big; i++) {
    const src = i % n;
    for (let d = 0; d < 784; d++) {
      const v = X.data[src * 784 + d]!;
      B.data[i * 784 + d] = v === 0 ? 0 : v + 0.05 * rng.normal();
    }
  }
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const res = fitTransform(umap, B, { nNeighbors: 15, seed: 0 });
  const secs = (performance.now() - t0) / 1000;
  let finite = true;
  for (const v of res.embedding.data) finite &&= Number.isFinite(v);
  console.log(
    `\nUMAP on ${big} points (tiled MNIST, 784-D, 15 neighbours, ${String(res.info['nEpochs'])} epochs): ${secs.toFixed(1)} s, ` +
      `init ${String(res.info['init'])}, ${String(res.info['edges'])} edges, finite ${finite}; rss before ${mb(before)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)} ` +
      `(the data alone is ${mb(8 * big * 784)}; a dense n×n float64 would be ${mb(8 * big * big)})`,
  );
}
