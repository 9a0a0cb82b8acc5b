import { normal } from '@infogeom/distributions';
import { describe, expect, it } from 'vitest';
import type { OutputFamily } from '../decoders/decoder.js';
import { categoricalOutput } from './categorical-output.js';
import { familyOutput } from './family-output.js';
import { bernoulliOutput, gaussianOutput, gaussianScaleOutput, poissonOutput } from './output-families.js';

function quad(o: OutputFamily, t: Float64Array, a: Float64Array): number {
  const out = new Float64Array(t.length);
  expect(o.fisherApply(t, a, out)).toBe(true);
  return out.reduce((s, x, i) => s + x * a[i]!, 0);
}

function check(o: OutputFamily, theta: number[], a: number[], tol = 1e-7): void {
  const t = Float64Array.from(theta);
  const av = Float64Array.from(a);
  const D = t.length;
  const g = new Float64Array(D);
  const f = new Float64Array(D);
  expect(o.fisherQuadGradient(t, av, g)).toBe(true);
  expect(o.fisherDirectional(t, av, f)).toBe(true);
  const h = 1e-6;
  for (let k = 0; k < D; k++) {
    const p = t.slice();
    const m = t.slice();
    p[k]! += h;
    m[k]! -= h;
    expect(Math.abs((quad(o, p, av) - quad(o, m, av)) / (2 * h) - g[k]!)).toBeLessThan(tol);
  }
  const ip = new Float64Array(D);
  const im = new Float64Array(D);
  o.fisherApply(
    t.map((x, i) => x + h * av[i]!),
    av,
    ip,
  );
  o.fisherApply(
    t.map((x, i) => x - h * av[i]!),
    av,
    im,
  );
  for (let k = 0; k < D; k++) expect(Math.abs((ip[k]! - im[k]!) / (2 * h) - f[k]!)).toBeLessThan(tol);
}

describe('output families: Fisher derivatives against central differences', () => {
  it('Gaussian, Gaussian-scale, Bernoulli, Poisson, categorical (both parameterisations)', () => {
    check(gaussianOutput(0.5), [0.1, 2], [1, -2]);
    check(gaussianScaleOutput(), [0.1, -0.3, 0.8, 1.7], [0.4, -1, 0.3, 0.2]);
    check(bernoulliOutput(), [0.2, 0.7], [0.3, -0.5]);
    check(bernoulliOutput('natural'), [-1, 2], [0.3, -0.5]);
    check(poissonOutput(), [0.6, 3], [0.3, -0.5]);
    check(poissonOutput('natural'), [-0.4, 1.1], [0.3, -0.5]);
    check(categoricalOutput(), [0.2, 0.5, 0.3], [0.1, -0.3, 0.2]);
    check(categoricalOutput('natural'), [0.4, -1, 0.2], [0.5, -0.3, 0.9]);
  });
  it('a registered family (normal in (μ, σ)) matches the closed-form Gaussian-scale output', () => {
    const o = familyOutput(normal, { mu: 0, sigma: 1 });
    const t = Float64Array.of(0.3, 1.4);
    const a = Float64Array.of(0.7, -0.2);
    const ref = gaussianScaleOutput();
    const x = new Float64Array(2);
    const y = new Float64Array(2);
    o.fisherApply(t, a, x);
    ref.fisherApply(t, a, y);
    for (let i = 0; i < 2; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThan(1e-12);
    o.fisherQuadGradient(t, a, x);
    ref.fisherQuadGradient(t, a, y);
    for (let i = 0; i < 2; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThan(1e-7);
    o.fisherDirectional(t, a, x);
    ref.fisherDirectional(t, a, y);
    for (let i = 0; i < 2; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThan(1e-7);
  });
  it('outside the domain: false, not NaN', () => {
    const out = new Float64Array(1);
    expect(bernoulliOutput().fisherApply(Float64Array.of(1), Float64Array.of(1), out)).toBe(false);
    expect(poissonOutput().fisherApply(Float64Array.of(0), Float64Array.of(1), out)).toBe(false);
    expect(
      familyOutput(normal, { mu: 0, sigma: 1 }).fisherApply(
        Float64Array.of(0, -1),
        Float64Array.of(1, 1),
        new Float64Array(2),
      ),
    ).toBe(false);
  });
});
