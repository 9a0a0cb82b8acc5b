/**
 * UMAP on real handwritten digits: ours against umap-js (same n_neighbors = 15, same n_epochs — umap-js's
 * default for that n — both seeded), time and trustworthiness; then UMAP on 50,000 points (MNIST tiled
 * five times with small noise on the ink pixels) with peak RSS.
 */
import { createRng, DenseMatrix } from '@infogeom/linalg';
import { UMAP } from 'umap-js';
import { benchSize, compare, printTable } from '../../../tooling/bench/harness.js';
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
  let ours: DenseMatrix | undefined;
  let peer: number[][] | undefined;
  // CPU time of each run too: on a shared machine wall time drifts by several × within minutes
  const cpu: Record<string, number> = {};
  const cpuTimed = <T>(name: string, f: () => T): T => {
    const c0 = process.cpuUsage();
    const out = f();
    const c = process.cpuUsage(c0);
    cpu[name] = (c.user + c.system) / 1000;
    return out;
  };
  const cmp = compare(
    `UMAP, ${n} MNIST digits, 15 neighbours, ${nEpochs} epochs`,
    {
      name: 'infogeom',
      run: () => {
        ours = cpuTimed(
          'infogeom',
          () => fitTransform(umap, X, { nNeighbors: 15, nEpochs, seed: 0 }).embedding,
        );
        return ours;
      },
    },
    {
      name: 'umap-js',
      run: () => {
        const rng = createRng(0);
        const u = new UMAP({ nNeighbors: 15, nEpochs, random: () => rng.uniform() });
        peer = cpuTimed('umap-js', () => u.fit(nested));
        return peer;
      },
    },
    1,
    0,
  );
  printTable([cmp]);
  console.log(
    `\nCPU time (process.cpuUsage, same runs): infogeom ${(cpu['infogeom']! / 1000).toFixed(1)} s, umap-js ${(cpu['umap-js']! / 1000).toFixed(1)} s, ratio ${(cpu['umap-js']! / cpu['infogeom']!).toFixed(1)}×`,
  );
  // our UMAP with umap-js's initialisation (uniform random in [−10, 10]) for a like-for-like quality check
  const t0r = performance.now();
  const oursRandom = fitTransform(umap, X, { nNeighbors: 15, nEpochs, seed: 0, init: 'random' }).embedding;
  const tRandom = performance.now() - t0r;
  const m = Math.min(n, 2000);
  const idx = Array.from({ length: m }, (_, t) => Math.floor((t * n) / m));
  const Xs = rows(X.data, 784, idx);
  const tOurs = trustworthiness(Xs, rows(ours!.data, 2, idx), { k: 10 });
  const tPeer = trustworthiness(Xs, rows(peer!.flat(), 2, idx), { k: 10 });
  const tRand = trustworthiness(Xs, rows(oursRandom.data, 2, idx), { k: 10 });
  console.log(
    `\ntrustworthiness (k = 10, on the same ${m}-point subsample, every ${n / m}th digit): ` +
      `infogeom (spectral init, default) ${tOurs.toFixed(4)}, infogeom (random init as umap-js, ${(tRandom / 1000).toFixed(1)} s) ${tRand.toFixed(4)}, umap-js ${tPeer.toFixed(4)}`,
  );
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
