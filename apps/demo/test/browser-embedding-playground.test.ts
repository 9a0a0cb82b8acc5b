import { readFileSync } from 'node:fs';
import { trustworthiness } from '@infogeom/dimred';
import { DenseMatrix } from '@infogeom/linalg';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeDataset, parseDigits } from '../src/figures/dimred-data.js';
import { PLAYGROUND_DEFAULTS, runPlayground } from '../src/figures/embedding-playground-compute.js';
import { computed, longTasks, open, screenshot, useDemo, value, watchLongTasks } from './harness.js';

// Figure 6 in Chromium: play advances, pause holds, a hyperparameter change resets; the KL and trustworthiness
// shown equal the Node computation; no long main-thread task.
//
// Real digits: exact grey levels, so the data in the worker and in Node are bit-identical. The optimisers
// themselves call Math.exp / Math.log / Math.pow, whose last bits differ between Node 20's V8 and Chromium's
// (measured: ~10% of random arguments), and an optimiser amplifies last-bit differences: t-SNE agrees with
// Node to 1e-10 after 50 iterations, while UMAP's trustworthiness differs by 4e-4 after 10 epochs (its epoch
// sampling schedule compares exp-derived weights). So the UMAP check scores the layout the page exports (CSV)
// in Node.
useDemo();

const file = readFileSync(new URL('../public/digits.bin', import.meta.url));
const digits = parseDigits(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
const iteration = (page: Page): Promise<number> =>
  page.$eval('[data-testid="iteration"]', (el) => Number(el.textContent));

async function exportedLayout(page: Page): Promise<DenseMatrix> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const rows = readFileSync(await download.path(), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return new DenseMatrix(
    rows.length,
    2,
    Float64Array.from(rows.flatMap((r) => r.split(',').slice(0, 2).map(Number))),
  );
}

describe('embedding-playground in Chromium', () => {
  it('t-SNE to a fixed iteration: KL and T(5) equal Node', async () => {
    const { page, problems } = await open(
      '?fig=embedding-playground&method=tsne&data=digits&n=300&iterations=50&autoplay=1',
    );
    await watchLongTasks(page);
    await computed(page);
    expect(await value(page, 'iteration')).toBe(50);
    const points = makeDataset('digits', 300, 0, digits).points;
    const ref = runPlayground(points, { ...PLAYGROUND_DEFAULTS, data: 'digits', n: 300, iterations: 50 });
    expect(ref.iteration).toBe(50);
    expect(await value(page, 'kl')).toBeCloseTo(ref.kl, 6);
    expect(await value(page, 'trustworthiness')).toBeCloseTo(ref.trustworthiness, 6);
    // A longer run (the hyperparameter change resets it; it stays paused until play).
    await page.fill('#iterations', '350');
    await page.dispatchEvent('#iterations', 'change');
    await computed(page);
    expect(await value(page, 'iteration')).toBe(0);
    await page.click('#play');
    await page.waitForFunction(() => document.querySelector('#stage')?.textContent === 'finished', null, {
      timeout: 60_000,
    });
    await computed(page);
    expect(await value(page, 'kl')).toBeLessThan(ref.kl); // KL falls after the exaggeration phase
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(200);
    await screenshot(page, 'embedding-playground-tsne');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('UMAP: play advances, pause holds, the shown T(5) is that of the layout, min_dist resets', async () => {
    const { page, problems } = await open(
      '?fig=embedding-playground&method=umap&data=digits&n=300&iterations=3000',
    );
    await computed(page);
    expect(await value(page, 'iteration')).toBe(0);
    await watchLongTasks(page);
    await page.click('#play');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="iteration"]')?.textContent) >= 60,
    );
    await page.click('#pause');
    await computed(page);
    const paused = await value(page, 'iteration');
    expect(paused).toBeGreaterThanOrEqual(60);
    expect(paused).toBeLessThan(3000);
    await page.waitForTimeout(500);
    expect(await iteration(page)).toBe(paused);
    expect(await value(page, 'score-iteration')).toBe(paused);
    const points = makeDataset('digits', 300, 0, digits).points;
    const shown = await value(page, 'trustworthiness');
    expect(shown).toBeCloseTo(trustworthiness(points, await exportedLayout(page), { k: 5 }), 6);
    await screenshot(page, 'embedding-playground-umap');
    // A hyperparameter change resets the run (and the URL records it); play advances again.
    await page.fill('#minDist', '0.5');
    await page.dispatchEvent('#minDist', 'change');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('minDist') === '0.5');
    await computed(page);
    expect(await value(page, 'iteration')).toBe(0);
    await page.click('#play');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="iteration"]')?.textContent) > 0,
    );
    await page.click('#pause');
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(200);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
