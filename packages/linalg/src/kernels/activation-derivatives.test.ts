import { afterAll, describe, expect, it } from 'vitest';
import { sigmoidDerivatives, tanhDerivatives } from './activation-derivatives.js';
import { setKernelBackend, simdAvailable } from './simd-runtime.js';

const backends = simdAvailable() ? (['wasm', 'js'] as const) : (['js'] as const);
const EPS = 2 ** -52;

/**
 * Arguments from tiny to saturated, both signs, an odd count (a padded last lane), up to `max` (where the
 * references are still normal numbers: relative errors of subnormal results mean nothing).
 */
function args(max: number): Float64Array {
  const out: number[] = [0, -0, 1e-300, -1e-300, 1e-12, -3e-9];
  for (let e = -8; 10 ** e <= max; e += 0.01) out.push(10 ** e, -(10 ** e) * 1.0007);
  return Float64Array.from(out);
}

/** Independent references: σ = 1/(1 + e^{−t}), σ′ = σ(t)σ(−t), tanh and 1/cosh² from Math. */
const sig = (t: number) => 1 / (1 + Math.exp(-t));

describe.each(backends)('activation derivatives (%s backend)', (backend) => {
  afterAll(() => setKernelBackend('auto'));

  it('sigmoid: σ, σ′ within 4 ulp (relative, both tails); σ″ within 4 ulp of |σ″| + ulp(σ′)', () => {
    setKernelBackend(backend);
    const t = args(700);
    const [h, d1, d2] = [new Float64Array(t.length), new Float64Array(t.length), new Float64Array(t.length)];
    sigmoidDerivatives(t, h, d1, d2);
    let worst = [0, 0, 0];
    for (let i = 0; i < t.length; i++) {
      const x = t[i]!;
      const s = sig(x);
      const g = sig(x) * sig(-x);
      const c = g * (sig(-x) - sig(x));
      const e0 = Math.abs(h[i]! - s) / (s * EPS);
      const e1 = g === 0 ? (d1[i] === 0 ? 0 : Infinity) : Math.abs(d1[i]! - g) / (g * EPS);
      const e2 = g === 0 ? Math.abs(d2[i]!) : Math.abs(d2[i]! - c) / ((Math.abs(c) + g) * EPS);
      worst = [Math.max(worst[0]!, e0), Math.max(worst[1]!, e1), Math.max(worst[2]!, e2)];
    }
    expect(worst[0]).toBeLessThan(4);
    expect(worst[1]).toBeLessThan(4);
    expect(worst[2]).toBeLessThan(4);
  });

  it('tanh: tanh and sech² within 4 ulp (relative, near 0 and in the tails), the second derivative too', () => {
    setKernelBackend(backend);
    const t = args(350);
    const [h, d1, d2] = [new Float64Array(t.length), new Float64Array(t.length), new Float64Array(t.length)];
    tanhDerivatives(t, h, d1, d2);
    let worst = [0, 0, 0];
    for (let i = 0; i < t.length; i++) {
      const x = t[i]!;
      const th = Math.tanh(x);
      const g = 1 / Math.cosh(x) ** 2;
      const c = -2 * th * g;
      const e0 = th === 0 ? (Object.is(h[i], th) ? 0 : Infinity) : Math.abs(h[i]! - th) / Math.abs(th * EPS);
      const e1 = g === 0 ? (d1[i] === 0 ? 0 : Infinity) : Math.abs(d1[i]! - g) / (g * EPS);
      const e2 = c === 0 ? (d2[i] === 0 ? 0 : Infinity) : Math.abs(d2[i]! - c) / Math.abs(c * EPS);
      worst = [Math.max(worst[0]!, e0), Math.max(worst[1]!, e1), Math.max(worst[2]!, e2)];
    }
    expect(worst[0]).toBeLessThan(4);
    expect(worst[1]).toBeLessThan(4);
    expect(worst[2]).toBeLessThan(6);
  });

  it('special values: NaN stays NaN, ±∞ saturate, ±0 keep their sign, in place works', () => {
    setKernelBackend(backend);
    // Deep tails: finite, no NaN, derivatives that underflow towards 0.
    const far = Float64Array.of(745, -745, 800, -800, 1e308, -1e308);
    const f = far.map(() => 0);
    const [f1, f2] = [far.map(() => 1), far.map(() => 1)];
    for (const fn of [sigmoidDerivatives, tanhDerivatives]) {
      fn(far, f, f1, f2);
      for (let i = 0; i < far.length; i++) {
        expect(Math.abs(f[i]!)).toBeLessThanOrEqual(1);
        expect(Math.abs(f1[i]!)).toBeLessThan(1e-300);
        expect(Math.abs(f2[i]!)).toBeLessThan(1e-300);
      }
    }
    const t = Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0);
    const [d1, d2] = [new Float64Array(5), new Float64Array(5)];
    const s = t.slice();
    sigmoidDerivatives(s, s, d1, d2);
    expect(Array.from(s)).toEqual([Number.NaN, 1, 0, 0.5, 0.5]);
    expect(Array.from(d1)).toEqual([Number.NaN, 0, 0, 0.25, 0.25]);
    expect(d2[0]).toBeNaN();
    expect([Math.abs(d2[1]!), Math.abs(d2[2]!)]).toEqual([0, 0]);
    const h = t.slice();
    tanhDerivatives(h, h, d1, d2);
    expect(Array.from(h)).toEqual([Number.NaN, 1, -1, -0, 0]);
    expect(Array.from(d1)).toEqual([Number.NaN, 0, 0, 1, 1]);
    expect(() => tanhDerivatives(t, h, d1, new Float64Array(4))).toThrow(/d2\.length/);
  });

  it('more entries than one pass through the wasm memory', () => {
    setKernelBackend(backend);
    const n = 5001;
    const t = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 12);
    const [h, d1, d2] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    tanhDerivatives(t, h, d1, d2);
    let e = 0;
    for (let i = 0; i < n; i++)
      e = Math.max(e, Math.abs(h[i]! - Math.tanh(t[i]!)), Math.abs(d1[i]! - 1 / Math.cosh(t[i]!) ** 2));
    expect(e).toBeLessThan(4 * EPS);
  });
});
