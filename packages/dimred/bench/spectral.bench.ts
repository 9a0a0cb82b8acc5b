/**
 * Isomap and LLE on the swiss roll (n = 1500, 12 neighbours): ours against DruidJS in this process,
 * and against scikit-learn's time recorded by src/spectral/fixtures/generate_sklearn.py (re-run that
 * script shortly before this bench on the same machine for a fair ratio). One timed run each after
 * one warm-up run; CPU times (process.cpuUsage, all threads) are printed beside wall times because
 * a shared machine inflates wall times of both sides.
 */
import { readFileSync } from 'node:fs';
import { type DenseMatrix, toDense } from '@infogeom/linalg';
import * as druid from '@saehrimnir/druidjs';
import { benchSize, type Comparison, compare, printTable } from '../../../tooling/bench/harness.js';
import { swissRoll } from '../src/generators/swiss-roll.js';
import { trustworthiness } from '../src/quality/trustworthiness.js';
import { isomap } from '../src/spectral/isomap.js';
import { lle } from '../src/spectral/lle.js';

interface SklearnEntry {
  trustworthiness: number;
  ms: number;
  cpuMs: number;
}

function druidMatrix(out: unknown): DenseMatrix {
  const o = out as { to2dArray?: () => number[][]; to_2d_array?: () => number[][] };
  const rows = o.to2dArray?.() ?? o.to_2d_array?.() ?? (out as number[][]);
  return toDense(
    Array.from(rows as ArrayLike<ArrayLike<number>>, (r) => Array.from(r)),
    'druid',
  );
}

export async function run(): Promise<void> {
  const small = benchSize() === 'small';
  const n = small ? 400 : 1500;
  const k = 12;
  const X = swissRoll({ n, seed: 0 }).points;
  const rows = Array.from({ length: n }, (_, i) => Array.from(X.row(i)));
  const ref = JSON.parse(
    readFileSync(new URL('../src/spectral/fixtures/sklearn-reference.json', import.meta.url), 'utf8'),
  ) as { swissRoll1500k12: Record<string, SklearnEntry> };
  // warm both implementations' code paths on a small problem (JIT), then one timed run each
  const warm = swissRoll({ n: 200, seed: 1 }).points;
  const warmRows = Array.from({ length: 200 }, (_, i) => Array.from(warm.row(i)));
  isomap(warm, { nNeighbors: k });
  lle(warm, { nNeighbors: k });
  new druid.ISOMAP(warmRows, { neighbors: k, d: 2 }).transform();
  new druid.LLE(warmRows, { neighbors: k, d: 2 }).transform();

  const results: Comparison[] = [];
  const quality: string[] = [];
  let landmarkLine = '';
  const cpu = (f: () => unknown): [number, number, unknown] => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = f();
    const u = process.cpuUsage(c0);
    return [performance.now() - t0, (u.user + u.system) / 1000, out];
  };
  for (const [key, ours, peer] of [
    [
      'isomap',
      () => isomap(X, { nNeighbors: k }).embedding,
      () => new druid.ISOMAP(rows, { neighbors: k, d: 2 }).transform(),
    ],
    [
      'lle',
      () => lle(X, { nNeighbors: k }).embedding,
      () => new druid.LLE(rows, { neighbors: k, d: 2 }).transform(),
    ],
  ] as const) {
    let Yours: DenseMatrix | undefined;
    let Ypeer: unknown;
    let peerCpu = 0;
    const c = compare(
      `${key} swiss roll n=${n} k=${k} (one run)`,
      { name: 'infogeom', run: () => (Yours = ours()) },
      {
        name: 'druidjs',
        run: () => {
          const [, ms, out] = cpu(peer);
          peerCpu = ms;
          Ypeer = out;
          return out;
        },
      },
      1,
      1,
    );
    results.push(c);
    // best of 3 wall and CPU times of ours, the statistic the scikit-learn script records
    let bestWall = Number.POSITIVE_INFINITY;
    let bestCpu = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 3; r++) {
      const [w, u] = cpu(ours);
      bestWall = Math.min(bestWall, w);
      bestCpu = Math.min(bestCpu, u);
    }
    const tOurs = trustworthiness(X, Yours!, { k: 5 });
    const tPeer = trustworthiness(X, druidMatrix(Ypeer), { k: 5 });
    const sk = ref.swissRoll1500k12[key];
    const skCols =
      !small && sk !== undefined
        ? `${sk.ms.toFixed(0)} / ${sk.cpuMs.toFixed(0)} | ${(bestWall / sk.ms).toFixed(2)} / ${(bestCpu / sk.cpuMs).toFixed(2)} | ${sk.trustworthiness.toFixed(4)}`
        : '– | – | –';
    if (key === 'isomap') {
      // landmark Isomap (256 maxmin landmarks) on the same data, against the same DruidJS run
      let lw = Number.POSITIVE_INFINITY;
      let lc = Number.POSITIVE_INFINITY;
      let Yl: unknown;
      for (let r = 0; r < 3; r++) {
        const [w, u, out] = cpu(() => isomap(X, { nNeighbors: k, landmarks: Math.min(256, n) }).embedding);
        lw = Math.min(lw, w);
        lc = Math.min(lc, u);
        Yl = out;
      }
      landmarkLine = `| isomap, 256 landmarks | ${lw.toFixed(0)} / ${lc.toFixed(0)} | ${(c.medians['druidjs']! / lw).toFixed(1)}× / ${(peerCpu / lc).toFixed(1)}× | ${trustworthiness(X, Yl as DenseMatrix, { k: 5 }).toFixed(4)} |`;
    }
    quality.push(
      `| ${key} | ${bestWall.toFixed(0)} / ${bestCpu.toFixed(0)} | ${peerCpu.toFixed(0)} | ${tOurs.toFixed(4)} | ${tPeer.toFixed(4)} | ${skCols} |`,
    );
  }
  printTable(results);
  console.log(
    '\n| method | ours best-of-3 wall / CPU ms | druidjs CPU ms | T(5) ours | T(5) druidjs | sklearn best-of-3 wall / CPU ms | ours ÷ sklearn (wall / CPU) | T(5) sklearn |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const line of quality) console.log(line);
  console.log(
    '\n| variant | ours best-of-3 wall / CPU ms | speed-up over the DruidJS ISOMAP run (wall / CPU) | T(5) |',
  );
  console.log('|---|---|---|---|');
  console.log(landmarkLine);
  const pool = druid as unknown as { terminate_pool?: () => void };
  pool.terminate_pool?.();
}
