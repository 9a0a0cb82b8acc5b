import { normal } from '@infogeom/distributions';
import * as Plot from '@observablehq/plot';
import { readNumbers, readParam, writeParams } from '../url-state.js';

/** KL both ways and the quadratic form ½δᵀIδ for a step of length h in direction φ from p = N(μ, σ). */
export function klLocal(
  p: readonly [number, number],
  phi: number,
  h: number,
): { klForward: number; klBackward: number; quadratic: number } {
  const P = { mu: p[0], sigma: p[1] };
  const d = [h * Math.cos(phi), h * Math.sin(phi)] as const;
  const Q = { mu: p[0] + d[0], sigma: p[1] + d[1] };
  const I = normal.fisher(P);
  const quadratic = 0.5 * (I.get(0, 0) * d[0] ** 2 + 2 * I.get(0, 1) * d[0] * d[1] + I.get(1, 1) * d[1] ** 2);
  return { klForward: normal.kl(P, Q), klBackward: normal.kl(Q, P), quadratic };
}

/** Figure 3: a slider shrinks δ; KL(p‖p+δ), KL(p+δ‖p) and ½δᵀIδ on log axes, and their ratio. */
export function mount(root: HTMLElement): void {
  const p = readNumbers('p', [0, 1]) as [number, number];
  let phi = Number(readParam('phi') ?? '0.6');
  let logH = Number(readParam('logh') ?? '-0.5');
  if (!Number.isFinite(phi)) phi = 0.6;
  if (!Number.isFinite(logH) || logH < -3 || logH > -0.1) logH = -0.5;
  root.innerHTML = `
    <h2>KL divergence as a local quadratic form</h2>
    <p class="caption">KL(p ‖ p + δ) = ½ δᵀ I(θ) δ + O(‖δ‖³): shrink the step δ from p = N(${p[0]}, ${p[1]}) and the two
    divergences (which differ at large δ: KL is not symmetric) meet the Fisher quadratic form; their ratio tends to 1.</p>
    <div class="figure">
      <div id="plot"></div>
      <div class="panel">
        <label>log₁₀ ‖δ‖ <input type="range" min="-3" max="-0.1" step="0.01" id="logh" /></label>
        <label>direction φ <input type="range" min="0" max="6.283" step="0.01" id="phi" /></label>
        <dl class="readout">
          <dt>‖δ‖</dt><dd data-testid="h"></dd>
          <dt>KL(p ‖ p+δ)</dt><dd data-testid="kl-forward"></dd>
          <dt>KL(p+δ ‖ p)</dt><dd data-testid="kl-backward"></dd>
          <dt>½ δᵀIδ</dt><dd data-testid="quadratic"></dd>
          <dt>KL(p ‖ p+δ) / ½δᵀIδ</dt><dd data-testid="ratio"></dd>
        </dl>
      </div>
    </div>`;
  const plotEl = root.querySelector('#plot') as HTMLElement;
  const hInput = root.querySelector('#logh') as HTMLInputElement;
  const phiInput = root.querySelector('#phi') as HTMLInputElement;
  const show = (key: string, v: number): void => {
    const el = root.querySelector(`[data-testid="${key}"]`) as HTMLElement;
    el.textContent = v.toPrecision(6);
    el.dataset['value'] = String(v);
  };
  const render = (): void => {
    const hs = Array.from({ length: 60 }, (_, i) => 10 ** (-3 + (2.9 * i) / 59));
    const rows = hs.flatMap((h) => {
      const r = klLocal(p, phi, h);
      return [
        { h, value: r.klForward, series: 'KL(p ‖ p+δ)' },
        { h, value: r.klBackward, series: 'KL(p+δ ‖ p)' },
        { h, value: r.quadratic, series: '½ δᵀIδ' },
      ];
    });
    const h = 10 ** logH;
    const now = klLocal(p, phi, h);
    plotEl.replaceChildren(
      Plot.plot({
        width: 640,
        height: 380,
        x: { type: 'log', label: '‖δ‖' },
        y: { type: 'log', label: 'divergence' },
        color: { legend: true },
        marks: [
          Plot.line(rows, { x: 'h', y: 'value', stroke: 'series', strokeWidth: 2 }),
          Plot.ruleX([h], { stroke: '#999', strokeDasharray: '4,3' }),
          Plot.dot([{ h, value: now.klForward }], { x: 'h', y: 'value', r: 5, fill: '#e4572e' }),
        ],
      }),
    );
    show('h', h);
    show('kl-forward', now.klForward);
    show('kl-backward', now.klBackward);
    show('quadratic', now.quadratic);
    show('ratio', now.klForward / now.quadratic);
    hInput.value = String(logH);
    phiInput.value = String(phi);
    writeParams({ fig: 'kl-local', p, phi: String(phi), logh: String(logH) });
  };
  hInput.addEventListener('input', () => {
    logH = Number(hInput.value);
    render();
  });
  phiInput.addEventListener('input', () => {
    phi = Number(phiInput.value);
    render();
  });
  render();
}
