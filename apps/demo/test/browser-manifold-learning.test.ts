import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeDataset, parseDigits } from '../src/figures/dimred-data.js';
import { manifoldEmbedding } from '../src/figures/manifold-learning-compute.js';
import { computed, longTasks, open, screenshot, useDemo, value, watchLongTasks } from './harness.js';

// Figure 5 in Chromium: the worker reaches 100 % without long main-thread tasks, switching the embedder or the
// data set changes the embedding, and trustworthiness and intrinsic dimension equal the computation in Node.
useDemo();

const file = readFileSync(new URL('../public/digits.bin', import.meta.url));
const digits = parseDigits(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
const reference = (data: 'swissRoll' | 'digits', method: string, k: number) =>
  manifoldEmbedding(makeDataset(data, 300, 0, digits).points, method, k, 0);
const canvasImage = (page: import('playwright-core').Page, id: string) =>
  page.$eval(`#${id} canvas`, (c) => (c as HTMLCanvasElement).toDataURL());

describe('manifold-learning in Chromium', () => {
  it('embeds swiss roll and digits in a worker; scores equal Node', async () => {
    const { page, problems } = await open(
      '?fig=manifold-learning&data=swissRoll&n=300&method=isomap&k=12&seed=0',
    );
    await computed(page);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    const iso = reference('swissRoll', 'isomap', 12);
    expect(await value(page, 'trustworthiness')).toBeCloseTo(iso.trustworthiness, 6);
    expect(await value(page, 'id-mle')).toBeCloseTo(iso.mle, 6);
    expect(await value(page, 'id-twonn')).toBeCloseTo(iso.twoNn, 6);
    expect(await value(page, 'runtime')).toBeGreaterThan(0);
    await screenshot(page, 'manifold-learning-swiss-roll');
    const isoImage = await canvasImage(page, 'ml-embedding');

    // Another embedder: new embedding, new score, the main thread stays responsive.
    await watchLongTasks(page);
    await page.selectOption('#method', 'laplacianEigenmaps');
    await page.waitForFunction(
      () => new URLSearchParams(location.search).get('method') === 'laplacianEigenmaps',
    );
    await computed(page);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    const le = reference('swissRoll', 'laplacianEigenmaps', 12);
    expect(await value(page, 'trustworthiness')).toBeCloseTo(le.trustworthiness, 6);
    expect(le.trustworthiness).not.toBeCloseTo(iso.trustworthiness, 6);
    expect(await canvasImage(page, 'ml-embedding')).not.toBe(isoImage);

    // Real digits (fetched by the worker), coloured by label.
    await page.selectOption('#data', 'digits');
    await computed(page);
    const dig = reference('digits', 'laplacianEigenmaps', 12);
    expect(await value(page, 'trustworthiness')).toBeCloseTo(dig.trustworthiness, 6);
    expect(await value(page, 'id-mle')).toBeCloseTo(dig.mle, 6);
    expect(await value(page, 'id-twonn')).toBeCloseTo(dig.twoNn, 6);
    expect(dig.mle).toBeGreaterThan(5); // digits are far from 2-dimensional
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(200);
    await screenshot(page, 'manifold-learning-digits');
    expect(problems).toEqual([]);
    await page.close();
  });
});
