import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  CHART_IDS,
  type MuSigma,
  naturalGradientPaths,
  OPTIMIZER_IDS,
} from '../src/figures/natural-gradient-paths.js';
import { computed, open, screenshot, useDemo, value } from './harness.js';

// Figure 1 in Chromium: loads without problems, the step slider and a drag on a chart change the paths, and the
// nine final KL values shown equal the pure computation module run here in Node (relative 1e-6).
useDemo();

const relClose = (a: number, b: number): boolean =>
  Number.isNaN(b) ? Number.isNaN(a) : Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(b), 1e-12);

async function expectMatchesNode(
  page: Page,
  start: MuSigma,
  step: number,
  iterations: number,
): Promise<number[]> {
  const ref = naturalGradientPaths(start, step, iterations);
  const shown: number[] = [];
  for (const r of ref.runs) {
    const v = await value(page, `kl-${r.optimizer}-${r.chart}`);
    expect(relClose(v, r.finalKl), `${r.optimizer} in ${r.chart}: ${v} vs ${r.finalKl}`).toBe(true);
    shown.push(v);
  }
  expect(relClose(await value(page, 'gap-natural'), ref.naturalGap)).toBe(true);
  expect(relClose(await value(page, 'gap-gd'), ref.gdGap)).toBe(true);
  return shown;
}

const urlState = async (page: Page): Promise<{ start: MuSigma; step: number; iter: number }> => {
  const params = new URL(page.url()).searchParams;
  const [mu, sigma] = (params.get('start') ?? '').split(',').map(Number);
  return { start: [mu!, sigma!], step: Number(params.get('step')), iter: Number(params.get('iter')) };
};

describe('natural-gradient figure in Chromium', () => {
  it('shows the Node values, reacts to the slider and to dragging, restores from the URL', async () => {
    const { page, problems } = await open('?fig=natural-gradient&start=3.5,3&step=0.1&iter=40');
    await computed(page);
    const before = await expectMatchesNode(page, [3.5, 3], 0.1, 40);
    expect(before).toHaveLength(OPTIMIZER_IDS.length * CHART_IDS.length);
    // The flow is invariant (the three charts' flows agree to integration accuracy); discrete steps are not.
    expect(await value(page, 'gap-flow')).toBeLessThan(1e-6);
    expect(await value(page, 'gap-natural')).toBeLessThan(await value(page, 'gap-gd'));

    // Step-size slider.
    await page.$eval('#step', (el) => {
      (el as HTMLInputElement).value = '0.3';
      el.dispatchEvent(new Event('input'));
    });
    await computed(page);
    expect((await urlState(page)).step).toBe(0.3);
    const afterSlider = await expectMatchesNode(page, [3.5, 3], 0.3, 40);
    expect(afterSlider).not.toEqual(before);

    // Drag the start in the (μ, log σ) chart.
    const chart = page.locator('[data-chart="logsigma"] svg');
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.25);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4, { steps: 6 });
    await page.mouse.up();
    await computed(page);
    const state = await urlState(page);
    expect(state.start[0]).not.toBeCloseTo(3.5, 2);
    const dragged = await Promise.all(
      OPTIMIZER_IDS.flatMap((o) => CHART_IDS.map((c) => value(page, `kl-${o}-${c}`))),
    );
    expect(dragged).not.toEqual(afterSlider);
    await page.setViewportSize({ width: 1100, height: 820 });
    await screenshot(page, 'natural-gradient');
    expect(problems).toEqual([]);
    await page.close();

    // The URL restores the state; the values are the Node computation at that state.
    const query = `?fig=natural-gradient&start=${state.start.join(',')}&step=${state.step}&iter=${state.iter}`;
    const again = await open(query);
    await computed(again.page);
    await expectMatchesNode(again.page, state.start, state.step, state.iter);
    expect(again.problems).toEqual([]);
    await again.page.close();
  });
});
