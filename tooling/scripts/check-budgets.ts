/**
 * The apps' budgets (issue 10), measured on the built sites and reported; CI fails when one is exceeded:
 * - demo entry JavaScript (the module script and what it preloads) ≤ 150 KB gzip; figure chunks load lazily;
 * - the first figure drawn within 2.5 s of navigation (median of three cold loads in Chromium);
 * - the docs build (typedoc + VitePress, timed by apps/docs/scripts/build.mjs) under 2 minutes.
 * Run after `npm start` has built both apps: `pnpm exec tsx tooling/scripts/check-budgets.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/static-server.js';

const root = new URL('../..', import.meta.url).pathname;
const demo = join(root, 'apps/demo/dist');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const failures: string[] = [];
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

// 1. Entry size: what index.html loads before any figure is chosen.
const html = readFileSync(join(demo, 'index.html'), 'utf8');
const entry = [
  ...html.matchAll(/<script type="module"[^>]*src="\.?\/?([^"]+)"/g),
  ...html.matchAll(/<link rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g),
].map((m) => m[1]!);
const entryGzip = entry.reduce((s, f) => s + gz(join(demo, f)), 0);
console.log(`demo entry JavaScript: ${entry.join(', ')} = ${kb(entryGzip)} gzip (budget 150 KB)`);
if (entryGzip > 150 * 1024) failures.push(`demo entry ${kb(entryGzip)} gzip > 150 KB`);
const chunks = readdirSync(join(demo, 'assets'))
  .filter((f) => f.endsWith('.js') && !entry.includes(`assets/${f}`))
  .map((f) => ({ f, size: gz(join(demo, 'assets', f)) }))
  .sort((a, b) => b.size - a.size);
console.log(
  `lazy chunks (${chunks.length}), largest: ${chunks
    .slice(0, 5)
    .map((c) => `${c.f} ${kb(c.size)}`)
    .join(', ')}`,
);

// 2. First figure: cold loads of the demo's default page until its plot is drawn.
const { url, server } = await serveStatic(demo);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const times: number[] = [];
for (let k = 0; k < 3; k++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#app[data-ready="true"] svg', { timeout: 30_000 });
  times.push(await page.evaluate(() => performance.now()));
  await context.close();
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
const firstFigure = times[1]!;
console.log(
  `first figure drawn: ${firstFigure.toFixed(0)} ms after navigation (median of ${times.map((t) => t.toFixed(0)).join(', ')}; budget 2500 ms)`,
);
if (firstFigure > 2500) failures.push(`first figure ${firstFigure.toFixed(0)} ms > 2500 ms`);

// 3. Docs build time, recorded by the docs build itself. Under `npm test` it runs beside turbo's other tasks
// (tests, typechecks) on the same cores; when that contended figure is over budget, build again alone.
interface BuildStats {
  totalSeconds: number;
  typedocSeconds: number;
  vitepressSeconds: number;
  pages: number;
  megabytes: number;
}
const statsFile = join(root, 'apps/docs/.vitepress/build-stats.json');
const readStats = (): BuildStats => JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats;
const describe = (s: BuildStats): string =>
  `${s.totalSeconds} s (typedoc ${s.typedocSeconds} s + VitePress ${s.vitepressSeconds} s), ${s.pages} pages, ${s.megabytes} MB`;
if (!existsSync(statsFile)) failures.push('no apps/docs/.vitepress/build-stats.json: build the docs first');
else {
  let s = readStats();
  console.log(`docs build (beside the other tasks): ${describe(s)} (budget 120 s)`);
  if (s.totalSeconds > 120) {
    const r = spawnSync('pnpm', ['--filter', '@infogeom/docs', 'run', 'build'], {
      cwd: root,
      stdio: 'ignore',
    });
    if (r.status !== 0) failures.push('docs build failed when re-run alone');
    s = readStats();
    console.log(`docs build (alone): ${describe(s)} (budget 120 s)`);
  }
  if (s.totalSeconds > 120) failures.push(`docs build ${s.totalSeconds} s > 120 s`);
}

if (failures.length > 0) {
  console.error(`budgets exceeded:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('all budgets hold');
