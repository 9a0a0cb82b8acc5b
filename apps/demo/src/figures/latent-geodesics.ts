import * as Plot from '@observablehq/plot';
import { readNumbers, readParam, writeParams } from '../url-state.js';
import { FRAMES, HEAT_RESOLUTION, LATENT_BOX } from './latent-geodesics-compute.js';
import type { LatentMessage, LatentRequest } from './latent-geodesics-worker.js';

type Point = [number, number];
type Done = Extract<LatentMessage, { type: 'done' }>;
type Scale = Plot.Scale & { apply: (v: number) => number; invert: (v: number) => number };

/** A "0" and a "1": the training digits nearest their class's mean code. */
const DEFAULT_A: Point = [0.06, 2.39];
const DEFAULT_B: Point = [-2, -1.27];
const WIDTH = 380;
const HEIGHT = 450;
const DIGIT_COLOURS = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#79706e',
];
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Heat-map colour ramp, low → high log magnification. */
const HEAT_LOW = [251, 251, 253];
const HEAT_HIGH = [58, 63, 88];
const rgb = (c: readonly number[]): string => `rgb(${c.join(',')})`;

const clamp = (p: Point): Point => [
  Math.min(LATENT_BOX.x[1], Math.max(LATENT_BOX.x[0], p[0])),
  Math.min(LATENT_BOX.y[1], Math.max(LATENT_BOX.y[0], p[1])),
];

/** Draws FRAMES decoded 28×28 means side by side (ink dark on white). */
function drawDigits(canvas: HTMLCanvasElement, images: Float64Array): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const img = ctx.createImageData(28 * FRAMES, 28);
  for (let f = 0; f < FRAMES; f++)
    for (let r = 0; r < 28; r++)
      for (let c = 0; c < 28; c++) {
        const v = Math.round(255 * (1 - Math.min(1, Math.max(0, images[f * 784 + r * 28 + c]!))));
        const o = 4 * (r * 28 * FRAMES + f * 28 + c);
        img.data[o] = v;
        img.data[o + 1] = v;
        img.data[o + 2] = v;
        img.data[o + 3] = 255;
      }
  ctx.putImageData(img, 0, 0);
}

/**
 * Figure 4: the latent plane of a VAE decoder trained on MNIST, with the magnification factor √det G as a heat
 * map, the training codes, and the geodesic of the pullback metric against the straight line, decoded.
 */
