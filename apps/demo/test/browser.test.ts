import { describe, expect, it } from 'vitest';
import { klLocal } from '../src/figures/kl-local.js';
import { simulateMle } from '../src/figures/mle-simulation.js';
import { normalGeometry } from '../src/figures/normal-geometry.js';
import { computed, longTasks, open, screenshot, useDemo, value, watchLongTasks } from './harness.js';

// Figures 2, 3 and 7 in Chromium: each loads without console errors, page errors or failed requests, responds
// to an interaction, and shows the number the library computes in Node (1e-6). The other figures have their
// own browser-<figure>.test.ts files.
useDemo();

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
    await screenshot(page, 'fisher-rao');
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
    await screenshot(page, 'kl-local');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the long-task probe sees a main-thread task that burns ≈ 0.4 s of CPU (the 200 ms checks can fail)', async () => {
    const { page, problems } = await open('?fig=kl-local');
    // Up to three tries: on a loaded machine the renderer may start recording the trace late.
    let seen = 0;
    for (let attempt = 0; attempt < 3 && seen <= 200; attempt++) {
      await watchLongTasks(page);
      const sum = await page.evaluate((n) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += Math.sqrt(i);
        return s;
      }, 2e8);
      expect(sum).toBeGreaterThan(0);
      seen = Math.max(0, ...(await longTasks(page)));
    }
    expect(seen).toBeGreaterThan(200);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cramer-rao: the worker reaches 100%, the main thread stays responsive, values match Node', async () => {
    const { page, problems } = await open('?fig=cramer-rao&family=poisson&n=50');
    // Long tasks (> 50 ms) on the main thread while the worker computes; none may exceed 200 ms.
    await watchLongTasks(page);
    await page.selectOption('#family', 'exponential');
    await computed(page);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(200);
    const ref = simulateMle('exponential', 50, 4000, 1);
    expect(await value(page, 'n-variance')).toBeCloseTo(ref.nVariance, 6);
    expect(await value(page, 'bound')).toBeCloseTo(ref.bound, 12);
    await screenshot(page, 'cramer-rao');
    expect(problems).toEqual([]);
    await page.close();
  });
});
