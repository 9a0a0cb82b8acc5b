#!/usr/bin/env node
// `pnpm build` of the docs: the API reference (typedoc → markdown) then the site (VitePress), timed. The
// timings land in .vitepress/build-stats.json, which tooling/scripts/check-budgets.mjs holds to the
// docs-build budget (< 2 minutes).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  return (performance.now() - t0) / 1000;
}

function walk(dir) {
  let pages = 0;
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) {
      const sub = walk(p);
      pages += sub.pages;
      bytes += sub.bytes;
    } else {
      bytes += s.size;
      if (name.endsWith('.html')) pages++;
    }
  }
  return { pages, bytes };
}

const cpu0 = process.cpuUsage();
const typedocSeconds = step(bin('typedoc'), []);
const vitepressSeconds = step(bin('vitepress'), ['build', '.']);
const { pages, bytes } = walk(join(root, '.vitepress', 'dist'));
const stats = {
  typedocSeconds: +typedocSeconds.toFixed(1),
  vitepressSeconds: +vitepressSeconds.toFixed(1),
  totalSeconds: +(typedocSeconds + vitepressSeconds).toFixed(1),
  pages,
  megabytes: +(bytes / 2 ** 20).toFixed(1),
  cpuSecondsOfThisProcess: +((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(1),
};
writeFileSync(join(root, '.vitepress', 'build-stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
console.log(
  `docs built in ${stats.totalSeconds} s (typedoc ${stats.typedocSeconds} s, VitePress ${stats.vitepressSeconds} s): ${pages} pages, ${stats.megabytes} MB`,
);
