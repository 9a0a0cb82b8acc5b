import { describe, expect, it } from 'vitest';
import { computeFisherSpectrum } from '../src/figures/fisher-spectrum-model.js';
import { computed, longTasks, open, screenshot, useDemo, value, watchLongTasks } from './harness.js';

// Figure 8 in Chromium: the worker reaches 100 %, the main thread has no task > 200 ms, changing the training steps
// changes the spectrum, and the top Lanczos, dense and K-FAC eigenvalues shown equal the Node computation (1e-6).
useDemo();

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('fisher-spectrum figure in Chromium', () => {
  it('computes in a worker, matches Node, and responds to the steps control', async () => {
    const { page, problems } = await open('?fig=fisher-spectrum&width=16&n=300&steps=20');
    await watchLongTasks(page);
    await computed(page);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    const ref = computeFisherSpectrum({ width: 16, n: 300, steps: 20 });
    expect(await value(page, 'dim')).toBe(ref.dim);
    expect(rel(await value(page, 'lanczos-top'), ref.lanczos[0]!)).toBeLessThan(1e-6);
    expect(rel(await value(page, 'exact-top'), ref.exact[0]!)).toBeLessThan(1e-6);
    expect(rel(await value(page, 'kfac-top'), ref.kfac[0]!)).toBeLessThan(1e-6);
    // Lanczos agrees with the dense eigendecomposition of the independently formed MᵀM/n.
    expect(await value(page, 'lanczos-error')).toBeLessThan(1e-8);

    await page.fill('#steps', '0');
    await page.dispatchEvent('#steps', 'change');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('steps') === '0');
    await computed(page);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    const ref0 = computeFisherSpectrum({ width: 16, n: 300, steps: 0 });
    const top0 = await value(page, 'lanczos-top');
    expect(rel(top0, ref0.lanczos[0]!)).toBeLessThan(1e-6);
    expect(rel(await value(page, 'kfac-top'), ref0.kfac[0]!)).toBeLessThan(1e-6);
    expect(rel(top0, ref.lanczos[0]!)).toBeGreaterThan(1e-3);
    await page.setViewportSize({ width: 1100, height: 960 });
    await screenshot(page, 'fisher-spectrum');
    const tasks = await longTasks(page);
    expect(Math.max(0, ...tasks), `main-thread long tasks (ms): ${tasks.join(', ')}`).toBeLessThan(200);
    expect(problems).toEqual([]);
    await page.close();
  });
});
