import { readParam, writeParams } from '../url-state.js';
import { DATASETS, isDataset } from './dimred-data.js';
import { drawScatter, type PointColours, pointColours, scatterCanvas } from './dimred-scatter.js';
import {
  PLAYGROUND_DEFAULTS,
  PLAYGROUND_RANGES,
  type PlaygroundMethod,
  type PlaygroundParams,
} from './embedding-playground-compute.js';
import type { PlaygroundMessage, PlaygroundRequest } from './embedding-playground-worker.js';
import { PlaygroundComputing } from './playground-computing.js';

type NumericKey = keyof typeof PLAYGROUND_RANGES;

/** The numeric controls: URL key = parameter name, label, step, and which method uses it. */
const CONTROLS: readonly { key: NumericKey; label: string; step: string; method?: PlaygroundMethod }[] = [
  { key: 'perplexity', label: 'perplexity', step: '1', method: 'tsne' },
  { key: 'learningRate', label: 'learning rate (0 = auto)', step: '10', method: 'tsne' },
  { key: 'exaggeration', label: 'early exaggeration', step: '1', method: 'tsne' },
  { key: 'theta', label: 'Barnes–Hut θ (0 = exact)', step: '0.1', method: 'tsne' },
  { key: 'nNeighbors', label: 'n_neighbors', step: '1', method: 'umap' },
  { key: 'minDist', label: 'min_dist', step: '0.05', method: 'umap' },
  { key: 'spread', label: 'spread', step: '0.1', method: 'umap' },
  { key: 'negativeSampleRate', label: 'negative sample rate', step: '1', method: 'umap' },
  { key: 'iterations', label: 'iterations', step: '50' },
  { key: 'seed', label: 'seed', step: '1' },
];
const SIZES = [300, 500, 1000, 1500, 2000];

function inRange(key: NumericKey, v: number): boolean {
  const [lo, hi, integer] = PLAYGROUND_RANGES[key];
  return Number.isFinite(v) && v >= lo && v <= hi && (!integer || Number.isInteger(v));
}

function readState(): PlaygroundParams {
  const method = readParam('method') === 'umap' ? 'umap' : 'tsne';
  const dataParam = readParam('data');
  const p: Record<string, unknown> = {
    ...PLAYGROUND_DEFAULTS,
    method,
    iterations: method === 'umap' ? 500 : 1000,
    data: isDataset(dataParam) ? dataParam : PLAYGROUND_DEFAULTS.data,
  };
  for (const key of Object.keys(PLAYGROUND_RANGES) as NumericKey[]) {
    const raw = readParam(key);
    if (raw !== null && inRange(key, Number(raw))) p[key] = Number(raw);
  }
  if (!SIZES.includes(p['n'] as number)) p['n'] = PLAYGROUND_DEFAULTS.n;
  return p as unknown as PlaygroundParams;
}

/**
 * Figure 6: t-SNE and UMAP step by step in a Web Worker, with play / pause / reset and their hyperparameters;
 * the layout streams to the page (≤ 20 redraws per second) with the iteration, KL and trustworthiness.
 */
