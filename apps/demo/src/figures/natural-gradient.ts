import * as Plot from '@observablehq/plot';
import { readNumbers, readParam, writeParams } from '../url-state.js';
import {
  CHART_IDS,
  CHARTS,
  type Chart,
  type ChartId,
  MLE,
  type MuSigma,
  type NaturalGradientPaths,
  nll,
  OPTIMIZER_IDS,
  type OptimizerId,
  toChart,
} from './natural-gradient-paths.js';
import type { NaturalGradientMessage, NaturalGradientRequest } from './natural-gradient-worker.js';

const MU: [number, number] = [-3, 5];
const SIGMA: [number, number] = [0.25, 4.5];
/** Vertical domain of each chart (the precision chart stops at τ = 2.5, i.e. σ ≥ 0.63). */
const Y_DOMAIN: Record<ChartId, [number, number]> = {
  sigma: [0.2, 4.5],
  logsigma: [Math.log(0.2), Math.log(4.5)],
  precision: [0, 2.5],
};
const COLOR: Record<OptimizerId, string> = { natural: '#3b4d8f', gd: '#e4572e', adam: '#29a36a' };
const NAME: Record<OptimizerId, string> = {
  natural: 'natural gradient',
  gd: 'gradient descent',
  adam: 'Adam',
};
const DASH: Record<ChartId, string> = { sigma: 'none', logsigma: '7,4', precision: '2,3' };
const GRID = 48;
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Scaled = Plot.Scale & { invert: (v: number) => number; apply: (v: number) => number };

/** The contour levels: log₁₀ of the excess negative log-likelihood over its minimum, on a grid per chart. */
function contourGrid(chart: Chart): Float64Array {
  const [y1, y2] = Y_DOMAIN[chart.id];
  const best = nll([MLE.mu, MLE.sigma]);
  const v = new Float64Array(GRID * GRID);
  for (let j = 0; j < GRID; j++)
    for (let i = 0; i < GRID; i++) {
      const mu = MU[0] + ((i + 0.5) * (MU[1] - MU[0])) / GRID;
      const y = y1 + ((j + 0.5) * (y2 - y1)) / GRID;
      const sigma = chart.toSigma(y);
      v[j * GRID + i] = sigma > 0 ? Math.log10(Math.max(nll([mu, sigma]) - best, 1e-6)) : Number.NaN;
    }
  return v;
}

