import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveStatic } from '../../../tooling/test/static-server.js';

// Shared set-up of the browser tests: the built demo (apps/demo/dist, or DEMO_DIST) served on localhost and
// opened in Debian's Chromium (installed by .ci/run). Screenshots land in apps/demo/screenshots/.
const root = new URL('..', import.meta.url).pathname;
const dist = process.env['DEMO_DIST'] ?? join(root, 'dist');
/** Where the browser tests save their screenshots. */
export const shots = join(root, 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let browser: Browser;
let server: Server;
let base: string;

/** Registers beforeAll/afterAll hooks that serve the built demo and launch Chromium for this test file. */
export function useDemo(): void {
  beforeAll(async () => {
    if (!existsSync(join(dist, 'index.html')))
      throw new Error('build the demo first (turbo runs `vite build` before this test)');
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    mkdirSync(shots, { recursive: true });
    ({ url: base, server } = await serveStatic(dist));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });
}

/**
 * Opens `?fig=…` and waits until the figure is mounted. `problems` collects console errors and warnings,
 * page errors, failed requests and HTTP errors; every test ends with `expect(problems).toEqual([])`.
 */
export async function open(query: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(`${base}${query}`);
  await page.waitForSelector('#app[data-ready="true"]', { timeout: 30_000 });
  return { page, problems };
}

/** The number a figure shows in `[data-testid=id]` (its full-precision `data-value`). */
export const value = async (page: Page, id: string): Promise<number> =>
  Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));

/** Starts recording main-thread long tasks (> 50 ms); read them with {@link longTasks}. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** Durations (ms) of the long tasks recorded since {@link watchLongTasks}. */
export const longTasks = (page: Page): Promise<number[]> =>
  page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);

/** Waits until the figure's worker has finished (`#app[data-computing="false"]`). */
export const computed = (page: Page, timeout = 60_000): Promise<unknown> =>
  page.waitForFunction(
    () => document.querySelector('#app')?.getAttribute('data-computing') === 'false',
    null,
    {
      timeout,
    },
  );

/** Saves a screenshot of the page as screenshots/<name>.png. */
export const screenshot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: join(shots, `${name}.png`) });
