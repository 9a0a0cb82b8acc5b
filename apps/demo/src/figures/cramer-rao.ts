import * as Plot from '@observablehq/plot';
import { readParam, writeParams } from '../url-state.js';
import { CR_FAMILIES, type CrFamily } from './mle-simulation.js';
import type { MleMessage, MleRequest } from './mle-worker.js';

/** Figure 7: the sampling distribution of the MLE against the Cramér–Rao normal N(0, 1/I(θ)), in a worker. */
export function mount(root: HTMLElement): void {
  let family = (readParam('family') ?? 'poisson') as CrFamily;
  if (!(family in CR_FAMILIES)) family = 'poisson';
  let n = Number(readParam('n') ?? '50');
  if (!(Number.isInteger(n) && n >= 5 && n <= 2000)) n = 50;
  const reps = 4000;
  const seed = 1;
  root.innerHTML = `
    <h2>Cramér–Rao: the sampling distribution of the MLE</h2>
    <p class="caption">${reps} data sets of size n are drawn and each is fitted by maximum likelihood, in a Web Worker.
    The histogram of √n(θ̂ − θ) approaches the normal with variance 1/I(θ) (curve), the Cramér–Rao bound for one
    observation; n·Var(θ̂) approaches the bound as n grows.</p>
    <div class="figure">
      <div id="plot"></div>
      <div class="panel">
        <label>family <select id="family">${Object.entries(CR_FAMILIES)
          .map(([k, v]) => `<option value="${k}">${v.label}</option>`)
          .join('')}</select></label>
        <label>n <input type="number" min="5" max="2000" step="5" id="n" /></label>
        <label>progress <progress id="progress" max="1" value="0"></progress></label>
        <dl class="readout">
          <dt>n · Var(θ̂)</dt><dd data-testid="n-variance"></dd>
          <dt>1 / I(θ)</dt><dd data-testid="bound"></dd>
          <dt>ratio</dt><dd data-testid="ratio"></dd>
        </dl>
      </div>
    </div>`;
  const plotEl = root.querySelector('#plot') as HTMLElement;
  const select = root.querySelector('#family') as HTMLSelectElement;
  const nInput = root.querySelector('#n') as HTMLInputElement;
  const progress = root.querySelector('#progress') as HTMLProgressElement;
  const show = (key: string, v: number): void => {
    const el = root.querySelector(`[data-testid="${key}"]`) as HTMLElement;
    el.textContent = v.toPrecision(6);
    el.dataset['value'] = String(v);
  };
  let worker: Worker | undefined;

  const run = (): void => {
    worker?.terminate();
    select.value = family;
    nInput.value = String(n);
    writeParams({ fig: 'cramer-rao', family, n: String(n) });
    progress.value = 0;
    root.dataset['computing'] = 'true';
    worker = new Worker(new URL('./mle-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<MleMessage>) => {
      const m = ev.data;
      if (m.type === 'progress') {
        progress.value = m.fraction;
        return;
      }
      progress.value = 1;
      const sd = Math.sqrt(m.bound);
      const xs = Array.from({ length: 121 }, (_, i) => -4 * sd + (8 * sd * i) / 120);
      const density = xs.map((x) => ({
        x,
        y: Math.exp((-0.5 * x * x) / m.bound) / Math.sqrt(2 * Math.PI * m.bound),
      }));
      // Histogram as a density (count / (reps · bin width)) under the Cramér–Rao normal density.
      const width = (8 * sd) / 40;
      plotEl.replaceChildren(
        Plot.plot({
          width: 640,
          height: 380,
          x: { label: '√n (θ̂ − θ)', domain: [-4 * sd, 4 * sd] },
          y: { label: 'density' },
          marks: [
            Plot.rectY(
              Array.from(m.scaled),
              Plot.binX<Plot.RectYOptions>(
                { y: (bin: number[]) => bin.length / (m.scaled.length * width) },
                {
                  x: (d: number) => d,
                  thresholds: Array.from({ length: 41 }, (_, i) => -4 * sd + i * width),
                  fill: '#9fb3e0',
                },
              ),
            ),
            Plot.line(density, { x: 'x', y: 'y', stroke: '#e4572e', strokeWidth: 2 }),
            Plot.ruleY([0]),
          ],
        }),
      );
      show('n-variance', m.nVariance);
      show('bound', m.bound);
      show('ratio', m.nVariance / m.bound);
      root.dataset['computing'] = 'false';
      worker?.terminate();
      worker = undefined;
    };
    worker.postMessage({ family, n, reps, seed } satisfies MleRequest);
  };
  select.addEventListener('change', () => {
    family = select.value as CrFamily;
    run();
  });
  nInput.addEventListener('change', () => {
    const v = Number(nInput.value);
    if (Number.isInteger(v) && v >= 5 && v <= 2000) {
      n = v;
      run();
    }
  });
  run();
}
