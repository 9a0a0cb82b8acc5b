import * as Plot from '@observablehq/plot';
import { readParam, writeParams } from '../url-state.js';
import { LANCZOS_K, type SpectrumOptions, type SpectrumResult } from './fisher-spectrum-model.js';
import type { SpectrumMessage } from './fisher-spectrum-worker.js';

const WIDTHS = [8, 16, 24, 32];
const SIZES = [150, 300, 600];
const CLASS_COLORS = ['#3b4d8f', '#e4572e', '#29a36a'];
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The eigenvalues worth drawing on a log scale: above 1e-12 of the largest. */
const visible = (values: Float64Array, top: number): { rank: number; value: number }[] =>
  Array.from(values, (value, i) => ({ rank: i + 1, value })).filter((d) => d.value > top * 1e-12);

/** Figure 8: the exact Fisher spectrum of a small MLP by Lanczos, K-FAC's spectrum beside it, in a worker. */
export function mount(root: HTMLElement): void {
  let width = Number(readParam('width') ?? '16');
  if (!WIDTHS.includes(width)) width = 16;
  let n = Number(readParam('n') ?? '300');
  if (!SIZES.includes(n)) n = 300;
  let steps = Number(readParam('steps') ?? '20');
  if (!(Number.isInteger(steps) && steps >= 0 && steps <= 100)) steps = 20;

  root.innerHTML = `
    <h2>The Fisher spectrum of a small network: Lanczos vs K-FAC</h2>
    <p class="caption">A 2 → w → w → 3 tanh classifier on three spiral arms, trained by K-FAC natural gradient
    (<code>@infogeom/natgrad</code>). In a Web Worker: the top ${LANCZOS_K} eigenvalues of its exact (true) Fisher by
    Lanczos (<code>@infogeom/linalg</code>) on matrix-free Fisher-vector products (forward-mode Jv, softmax Hessian,
    back-propagation), every eigenvalue of the dense Fisher MᵀM/n (check), and the spectrum of K-FAC's block-diagonal
    Kronecker approximation G ⊗ A per layer (<code>@infogeom/fisher</code>), whose eigenvalues are products of factor
    eigenvalues. K-FAC drops the cross-layer blocks and the within-layer correlations between activations and
    gradients, and it is full rank where the exact Fisher has rank ≤ 2n (two output directions per example).</p>
    <div class="figure">
      <div>
        <div class="fs-legend">
          <span><i style="background:#8a93b5"></i>exact Fisher, all eigenvalues (dense eigh)</span>
          <span><b style="border-color:#3b4d8f"></b>exact Fisher, top ${LANCZOS_K} by Lanczos</span>
          <span><i style="background:#e4572e"></i>K-FAC (G ⊗ A per layer)</span>
        </div>
        <div id="plot"></div>
        <div class="fs-insets"><div><div class="fs-sub">the data, coloured by the predicted class</div><div id="regions"></div></div><div><div class="fs-sub">training loss</div><div id="losses"></div></div></div>
      </div>
      <div class="panel">
        <label>hidden width <select id="width">${WIDTHS.map((w) => `<option value="${w}">${w}</option>`).join('')}</select></label>
        <label>examples <select id="n">${SIZES.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>
        <label>K-FAC steps <input type="number" id="steps" min="0" max="100" step="1" /></label>
        <label>progress <progress id="progress" max="1" value="0"></progress></label>
        <p class="fs-stage" id="stage"></p>
        <dl class="readout">
          <dt>parameters</dt><dd data-testid="dim"></dd>
          <dt>λ₁ exact, Lanczos</dt><dd data-testid="lanczos-top"></dd>
          <dt>λ₁ exact, dense eigh</dt><dd data-testid="exact-top"></dd>
          <dt>λ₁ K-FAC</dt><dd data-testid="kfac-top"></dd>
          <dt>Lanczos vs dense, top ${LANCZOS_K} (max rel.)</dt><dd data-testid="lanczos-error"></dd>
          <dt>Fisher-vector products</dt><dd data-testid="matvecs"></dd>
          <dt>tr F exact</dt><dd data-testid="trace-exact"></dd>
          <dt>tr F K-FAC</dt><dd data-testid="trace-kfac"></dd>
          <dt>training loss</dt><dd data-testid="loss"></dd>
          <dt>training accuracy</dt><dd data-testid="accuracy"></dd>
        </dl>
      </div>
    </div>`;
  const q = <T extends Element>(sel: string): T => root.querySelector(sel) as T;
  const plotEl = q<HTMLElement>('#plot');
  const widthSel = q<HTMLSelectElement>('#width');
  const nSel = q<HTMLSelectElement>('#n');
  const stepsInput = q<HTMLInputElement>('#steps');
  const progress = q<HTMLProgressElement>('#progress');
  const stage = q<HTMLElement>('#stage');
  const show = (key: string, v: number, text = v.toPrecision(6)): void => {
    const el = q<HTMLElement>(`[data-testid="${key}"]`);
    el.textContent = text;
    el.dataset['value'] = String(v);
  };

  /** The spectrum chart; with no result, its empty axes (drawn at once while the worker computes). */
  const drawSpectrum = (r: SpectrumResult | undefined): void => {
    const top = r === undefined ? 1 : Math.max(r.exact[0]!, r.kfac[0]!);
    const exact = r === undefined ? [] : visible(r.exact, top);
    const kfac = r === undefined ? [] : visible(r.kfac, top);
    const lz = r === undefined ? [] : Array.from(r.lanczos, (value, i) => ({ rank: i + 1, value }));
    plotEl.replaceChildren(
      Plot.plot({
        width: 640,
        height: 360,
        x: { type: 'log', label: 'eigenvalue index (largest first)', domain: [1, r?.dim ?? 400] },
        y: {
          type: 'log',
          label: 'eigenvalue',
          grid: true,
          ...(r === undefined ? { domain: [1e-12, 10] } : {}),
        },
        marks: [
          Plot.line(exact, { x: 'rank', y: 'value', stroke: '#8a93b5', strokeWidth: 2 }),
          Plot.line(kfac, { x: 'rank', y: 'value', stroke: '#e4572e', strokeWidth: 2 }),
          Plot.dot(lz, { x: 'rank', y: 'value', stroke: '#3b4d8f', r: 3.5, strokeWidth: 1.5 }),
        ],
      }),
    );
  };

  /** Draws the three plots, one per task, so that no main-thread task is long. */
  const draw = async (r: SpectrumResult): Promise<void> => {
    drawSpectrum(r);
    await nextTask();
    const points = Array.from(r.predicted, (c, i) => ({ x: r.data.x[2 * i]!, y: r.data.x[2 * i + 1]!, c }));
    q<HTMLElement>('#regions').replaceChildren(
      Plot.plot({
        width: 250,
        height: 220,
        x: { domain: [-1.2, 1.2], label: null, ticks: 3 },
        y: { domain: [-1.2, 1.2], label: null, ticks: 3 },
        color: { type: 'ordinal', domain: [0, 1, 2], range: CLASS_COLORS },
        marks: [Plot.dot(points, { x: 'x', y: 'y', fill: 'c', r: 1.8 })],
      }),
    );
    await nextTask();
    q<HTMLElement>('#losses').replaceChildren(
      Plot.plot({
        width: 300,
        height: 220,
        x: { label: 'K-FAC step', domain: [0, Math.max(1, r.losses.length - 1)] },
        y: { label: 'training loss', domain: [0, Math.max(...r.losses) * 1.05] },
        marks: [
          Plot.line(
            r.losses.map((l, i) => ({ i, l })),
            { x: 'i', y: 'l', stroke: '#3b4d8f', strokeWidth: 2 },
          ),
          Plot.dot(
            r.losses.map((l, i) => ({ i, l })),
            { x: 'i', y: 'l', fill: '#3b4d8f', r: 2 },
          ),
          Plot.ruleY([0]),
        ],
      }),
    );
  };

  drawSpectrum(undefined);
  let worker: Worker | undefined;
  const run = (): void => {
    worker?.terminate();
    widthSel.value = String(width);
    nSel.value = String(n);
    stepsInput.value = String(steps);
    writeParams({ fig: 'fisher-spectrum', width: String(width), n: String(n), steps: String(steps) });
    progress.value = 0;
    stage.textContent = 'starting…';
    root.dataset['computing'] = 'true';
    const w = new Worker(new URL('./fisher-spectrum-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.onmessage = (ev: MessageEvent<SpectrumMessage>) => {
      const m = ev.data;
      if (m.type === 'progress') {
        progress.value = m.fraction;
        stage.textContent = m.stage;
        return;
      }
      const r = m.result;
      progress.value = 1;
      stage.textContent = `done: ${r.dim} parameters`;
      show('dim', r.dim, String(r.dim));
      show('lanczos-top', r.lanczos[0]!);
      show('exact-top', r.exact[0]!);
      show('kfac-top', r.kfac[0]!);
      show('lanczos-error', r.lanczosError, r.lanczosError.toExponential(2));
      show('matvecs', r.lanczosMatvecs, `${r.lanczosMatvecs}${r.lanczosConverged ? '' : ' (not converged)'}`);
      show('trace-exact', r.traceExact);
      show('trace-kfac', r.traceKfac);
      show('loss', r.losses[r.losses.length - 1]!, r.losses[r.losses.length - 1]!.toPrecision(4));
      show('accuracy', r.accuracy, r.accuracy.toFixed(3));
      w.terminate();
      void draw(r).then(() => {
        if (worker === w) {
          worker = undefined;
          root.dataset['computing'] = 'false';
        }
      });
    };
    w.postMessage({ width, n, steps } satisfies SpectrumOptions);
  };
  widthSel.addEventListener('change', () => {
    width = Number(widthSel.value);
    run();
  });
  nSel.addEventListener('change', () => {
    n = Number(nSel.value);
    run();
  });
  stepsInput.addEventListener('change', () => {
    const v = Number(stepsInput.value);
    if (Number.isInteger(v) && v >= 0 && v <= 100) {
      steps = v;
      run();
    }
  });
  run();
}