/** Figure 1: natural gradient, gradient descent and Adam on the normal MLE in three parameterisations. */
export function mount(root: HTMLElement): void {
  let start = readNumbers('start', [3.5, 3]) as unknown as MuSigma;
  let step = Number(readParam('step') ?? '0.1');
  if (!(step >= 0.01 && step <= 1)) step = 0.1;
  let iterations = Number(readParam('iter') ?? '40');
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 200)) iterations = 40;
  const clamp = (p: readonly number[]): MuSigma => [
    Math.min(MU[1], Math.max(MU[0], p[0]!)),
    Math.min(SIGMA[1], Math.max(SIGMA[0], p[1]!)),
  ];
  start = clamp(start);

  root.innerHTML = `
    <h2>Natural gradient vs gradient descent vs Adam</h2>
    <p class="caption">Maximum likelihood for N(μ, σ) on 40 fixed draws. Each optimiser runs separately in each parameterisation
    — (μ, σ), (μ, log σ), (μ, τ = 1/σ²) — and every run is drawn in every chart (line style = where it ran; contours:
    negative log-likelihood). The natural-gradient <em>flow</em> (black) is the same curve whichever chart computes it.
    Discrete natural-gradient steps (blue) differ between charts only at second order in α (these maps are not affine),
    so they nearly coincide for small α and come apart for large α; gradient descent and Adam differ at first order.
    Drag the start (any chart).</p>
    <div class="ng-charts">${CHART_IDS.map((c) => `<div class="ng-chart" data-chart="${c}"></div>`).join('')}</div>
    <div class="ng-bottom">
      <div class="panel">
        <label>step α <span class="ng-slider"><input type="range" id="step" min="0.01" max="1" step="0.01" />
          <output id="step-out"></output></span></label>
        <label>iterations <input type="number" id="iterations" min="1" max="200" step="1" /></label>
        <label>start (μ, σ) <output id="start-out"></output></label>
        <label>progress <progress id="progress" max="1" value="0"></progress></label>
      </div>
      <table class="ng-table">
        <caption>final KL(p̂<sub>MLE</sub> ‖ p), by the chart each optimiser ran in</caption>
        <thead><tr><th></th>${CHART_IDS.map((c) => `<th>(μ, ${CHARTS[c].label})</th>`).join('')}</tr></thead>
        <tbody>${OPTIMIZER_IDS.map(
          (o) =>
            `<tr><th style="color:${COLOR[o]}">${NAME[o]}</th>${CHART_IDS.map(
              (c) => `<td data-testid="kl-${o}-${c}"></td>`,
            ).join('')}</tr>`,
        ).join('')}</tbody>
      </table>
      <div>
        <div class="ng-legend">${OPTIMIZER_IDS.map(
          (o) => `<span><i style="background:${COLOR[o]}"></i>${NAME[o]}</span>`,
        ).join('')}<span><i style="background:#111"></i>natural-gradient flow</span>
        <span>ran in: ── (μ, σ) &nbsp;‒ ‒ (μ, log σ) &nbsp;··· (μ, τ)</span></div>
        <dl class="readout ng-gaps">
          <dt>max (μ, σ) gap between the 3 flows</dt><dd data-testid="gap-flow"></dd>
          <dt>… between the 3 natural-gradient paths</dt><dd data-testid="gap-natural"></dd>
          <dt>… between the 3 gradient-descent paths</dt><dd data-testid="gap-gd"></dd>
        </dl>
      </div>
    </div>
    <p class="ng-note" id="note"></p>
    </div>`;

  const q = <T extends Element>(sel: string): T => root.querySelector(sel) as T;
  const slider = q<HTMLInputElement>('#step');
  const stepOut = q<HTMLOutputElement>('#step-out');
  const iterInput = q<HTMLInputElement>('#iterations');
  const startOut = q<HTMLOutputElement>('#start-out');
  const progress = q<HTMLProgressElement>('#progress');
  const note = q<HTMLParagraphElement>('#note');
  const grids = Object.fromEntries(CHART_IDS.map((c) => [c, contourGrid(CHARTS[c])])) as Record<
    ChartId,
    Float64Array
  >;
  const plots = {} as Record<ChartId, (SVGSVGElement | HTMLElement) & Plot.Plot>;
  let result: NaturalGradientPaths | undefined;

  const fmt = (v: number): string => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));
  const show = (key: string, v: number, text = v.toPrecision(4)): void => {
    const el = q<HTMLElement>(`[data-testid="${key}"]`);
    el.textContent = text;
    el.dataset['value'] = String(v);
  };

  const drawChart = (c: ChartId): void => {
    {
      const chart = CHARTS[c];
      const [y1, y2] = Y_DOMAIN[c];
      const inChart = (p: MuSigma): [number, number] => toChart(chart, p);
      const marks: Plot.Markish[] = [
        Plot.contour(grids[c], {
          width: GRID,
          height: GRID,
          x1: MU[0],
          x2: MU[1],
          y1,
          y2,
          value: Plot.identity,
          thresholds: [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1],
          stroke: '#c9ccd6',
          fill: 'none',
          clip: true,
        }),
        Plot.frame({ stroke: '#ccc' }),
      ];
      if (result !== undefined) {
        const flow = result.flows[c].map(inChart);
        if (flow.length > 0) marks.push(Plot.line(flow, { stroke: '#111', strokeWidth: 1.2, clip: true }));
        for (const r of result.runs) {
          const pts = r.path.map(inChart);
          marks.push(
            Plot.line(pts, {
              stroke: COLOR[r.optimizer],
              strokeWidth: r.chart === c ? 2 : 1.4,
              strokeDasharray: DASH[r.chart],
              strokeOpacity: 0.9,
              clip: true,
            }),
          );
          if (r.chart === c)
            marks.push(Plot.dot(pts.slice(1), { r: 1.8, fill: COLOR[r.optimizer], clip: true }));
        }
      }
      marks.push(
        Plot.dot([inChart([MLE.mu, MLE.sigma])], { r: 5, symbol: 'star', fill: '#111' }),
        Plot.dot([inChart(start)], { r: 6.5, fill: '#f2b134', stroke: '#111', strokeWidth: 1.2, clip: true }),
      );
      const svg = Plot.plot({
        width: 340,
        height: 262,
        marginLeft: 44,
        x: { domain: MU, label: 'μ' },
        y: { domain: [y1, y2], label: chart.label },
        marks,
      }) as (typeof plots)[ChartId];
      plots[c] = svg;
      q<HTMLElement>(`[data-chart="${c}"]`).replaceChildren(svg);
    }
  };
  // Each chart is drawn in its own task, and a newer draw supersedes an older one (dragging stays fluid).
  let drawGeneration = 0;
  const draw = async (): Promise<boolean> => {
    const generation = ++drawGeneration;
    for (const c of CHART_IDS) {
      await nextTask();
      if (generation !== drawGeneration) return false;
      drawChart(c);
    }
    return true;
  };

  const showResult = (r: NaturalGradientPaths): void => {
    const notes: string[] = [];
    for (const run of r.runs) {
      const key = `kl-${run.optimizer}-${run.chart}`;
      const stopped = run.stopped !== undefined ? ` † ${run.iterations}` : '';
      show(key, run.finalKl, `${fmt(run.finalKl)}${stopped}`);
      if (run.stopped !== undefined)
        notes.push(
          `${NAME[run.optimizer]} in (μ, ${CHARTS[run.chart].label}) stopped after ${run.iterations} steps: ${
            run.stopped === 'left-domain'
              ? 'the next step left the parameter space'
              : 'σ grew until the Fisher was singular'
          }`,
        );
    }
    show('gap-flow', r.flowGap, r.flowGap.toExponential(2));
    const gap = (v: number): string => (Number.isNaN(v) ? '— (†)' : v.toExponential(2));
    show('gap-natural', r.naturalGap, gap(r.naturalGap));
    show('gap-gd', r.gdGap, gap(r.gdGap));
    note.textContent = notes.length > 0 ? `† ${notes.join('; ')}.` : '';
  };

  // One worker; while it computes, only the latest requested state waits (dragging coalesces).
  const worker = new Worker(new URL('./natural-gradient-worker.ts', import.meta.url), { type: 'module' });
  let nextId = 0;
  let busy = false;
  let pending: NaturalGradientRequest | undefined;
  const send = (req: NaturalGradientRequest): void => {
    busy = true;
    root.dataset['computing'] = 'true';
    progress.value = 0;
    worker.postMessage(req);
  };
  worker.onmessage = (ev: MessageEvent<NaturalGradientMessage>) => {
    const m = ev.data;
    if (m.type === 'progress') {
      progress.value = m.fraction;
      return;
    }
    busy = false;
    if (pending !== undefined) {
      const p = pending;
      pending = undefined;
      send(p);
      return;
    }
    result = m.result;
    progress.value = 1;
    showResult(m.result);
    void draw().then((complete) => {
      if (complete && !busy) root.dataset['computing'] = 'false';
    });
  };

  const update = (): void => {
    slider.value = String(step);
    stepOut.textContent = step.toFixed(2);
    iterInput.value = String(iterations);
    startOut.textContent = `(${start[0].toFixed(2)}, ${start[1].toFixed(2)})`;
    writeParams({ fig: 'natural-gradient', start, step: String(step), iter: String(iterations) });
    void draw();
    const req: NaturalGradientRequest = { id: ++nextId, start, step, iterations };
    if (busy) {
      pending = req;
      root.dataset['computing'] = 'true';
    } else send(req);
  };

  // Dragging: press anywhere in a chart's plotting area to move the start there, then drag.
  let dragging: ChartId | undefined;
  const toStart = (c: ChartId, ev: PointerEvent): MuSigma | undefined => {
    const svg = plots[c];
    if (svg === undefined) return undefined;
    const rect = (svg as Element).getBoundingClientRect();
    const sx = svg.scale('x') as Scaled;
    const sy = svg.scale('y') as Scaled;
    const mu = sx.invert(ev.clientX - rect.left);
    const y = sy.invert(ev.clientY - rect.top);
    const [ylo, yhi] = Y_DOMAIN[c];
    const sigma = CHARTS[c].toSigma(Math.min(yhi, Math.max(ylo, y)));
    return Number.isFinite(sigma) ? clamp([mu, sigma]) : undefined;
  };
  for (const c of CHART_IDS) {
    const el = q<HTMLElement>(`[data-chart="${c}"]`);
    el.addEventListener('pointerdown', (ev) => {
      const p = toStart(c, ev);
      if (p === undefined) return;
      dragging = c;
      el.setPointerCapture(ev.pointerId);
      start = p;
      update();
    });
    el.addEventListener('pointermove', (ev) => {
      if (dragging !== c) return;
      const p = toStart(c, ev);
      if (p === undefined) return;
      start = p;
      update();
    });
    el.addEventListener('pointerup', () => {
      dragging = undefined;
    });
  }
  slider.addEventListener('input', () => {
    step = Number(slider.value);
    update();
  });
  iterInput.addEventListener('change', () => {
    const v = Number(iterInput.value);
    if (Number.isInteger(v) && v >= 1 && v <= 200) {
      iterations = v;
      update();
    }
  });
  update();
}
