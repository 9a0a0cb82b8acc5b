import { completeMetric, gaussianOutput, pullbackMetric, rbfVarianceMetric } from '@infogeom/pullback';
import { describe, expect, it } from 'vitest';
import { latentGeodesic } from '../src/figures/latent-geodesics-compute.js';
import { buildLatentModel } from '../src/figures/latent-geodesics-model.js';
import { readModelBytes } from '../src/figures/latent-geodesics-node.js';
import { computed, longTasks, open, screenshot, useDemo, value, watchLongTasks } from './harness.js';

// Figure 4 in Chromium: the MNIST decoder's latent plane, geodesic vs straight line, variance network on/off.
// The lengths shown must equal the figure's computation module run here in Node (1e-6).
useDemo();

const A: [number, number] = [0.06, 2.39];
const B: [number, number] = [-2, -1.27];
const model = buildLatentModel(readModelBytes());

const close = (x: number, ref: number): void => {
  expect(Math.abs(x - ref)).toBeLessThanOrEqual(1e-6 * Math.abs(ref));
};

describe('latent-geodesics', () => {
  it('the batched σ-metric equals pullbackMetric of the RBF variance network', () => {
    const v = model.variance!;
    const ref = completeMetric(pullbackMetric(v, { output: gaussianOutput(1) }));
    const fast = completeMetric(rbfVarianceMetric(v));
    const rel = (x: ArrayLike<number>, y: ArrayLike<number>): number => {
      let e = 0;
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        e = Math.max(e, Math.abs(x[i]! - y[i]!));
        s = Math.max(s, Math.abs(y[i]!));
      }
      return e / s;
    };
    const V = Float64Array.from([0.3, -0.7]);
    for (const z of [
      [0.1, 0.2],
      [-2, 1.5],
      [3, -4],
      [-4, 5],
    ]) {
      const Z = Float64Array.from(z);
      expect(rel(fast.metric(Z), ref.metric(Z))).toBeLessThan(1e-12);
      expect(rel(fast.metricDerivative(Z), ref.metricDerivative(Z))).toBeLessThan(1e-12);
      expect(
        rel(fast.energyDensity(Z, V, 1).positionGradient, ref.energyDensity(Z, V, 1).positionGradient),
      ).toBeLessThan(1e-12);
    }
  });

  it('worker reaches 100 %, main thread responsive, lengths equal Node, the variance toggle changes the ratio', async () => {
    const { page, problems } = await open(`?fig=latent-geodesics&a=${A.join(',')}&b=${B.join(',')}&var=0`);
    await watchLongTasks(page);
    // The Node reference is computed while the page's worker computes (two cores).
    const plain = latentGeodesic(model, false, A, B);
    await computed(page, 180_000);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    close(await value(page, 'geodesic-length'), plain.geodesic.length);
    close(await value(page, 'straight-length'), plain.straightLength);
    expect(await value(page, 'converged')).toBe(1);
    const ratio0 = await value(page, 'ratio');
    expect(ratio0).toBeLessThan(1);
    // The heat map covers the plot area of the canvas, the codes add colour; the decoded rows are not blank.
    const canvas = await page.$eval('#plot canvas', (c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(45, 15, 320, 395).data;
      let opaque = 0;
      let coloured = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 255) opaque++;
        if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 60) coloured++;
      }
      return { opaque: opaque / (d.length / 4), coloured: coloured / (d.length / 4) };
    });
    expect(canvas.opaque).toBeGreaterThan(0.99);
    expect(canvas.coloured).toBeGreaterThan(0.02);
    const ink = await page.$eval('#geodesic-digits', (c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 280, 28).data;
      let dark = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++;
      return dark / (280 * 28);
    });
    expect(ink).toBeGreaterThan(0.05);
    expect(ink).toBeLessThan(0.5);
    await screenshot(page, 'latent-geodesics');

    await page.check('#variance');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('var') === '1');
    const withVar = latentGeodesic(model, true, A, B);
    await computed(page, 180_000);
    expect(await page.$eval('#progress', (el) => (el as HTMLProgressElement).value)).toBe(1);
    close(await value(page, 'geodesic-length'), withVar.geodesic.length);
    close(await value(page, 'straight-length'), withVar.straightLength);
    const ratio1 = await value(page, 'ratio');
    expect(Math.abs(ratio1 - ratio0)).toBeGreaterThan(1e-3);
    expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(200);
    await screenshot(page, 'latent-geodesics-variance');
    // Dragging z₁ moves it (URL, inputs) and starts a new solve.
    const handle = (await page.locator('[data-endpoint="b"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 80, handle.y - 60, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('b') !== '-2,-1.27');
    expect(Number(await page.inputValue('#bx'))).toBeGreaterThan(B[0] + 0.5);
    expect(await page.getAttribute('#app', 'data-computing')).toBe('true');
    expect(problems).toEqual([]);
    await page.close();
    // ~15 s of CPU on a quiet machine; the limit leaves room for a loaded CI box.
  }, 300_000);
});
