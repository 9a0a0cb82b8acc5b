import * as Plot from '@observablehq/plot';

/** Colours for the points of a data set: a sequential scale of the true coordinate, or one colour per digit. */
export interface PointColours {
  /** CSS colour of each point. */
  readonly colours: string[];
  /** A legend (SVG or HTML element from Plot.legend). */
  readonly legend: Element;
}

/** Colours `values`: categorical (digit labels, tableau10) or sequential (turbo over the value range). */
export function pointColours(values: Float64Array, categorical: boolean, label: string): PointColours {
  if (categorical) {
    const domain = [...new Set(values)].sort((a, b) => a - b);
    const options = { type: 'categorical' as const, scheme: 'tableau10' as const, domain, label };
    const scale = Plot.scale({ color: options });
    return {
      colours: Array.from(values, (v) => String(scale.apply(v))),
      legend: Plot.legend({ color: options }) as Element,
    };
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const options = { type: 'linear' as const, scheme: 'turbo' as const, domain: [lo, hi], label };
  const scale = Plot.scale({ color: options });
  return {
    colours: Array.from(values, (v) => String(scale.apply(v))),
    legend: Plot.legend({ color: options, width: 260 }) as Element,
  };
}

/** A canvas of fixed CSS size, sharp on high-density screens. */
export function scatterCanvas(width: number, height: number, label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  return canvas;
}

/**
 * Draws n points (x, y interleaved in `xy`, or the order given by `order`) into `canvas`, scaled to fit with
 * equal aspect ratio, each a small disc of its colour, with a frame and a title.
 */
export function drawScatter(
  canvas: HTMLCanvasElement,
  xy: Float64Array,
  colours: readonly string[],
  title: string,
  order?: Int32Array,
): void {
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  const ratio = canvas.width / Number.parseFloat(canvas.style.width || String(canvas.width));
  const w = canvas.width / ratio;
  const h = canvas.height / ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#ccd';
  ctx.strokeRect(0.5, 0.5, w - 1, h - 1);
  ctx.fillStyle = '#1d2433';
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillText(title, 8, 17);
  const n = xy.length / 2;
  if (n === 0) return;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, xy[2 * i]!);
    x1 = Math.max(x1, xy[2 * i]!);
    y0 = Math.min(y0, xy[2 * i + 1]!);
    y1 = Math.max(y1, xy[2 * i + 1]!);
  }
  const pad = 14;
  const top = 26;
  const span = Math.max(x1 - x0, y1 - y0, 1e-12);
  const s = Math.min(
    (w - 2 * pad) / Math.max(x1 - x0, span * 1e-3),
    (h - top - pad) / Math.max(y1 - y0, span * 1e-3),
  );
  const cx = (w - s * (x1 - x0)) / 2;
  const cy = top + (h - top - pad - s * (y1 - y0)) / 2;
  const radius = n > 1500 ? 1.8 : 2.4;
  ctx.globalAlpha = 0.85;
  for (let t = 0; t < n; t++) {
    const i = order === undefined ? t : order[t]!;
    ctx.fillStyle = colours[i] ?? '#888';
    ctx.beginPath();
    // y up, as in a plot
    ctx.arc(cx + s * (xy[2 * i]! - x0), cy + s * (y1 - xy[2 * i + 1]!), radius, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/**
 * Projects n × 3 points orthographically after a rotation by `azimuth` about the vertical (second) axis and
 * a fixed `elevation`; returns the 2-D coordinates and the back-to-front drawing order.
 */
export function project3d(
  points: Float64Array,
  azimuth: number,
  elevation = 0.35,
): { xy: Float64Array; order: Int32Array } {
  const n = points.length / 3;
  const xy = new Float64Array(2 * n);
  const depth = new Float64Array(n);
  const ca = Math.cos(azimuth);
  const sa = Math.sin(azimuth);
  const ce = Math.cos(elevation);
  const se = Math.sin(elevation);
  for (let i = 0; i < n; i++) {
    const x = points[3 * i]!;
    const y = points[3 * i + 1]!;
    const z = points[3 * i + 2]!;
    const u = ca * x + sa * z;
    const w = -sa * x + ca * z;
    xy[2 * i] = u;
    xy[2 * i + 1] = ce * y - se * w;
    depth[i] = se * y + ce * w;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => depth[b]! - depth[a]!);
  return { xy, order };
}