export function mount(root: HTMLElement): void {
  let params = readState();
  const autoplay = readParam('autoplay') === '1';
  root.innerHTML = `
    <h2>t-SNE / UMAP playground</h2>
    <p class="caption">The optimisation of t-SNE (KL divergence between Gaussian input and Student-t output
    affinities, early exaggeration for the first 250 iterations) or UMAP (fuzzy-graph cross-entropy by SGD from a
    spectral start) runs one iteration at a time in a Web Worker; the layout is streamed here as it moves. Colour is
    the true coordinate (or the digit). Trustworthiness T(5) is refreshed every 250 iterations, on pause and at the end;
    t-SNE reports its KL divergence when the run ends.</p>
    <div class="figure">
      <div class="pg-view"><div id="pg-plot"></div><div id="pg-legend"></div></div>
      <div class="panel pg-panel">
        <label>method <select id="method"><option value="tsne">t-SNE</option><option value="umap">UMAP</option></select></label>
        <label>data <select id="data">${Object.entries(DATASETS)
          .map(([key, v]) => `<option value="${key}">${v.label}</option>`)
          .join('')}</select></label>
        <label>points n <select id="n">${SIZES.map((s) => `<option value="${s}">${s}</option>`).join('')}</select></label>
        <div class="pg-buttons">
          <button type="button" id="play">▶ play</button>
          <button type="button" id="pause">❚❚ pause</button>
          <button type="button" id="reset">↺ reset</button>
          <button type="button" id="export" title="download the current layout as CSV">⤓ CSV</button>
        </div>
        <label>progress <progress id="progress" max="1" value="0"></progress></label>
        <p class="pg-stage" id="stage"></p>
        <dl class="readout">
          <dt>iteration</dt><dd><span data-testid="iteration">0</span> / <span id="total"></span></dd>
          <dt data-method="tsne">KL(P‖Q) at the end</dt><dd data-method="tsne" data-testid="kl">–</dd>
          <dt>trustworthiness T(5)</dt><dd data-testid="trustworthiness">–</dd>
          <dt>… at iteration</dt><dd data-testid="score-iteration">–</dd>
        </dl>
        ${CONTROLS.map(
          (c) =>
            `<label${c.method === undefined ? '' : ` data-method="${c.method}"`}>${c.label} <input type="number" id="${c.key}" min="${PLAYGROUND_RANGES[c.key][0]}" max="${PLAYGROUND_RANGES[c.key][1]}" step="${c.step}" /></label>`,
        ).join('')}
      </div>
    </div>`;
  const $ = <T extends HTMLElement>(sel: string): T => root.querySelector(sel) as T;
  const methodSelect = $<HTMLSelectElement>('#method');
  const dataSelect = $<HTMLSelectElement>('#data');
  const nSelect = $<HTMLSelectElement>('#n');
  const progress = $<HTMLProgressElement>('#progress');
  const stage = $('#stage');
  const canvas = scatterCanvas(700, 440, 'embedding');
  $('#pg-plot').append(canvas);
  const show = (key: string, v: number, digits = 6): void => {
    const el = $(`[data-testid="${key}"]`);
    el.textContent = Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : v.toPrecision(digits)) : '–';
    el.dataset['value'] = String(v);
  };

  let worker: Worker | undefined;
  let colours: PointColours | undefined;
  let playing = false;
  let failed = false;
  const state = new PlaygroundComputing();
  const showComputing = (): void => {
    root.dataset['computing'] = String(state.computing);
  };
  let pending: { layout: Float64Array; iteration: number } | undefined;
  let colourValues: Float64Array = new Float64Array(0);
  let drawScheduled = false;
  const title = (): string => (params.method === 'tsne' ? 't-SNE' : 'UMAP');
  // Frames arrive at most every 50 ms; drawing waits for the next animation frame and keeps only the latest.
  const scheduleDraw = (): void => {
    if (drawScheduled) return;
    drawScheduled = true;
    requestAnimationFrame(() => {
      drawScheduled = false;
      if (pending === undefined) return;
      drawScatter(
        canvas,
        pending.layout,
        colours?.colours ?? [],
        `${title()} · iteration ${pending.iteration}`,
      );
    });
  };
  const send = (m: PlaygroundRequest): void => worker?.postMessage(m);

  const syncControls = (): void => {
    methodSelect.value = params.method;
    dataSelect.value = params.data;
    nSelect.value = String(params.n);
    for (const c of CONTROLS) ($(`#${c.key}`) as HTMLInputElement).value = String(params[c.key]);
    for (const el of root.querySelectorAll<HTMLElement>('[data-method]'))
      el.hidden = el.dataset['method'] !== params.method;
    const url: Record<string, string> = {
      fig: 'embedding-playground',
      method: params.method,
      data: params.data,
    };
    for (const c of CONTROLS)
      if (c.method === undefined || c.method === params.method) url[c.key] = String(params[c.key]);
    url['n'] = String(params.n);
    writeParams(url);
  };

  const reset = (play: boolean): void => {
    worker?.terminate();
    syncControls();
    playing = play;
    pending = undefined;
    progress.value = 0;
    show('iteration', 0);
    $('#total').textContent = String(params.iterations);
    for (const key of ['kl', 'trustworthiness', 'score-iteration']) {
      const el = $(`[data-testid="${key}"]`);
      el.textContent = '…';
      delete el.dataset['value'];
    }
    failed = false;
    state.reset();
    showComputing();
    drawScatter(canvas, new Float64Array(0), [], `${title()}: preparing…`);
    const w = new Worker(new URL('./embedding-playground-worker.ts', import.meta.url), { type: 'module' });
    worker = w;
    w.onmessage = (ev: MessageEvent<PlaygroundMessage>) => {
      if (w !== worker) return;
      const m = ev.data;
      if (m.type === 'progress') {
        progress.value = m.fraction;
        stage.textContent = m.stage;
      } else if (m.type === 'data') {
        colourValues = m.colour;
        colours = pointColours(m.colour, m.categorical, DATASETS[params.data].colourLabel);
        $('#pg-legend').replaceChildren(colours.legend);
      } else if (m.type === 'frame') {
        playing = m.playing;
        state.frame(m.playing);
        progress.value = m.iteration / m.total;
        stage.textContent = m.done ? 'finished' : m.playing ? 'running' : 'paused';
        show('iteration', m.iteration);
        $('#total').textContent = String(m.total);
        pending = { layout: m.layout, iteration: m.iteration };
        scheduleDraw();
        showComputing();
      } else if (m.type === 'scores') {
        show('trustworthiness', m.trustworthiness);
        show('kl', m.kl);
        show('score-iteration', m.iteration);
        state.scores();
        showComputing();
      } else {
        stage.textContent = `failed: ${m.message}`;
        playing = false;
        failed = true;
        state.failed();
        showComputing();
      }
    };
    w.postMessage({
      type: 'init',
      params,
      digitsUrl: new URL('digits.bin', document.baseURI).href,
      play,
    } satisfies PlaygroundRequest);
  };

  $('#play').addEventListener('click', () => {
    playing = true;
    state.play();
    showComputing();
    send({ type: 'play' });
  });
  $('#pause').addEventListener('click', () => {
    playing = false;
    // the worker answers a pause with a paused frame and its scores; until then the page is computing
    state.pause(worker !== undefined && !failed);
    showComputing();
    send({ type: 'pause' });
  });
  $('#reset').addEventListener('click', () => reset(false));
  // The layout on screen, at full precision, with the colour value of each point.
  $('#export').addEventListener('click', () => {
    if (pending === undefined) return;
    const { layout, iteration } = pending;
    const rows = ['x,y,colour'];
    for (let i = 0; i < layout.length / 2; i++)
      rows.push(`${layout[2 * i]},${layout[2 * i + 1]},${colourValues[i] ?? ''}`);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([`${rows.join('\n')}\n`], { type: 'text/csv' }));
    a.download = `${params.method}-${params.data}-n${params.n}-iteration${iteration}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  const change = (next: Partial<PlaygroundParams>): void => {
    params = { ...params, ...next };
    reset(playing);
  };
  methodSelect.addEventListener('change', () => {
    const method = methodSelect.value === 'umap' ? 'umap' : 'tsne';
    change({ method, iterations: method === 'umap' ? 500 : 1000 });
  });
  dataSelect.addEventListener('change', () => {
    if (isDataset(dataSelect.value)) change({ data: dataSelect.value });
  });
  nSelect.addEventListener('change', () => change({ n: Number(nSelect.value) }));
  for (const c of CONTROLS) {
    const input = $(`#${c.key}`) as HTMLInputElement;
    input.addEventListener('change', () => {
      const v = Number(input.value);
      // a second 'change' for the same value (e.g. on blur after a scripted change) must not reset the run
      if (v === params[c.key]) return;
      if (inRange(c.key, v)) change({ [c.key]: v });
      else input.value = String(params[c.key]);
    });
  }
  reset(autoplay);
}
