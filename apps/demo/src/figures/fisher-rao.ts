import * as Plot from '@observablehq/plot';
import { readNumbers, writeParams } from '../url-state.js';
import { metricEllipse, normalGeometry, type Point } from './normal-geometry.js';

const X_DOMAIN: [number, number] = [-4, 4];
const Y_DOMAIN: [number, number] = [0, 4];
const MIN_SIGMA = 0.05;

/** Figure 2: the half-plane of N(μ, σ) with metric ellipses, two draggable points, geodesic vs straight line. */
export function mount(root: HTMLElement): void {
  let p = readNumbers('p', [-2, 1]) as unknown as Point;
  let q = readNumbers('q', [2, 1]) as unknown as Point;
  root.innerHTML = `
    <h2>The Fisher–Rao geometry of N(μ, σ)</h2>
    <p class="caption">The Fisher metric ds² = (dμ² + 2dσ²)/σ² makes the (μ, σ) half-plane hyperbolic: unit balls
    (grey ellipses) shrink towards σ = 0, and the shortest path between two normals (the geodesic, blue) bows
    up to larger σ, where moving the mean is cheaper than along the straight line (dashed). Drag the points.</p>
    <div class="figure">
      <div id="plot"></div>
      <div class="panel">
        <label>μ₁ <input type="number" step="0.1" id="mu1" /></label>
        <label>σ₁ <input type="number" step="0.1" min="${MIN_SIGMA}" id="sigma1" /></label>
        <label>μ₂ <input type="number" step="0.1" id="mu2" /></label>
        <label>σ₂ <input type="number" step="0.1" min="${MIN_SIGMA}" id="sigma2" /></label>
        <dl class="readout">
          <dt>Fisher–Rao distance</dt><dd data-testid="fisher-rao"></dd>
          <dt>Euclidean distance</dt><dd data-testid="euclidean"></dd>
          <dt>KL(p ‖ q)</dt><dd data-testid="kl-pq"></dd>
          <dt>KL(q ‖ p)</dt><dd data-testid="kl-qp"></dd>
        </dl>
      </div>
    </div>`;
  const plotEl = root.querySelector('#plot') as HTMLElement;
  const inputs = ['mu1', 'sigma1', 'mu2', 'sigma2'].map(
    (id) => root.querySelector(`#${id}`) as HTMLInputElement,
  );
  const ellipses = [-3, -1.5, 0, 1.5, 3].flatMap((mu) =>
    [0.5, 1.2, 2.4].map((sigma) => metricEllipse([mu, sigma], 0.28)),
  );

  let svg: (SVGSVGElement | HTMLElement) & Plot.Plot;
  const show = (key: string, v: number): void => {
    const el = root.querySelector(`[data-testid="${key}"]`) as HTMLElement;
    el.textContent = v.toPrecision(6);
    el.dataset['value'] = String(v);
  };

  const render = (): void => {
    const g = normalGeometry(p, q);
    svg = Plot.plot({
      width: 640,
      height: 380,
      x: { domain: X_DOMAIN, label: 'μ' },
      y: { domain: Y_DOMAIN, label: 'σ' },
      marks: [
        Plot.frame({ stroke: '#ccc' }),
        ...ellipses.map((e) => Plot.line(e, { stroke: '#aaa', strokeWidth: 1 })),
        Plot.line([p, q], { stroke: '#888', strokeDasharray: '5,4' }),
        Plot.line(g.geodesic, { stroke: '#3b4d8f', strokeWidth: 2.5 }),
        Plot.dot([p, q], { r: 7, fill: ['#e4572e', '#29a36a'], stroke: 'white', strokeWidth: 1.5 }),
        Plot.text([p, q], { text: ['p', 'q'], dy: -14, fontWeight: 'bold' }),
      ],
    }) as typeof svg;
    plotEl.replaceChildren(svg);
    show('fisher-rao', g.fisherRao);
    show('euclidean', g.euclidean);
    show('kl-pq', g.klPQ);
    show('kl-qp', g.klQP);
    [p[0], p[1], q[0], q[1]].forEach((v, i) => {
      inputs[i]!.value = String(+v.toFixed(4));
    });
    writeParams({ fig: 'fisher-rao', p, q });
  };

  const clampPoint = (x: number, y: number): Point => [
    Math.min(X_DOMAIN[1], Math.max(X_DOMAIN[0], x)),
    Math.min(Y_DOMAIN[1], Math.max(MIN_SIGMA, y)),
  ];
  let dragging: 0 | 1 | undefined;
  const toData = (ev: PointerEvent): Point => {
    const rect = (svg as Element).getBoundingClientRect();
    const sx = svg.scale('x') as Plot.Scale & { invert: (v: number) => number };
    const sy = svg.scale('y') as Plot.Scale & { invert: (v: number) => number };
    return [sx.invert(ev.clientX - rect.left), sy.invert(ev.clientY - rect.top)];
  };
  plotEl.addEventListener('pointerdown', (ev) => {
    const [x, y] = toData(ev);
    const sx = svg.scale('x') as Plot.Scale & { apply: (v: number) => number };
    const sy = svg.scale('y') as Plot.Scale & { apply: (v: number) => number };
    const px = (pt: Point): number =>
      Math.hypot(sx.apply(pt[0]) - sx.apply(x), sy.apply(pt[1]) - sy.apply(y));
    const dp = px(p);
    const dq = px(q);
    if (Math.min(dp, dq) > 16) return;
    dragging = dp <= dq ? 0 : 1;
    plotEl.setPointerCapture(ev.pointerId);
  });
  plotEl.addEventListener('pointermove', (ev) => {
    if (dragging === undefined) return;
    const pt = clampPoint(...toData(ev));
    if (dragging === 0) p = pt;
    else q = pt;
    render();
  });
  plotEl.addEventListener('pointerup', () => {
    dragging = undefined;
  });
  for (const input of inputs)
    input.addEventListener('change', () => {
      const v = inputs.map((i) => Number(i.value));
      if (!v.every(Number.isFinite)) return;
      p = clampPoint(v[0]!, v[1]!);
      q = clampPoint(v[2]!, v[3]!);
      render();
    });
  render();
}
