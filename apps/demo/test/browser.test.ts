import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { klLocal } from '../src/figures/kl-local.js';
import { simulateMle } from '../src/figures/mle-simulation.js';
import { normalGeometry } from '../src/figures/normal-geometry.js';
import { serveStatic } from './static-server.js';

// The built demo in Debian's Chromium (installed by .ci/run): every figure loads without console errors,
// page errors or failed requests, responds to an interaction, and shows the number the library computes
// in Node (1e-6). Screenshots land in apps/demo/screenshots/.
const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const shots = join(root, 'screenshots');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let browser: Browser;
let server: Server;
let base: string;

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

async function open(query: string): Promise<{ page: Page; problems: string[] }> {
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

const value = async (page: Page, id: string): Promise<number> =>
  Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));

describe('demo figures in Chromium', () => {
  it('fisher-rao: drag-free edit of q updates the distance, equal to the library in Node', async () => {
    const { page, problems } = await open('?fig=fisher-rao&p=-2,1&q=2,1');
    expect(await value(page, 'fisher-rao')).toBeCloseTo(normalGeometry([-2, 1], [2, 1]).fisherRao, 6);
    await page.fill('#mu2', '1.5');
    await page.fill('#sigma2', '0.4');
    await page.dispatchEvent('#sigma2', 'change');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '1.5,0.4');
    const ref = normalGeometry([-2, 1], [1.5, 0.4]);
    expect(await value(page, 'fisher-rao')).toBeCloseTo(ref.fisherRao, 6);
    expect(await value(page, 'kl-pq')).toBeCloseTo(ref.klPQ, 6);
    expect(await value(page, 'kl-qp')).toBeCloseTo(ref.klQP, 6);
    // Drag p with the mouse: the URL and the readout follow.
    const before = await value(page, 'euclidean');
    const box = (await page.locator('#plot svg').boundingBox())!;
    const dot = page.locator('#plot svg circle').first();
    const d = (await dot.boundingBox())!;
    await page.mouse.move(d.x + d.width / 2, d.y + d.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 5 });
    await page.mouse.up();
    expect(await value(page, 'euclidean')).not.toBeCloseTo(before, 3);
    await page.screenshot({ path: join(shots, 'fisher-rao.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('kl-local: the slider shrinks δ and the ratio is the library value', async () => {
    const { page, problems } = await open('?fig=kl-local&p=0,1&phi=0.6&logh=-0.5');
    await page.$eval('#logh', (el) => {
      (el as HTMLInputElement).value = '-2.5';
      el.dispatchEvent(new Event('input'));
    });
    const r = klLocal([0, 1], 0.6, 10 ** -2.5);
    expect(await value(page, 'ratio')).toBeCloseTo(r.klForward / r.quadratic, 6);
    expect(Math.abs(r.klForward / r.quadratic - 1)).toBeLessThan(1e-2);
    await page.screenshot({ path: join(shots, 'kl-local.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cramer-rao: the worker reaches 100%, the main thread stays responsive, values match Node', async () => {
    const { page, problems } = await open('?fig=cramer-rao&family=poisson&n=50');
    // Long tasks (> 50 ms) on the main thread while the worker computes; none may exceed 200 ms.
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.selectOption('#family', 'exponential');
    await page.waitForFunction(
      () => document.querySelector('#app')?.getAttribute('data-computing') === 'false',
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(Math.max(0, ...longTasks)).toBeLessThan(200);
    const ref = simulateMle('exponential', 50, 4000, 1);
    expect(await value(page, 'n-variance')).toBeCloseTo(ref.nVariance, 6);
    expect(await value(page, 'bound')).toBeCloseTo(ref.bound, 12);
    await page.screenshot({ path: join(shots, 'cramer-rao.png') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