export function mount(root: HTMLElement): void {
  let a = clamp(readNumbers('a', DEFAULT_A) as Point);
  let b = clamp(readNumbers('b', DEFAULT_B) as Point);
  let variance = readParam('var') === '1';
  root.innerHTML = `
    <h2>Latent geodesics on a decoder trained on MNIST</h2>
    <p class="caption">The latent plane of a VAE trained on 10,000 MNIST digits (decoder 2 → 64 → 64 → 784,
    <code>@infogeom/pullback/models</code>). Heat map: the magnification factor √det G of the pullback metric
    G = JᵀJ/σ² (log scale); dots: training codes by digit. The <b>geodesic</b> (black) is the shortest path
    under G, the dashed red line linear interpolation. The <b>variance network</b> σ(z) (Arvanitidis et al.
    2018) gives G = J<sub>μ</sub>ᵀJ<sub>μ</sub> + J<sub>σ</sub>ᵀJ<sub>σ</sub>, large off the data. Drag z₀, z₁.</p>
    <div class="lg-figure">
      <div>
        <div class="lg-stage" id="plot" style="width:${WIDTH}px;height:${HEIGHT}px"></div>
        <div class="lg-legend" id="lg-legend"></div>
      </div>
      <div class="panel lg-panel">
        <label class="lg-toggle"><input type="checkbox" id="variance" /> variance network σ(z)</label>
        <label>start z₀ <span><input type="number" step="0.1" id="ax" /> <input type="number" step="0.1" id="ay" /></span></label>
        <label>end z₁ <span><input type="number" step="0.1" id="bx" /> <input type="number" step="0.1" id="by" /></span></label>
        <label>progress <progress id="progress" max="1" value="0"></progress></label>
        <span class="lg-stage-name" id="stage"></span>
        <dl class="readout">
          <dt>geodesic length</dt><dd data-testid="geodesic-length"></dd>
          <dt>straight-line length</dt><dd data-testid="straight-length"></dd>
          <dt>ratio geodesic / straight</dt><dd data-testid="ratio"></dd>
          <dt>solver iterations</dt><dd data-testid="iterations"></dd>
          <dt>converged (residual)</dt><dd data-testid="converged"></dd>
        </dl>
        <div class="lg-rows">
          <div class="lg-row-label">straight line (constant speed under G)</div>
          <canvas id="straight-digits" width="${28 * FRAMES}" height="28"></canvas>
          <div class="lg-row-label">geodesic (constant speed)</div>
          <canvas id="geodesic-digits" width="${28 * FRAMES}" height="28"></canvas>
        </div>
      </div>
    </div>`;
  const plotEl = root.querySelector('#plot') as HTMLElement;
  const legendEl = root.querySelector('#lg-legend') as HTMLElement;
  const toggle = root.querySelector('#variance') as HTMLInputElement;
  const progress = root.querySelector('#progress') as HTMLProgressElement;
  const stageName = root.querySelector('#stage') as HTMLElement;
  const inputs = ['ax', 'ay', 'bx', 'by'].map((id) => root.querySelector(`#${id}`) as HTMLInputElement);
  const straightCanvas = root.querySelector('#straight-digits') as HTMLCanvasElement;
  const geodesicCanvas = root.querySelector('#geodesic-digits') as HTMLCanvasElement;
  const show = (key: string, text: string, value: number): void => {
    const el = root.querySelector(`[data-testid="${key}"]`) as HTMLElement;
    el.textContent = text;
    el.dataset['value'] = String(value);
  };

  const heatmaps = new Map<boolean, Float64Array>();
  let codes: { codes: Float64Array; labels: Uint8Array } | undefined;
  let codesLayer: HTMLCanvasElement | undefined;
  let result: Done | undefined;
  let stale = true;
  // Three layers: a canvas (heat map and codes, cheap to redraw), the axes (Plot, drawn once), the overlay
  // (curves and draggable endpoints). Nothing heavy runs on the main thread.
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  canvas.className = 'lg-canvas';
  const svg = Plot.plot({
    width: WIDTH,
    height: HEIGHT,
    marginLeft: 40,
    marginRight: 12,
    marginTop: 12,
    marginBottom: 36,
    style: { background: 'transparent' },
    x: { domain: [...LATENT_BOX.x], label: 'z₁' },
    y: { domain: [...LATENT_BOX.y], label: 'z₂' },
    marks: [Plot.frame({ stroke: '#bbb' })],
  });
  const sx = svg.scale('x') as Scale;
  const sy = svg.scale('y') as Scale;
  const overlay = document.createElementNS(SVG_NS, 'svg');
  overlay.classList.add('lg-overlay');
  overlay.setAttribute('width', String(WIDTH));
  overlay.setAttribute('height', String(HEIGHT));
  plotEl.replaceChildren(canvas, svg, overlay);

  /** The canvas layer and the legends (redrawn only when the heat map or the codes change). */
  let baseKey = '';
  const renderBase = (): void => {
    const heat = heatmaps.get(variance);
    const key = `${variance}:${heat !== undefined}:${codes !== undefined}`;
    if (key === baseKey) return;
    baseKey = key;
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    legendEl.replaceChildren();
    const r = HEAT_RESOLUTION;
    if (heat !== undefined) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const v of heat)
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      const img = new ImageData(r, r);
      for (let i = 0; i < r; i++)
        for (let j = 0; j < r; j++) {
          const v = heat[i * r + j]!;
          // Grid row i is y increasing; image row 0 is the top.
          const o = 4 * ((r - 1 - i) * r + j);
          const t = Number.isFinite(v) ? (v - lo) / (hi - lo || 1) : 0;
          for (let c = 0; c < 3; c++)
            img.data[o + c] = Math.round(HEAT_LOW[c]! + t * (HEAT_HIGH[c]! - HEAT_LOW[c]!));
          img.data[o + 3] = Number.isFinite(v) ? 255 : 0;
        }
      const tile = document.createElement('canvas');
      tile.width = r;
      tile.height = r;
      tile.getContext('2d')?.putImageData(img, 0, 0);
      // Grid points are pixel centres: the image spans half a cell beyond the box on each side.
      const hx = (LATENT_BOX.x[1] - LATENT_BOX.x[0]) / (r - 1);
      const hy = (LATENT_BOX.y[1] - LATENT_BOX.y[0]) / (r - 1);
      const left = sx.apply(LATENT_BOX.x[0] - hx / 2);
      const top = sy.apply(LATENT_BOX.y[1] + hy / 2);
      ctx.save();
      ctx.beginPath();
      ctx.rect(
        sx.apply(LATENT_BOX.x[0]),
        sy.apply(LATENT_BOX.y[1]),
        sx.apply(LATENT_BOX.x[1]) - sx.apply(LATENT_BOX.x[0]),
        sy.apply(LATENT_BOX.y[0]) - sy.apply(LATENT_BOX.y[1]),
      );
      ctx.clip();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(
        tile,
        left,
        top,
        sx.apply(LATENT_BOX.x[1] + hx / 2) - left,
        sy.apply(LATENT_BOX.y[0] - hy / 2) - top,
      );
      ctx.restore();
      const fmt = (v: number): string => (Math.abs(v) < 0.05 ? 0 : v).toFixed(1);
      legendEl.insertAdjacentHTML(
        'beforeend',
        `<div class="lg-ramp"><span>log₁₀ √det G${variance ? ' (with σ(z))' : ''}</span>
        <span>${fmt(lo)}</span><i style="background:linear-gradient(to right, ${rgb(HEAT_LOW)}, ${rgb(HEAT_HIGH)})"></i><span>${fmt(hi)}</span></div>`,
      );
    }
    if (codes !== undefined) {
      if (codesLayer === undefined) {
        // The codes never change: drawn once into their own canvas, then composited.
        codesLayer = document.createElement('canvas');
        codesLayer.width = WIDTH;
        codesLayer.height = HEIGHT;
        const c = codesLayer.getContext('2d');
        if (c !== null)
          for (let i = 0; i < codes.labels.length; i++) {
            c.fillStyle = DIGIT_COLOURS[codes.labels[i]!]!;
            c.fillRect(
              sx.apply(codes.codes[2 * i]!) - 1.2,
              sy.apply(codes.codes[2 * i + 1]!) - 1.2,
              2.4,
              2.4,
            );
          }
      }
      ctx.globalAlpha = 0.85;
      ctx.drawImage(codesLayer, 0, 0);
      ctx.globalAlpha = 1;
    }
    const digitKey = DIGIT_COLOURS.map((col, d) => `<span><i style="background:${col}"></i>${d}</span>`).join(
      '',
    );
    legendEl.insertAdjacentHTML('beforeend', `<div class="lg-digit-key">codes: ${digitKey}</div>`);
  };

  const el = <K extends keyof SVGElementTagNameMap>(
    tag: K,
    attrs: Record<string, string | number>,
  ): SVGElementTagNameMap[K] => {
    const e = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };

  /** The overlay: straight line, geodesic, frame markers and endpoints (cheap, redrawn while dragging). */
  const renderOverlay = (): void => {
    const path = (pts: ArrayLike<number>): string => {
      let s = '';
      for (let k = 0; k < pts.length / 2; k++)
        s += `${k === 0 ? 'M' : 'L'}${sx.apply(pts[2 * k]!).toFixed(1)},${sy.apply(pts[2 * k + 1]!).toFixed(1)}`;
      return s;
    };
    const children: SVGElement[] = [
      el('path', {
        d: path([...a, ...b]),
        stroke: '#e4572e',
        'stroke-width': 2,
        'stroke-dasharray': '6,4',
        fill: 'none',
      }),
    ];
    if (result !== undefined) {
      const op = stale ? 0.3 : 1;
      const d = path(result.points);
      children.push(el('path', { d, stroke: 'white', 'stroke-width': 5, fill: 'none', opacity: op * 0.8 }));
      children.push(el('path', { d, stroke: '#111', 'stroke-width': 2.5, fill: 'none', opacity: op }));
      if (!stale)
        for (const [pts, col] of [
          [result.straightCodes, '#e4572e'],
          [result.geodesicCodes, '#111'],
        ] as const)
          for (let k = 1; k < FRAMES - 1; k++)
            children.push(
              el('circle', {
                cx: sx.apply(pts[2 * k]!),
                cy: sy.apply(pts[2 * k + 1]!),
                r: 3,
                fill: 'white',
                stroke: col,
                'stroke-width': 1.5,
              }),
            );
    }
    [a, b].forEach((p, i) => {
      children.push(
        el('circle', {
          cx: sx.apply(p[0]),
          cy: sy.apply(p[1]),
          r: 8,
          fill: i === 0 ? '#29a36a' : '#3b4d8f',
          stroke: 'white',
          'stroke-width': 2,
          class: 'lg-handle',
          'data-endpoint': i === 0 ? 'a' : 'b',
        }),
      );
      const t = el('text', { x: sx.apply(p[0]) + 11, y: sy.apply(p[1]) - 9, class: 'lg-handle-label' });
      t.textContent = i === 0 ? 'z₀' : 'z₁';
      children.push(t);
    });
    overlay.replaceChildren(...children);
  };

  const syncInputs = (): void => {
    [a[0], a[1], b[0], b[1]].forEach((v, i) => {
      inputs[i]!.value = String(+v.toFixed(3));
    });
    toggle.checked = variance;
  };

  let worker: Worker | undefined;
  let busy = false;
  let requestId = 0;
  const onMessage = (ev: MessageEvent<LatentMessage>): void => {
    const m = ev.data;
    if (m.type === 'codes') {
      codes = { codes: m.codes, labels: m.labels };
      renderBase();
      renderOverlay();
      return;
    }
    if (m.id !== requestId) return;
    if (m.type === 'progress') {
      progress.value = m.fraction;
      if (stageName.textContent !== m.stage) stageName.textContent = m.stage;
    } else if (m.type === 'heatmap') {
      heatmaps.set(m.variance, m.values);
      if (m.variance === variance) renderBase();
      renderOverlay();
    } else if (m.type === 'error') {
      busy = false;
      stageName.textContent = `error: ${m.message}`;
      root.dataset['computing'] = 'false';
    } else {
      busy = false;
      result = m;
      stale = false;
      progress.value = 1;
      stageName.textContent = `done`;
      show('geodesic-length', m.length.toPrecision(6), m.length);
      show('straight-length', m.straightLength.toPrecision(6), m.straightLength);
      show('ratio', m.ratio.toFixed(4), m.ratio);
      show('iterations', String(m.iterations), m.iterations);
      show(
        'converged',
        `${m.converged ? 'yes' : 'no'} (${m.residual.toExponential(1)})`,
        m.converged ? 1 : 0,
      );
      drawDigits(straightCanvas, m.straightImages);
      drawDigits(geodesicCanvas, m.geodesicImages);
      renderOverlay();
      root.dataset['computing'] = 'false';
    }
  };

  /** Sends the current state to the worker (restarting it when a solve is still running). */
  const compute = (): void => {
    writeParams({ fig: 'latent-geodesics', a, b, var: variance ? '1' : '0' });
    syncInputs();
    if (busy && worker !== undefined) {
      worker.terminate();
      worker = undefined;
    }
    if (worker === undefined) {
      worker = new Worker(new URL('./latent-geodesics-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = onMessage;
    }
    requestId++;
    busy = true;
    stale = true;
    progress.value = 0;
    root.dataset['computing'] = 'true';
    renderBase();
    renderOverlay();
    worker.postMessage({
      id: requestId,
      z0: a,
      z1: b,
      variance,
      heatmap: !heatmaps.has(variance),
    } satisfies LatentRequest);
  };

  // Dragging an endpoint moves it and the straight line live; the geodesic is solved on release.
  let dragging: 0 | 1 | undefined;
  const toData = (ev: PointerEvent): Point => {
    const rect = overlay.getBoundingClientRect();
    return clamp([sx.invert(ev.clientX - rect.left), sy.invert(ev.clientY - rect.top)]);
  };
  overlay.addEventListener('pointerdown', (ev) => {
    const rect = overlay.getBoundingClientRect();
    const dist = (p: Point): number =>
      Math.hypot(sx.apply(p[0]) - (ev.clientX - rect.left), sy.apply(p[1]) - (ev.clientY - rect.top));
    const da = dist(a);
    const db = dist(b);
    if (Math.min(da, db) > 16) return;
    dragging = da <= db ? 0 : 1;
    overlay.setPointerCapture(ev.pointerId);
  });
  overlay.addEventListener('pointermove', (ev) => {
    if (dragging === undefined) return;
    if (dragging === 0) a = toData(ev);
    else b = toData(ev);
    stale = true;
    syncInputs();
    renderOverlay();
  });
  const release = (): void => {
    if (dragging === undefined) return;
    dragging = undefined;
    compute();
  };
  overlay.addEventListener('pointerup', release);
  overlay.addEventListener('pointercancel', release);
  for (const input of inputs)
    input.addEventListener('change', () => {
      const v = inputs.map((i) => Number(i.value));
      if (!v.every(Number.isFinite)) return;
      a = clamp([v[0]!, v[1]!]);
      b = clamp([v[2]!, v[3]!]);
      compute();
    });
  toggle.addEventListener('change', () => {
    variance = toggle.checked;
    compute();
  });
  compute();
}
