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

// Main-thread long tasks are measured in thread CPU time from a Chromium trace, not in wall-clock time (the
// Long Tasks API): CI runs the docs build and other test suites on the same two cores, and there a task that
// used 50 ms of CPU measured 370 ms of wall time while the main thread was merely waiting to be scheduled.
// CPU time is what the figures control: work done on the main thread instead of in the worker.
let tracing: Page | undefined;

/** Starts recording the page's main-thread tasks; read the long ones with {@link longTasks}. */
export async function watchLongTasks(page: Page): Promise<void> {
  if (tracing) await browser.stopTracing(); // left running by a failed test
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
  // The renderer starts recording asynchronously (after an IPC round trip, slow on a loaded machine): give
  // it a moment so that the tasks right after this call are in the trace.
  await new Promise((r) => setTimeout(r, 500));
  tracing = page;
}

/**
 * Stops the trace started by {@link watchLongTasks} and returns the thread CPU times (ms) of the renderer
 * main thread's tasks over 50 ms. Throws if the trace has no thread times (the check could not fail).
 */
export async function longTasks(page: Page): Promise<number[]> {
  if (tracing !== page) throw new Error('longTasks: call watchLongTasks(page) first');
  tracing = undefined;
  const trace = JSON.parse((await browser.stopTracing()).toString()) as
    | { traceEvents: TraceEvent[] }
    | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter(
    (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`),
  );
  if (tasks.length === 0 || tasks.some((e) => typeof e.tdur !== 'number'))
    throw new Error(`longTasks: the trace has ${tasks.length} main-thread tasks, not all with thread times`);
  return tasks.map((e) => e.tdur! / 1000).filter((ms) => ms > 50);
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

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
