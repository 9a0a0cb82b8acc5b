import { createRng, erfc } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { createGaussianNoise } from './ivon-noise.js';

const phi = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);

describe('createGaussianNoise', () => {
  const n = 400_000;
  const z = createGaussianNoise(createRng(7)).fill(new Float32Array(n));

  it('has the moments of N(0, 1)', () => {
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (const v of z) {
      m1 += v;
      m2 += v * v;
      m3 += v * v * v;
      m4 += v * v * v * v;
    }
    // standard errors: 1/√n, √(2/n), √(15/n), √(96/n) ≈ 0.0016, 0.0022, 0.0061, 0.0155
    expect(Math.abs(m1 / n)).toBeLessThan(0.0065);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.009);
    expect(Math.abs(m3 / n)).toBeLessThan(0.025);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.065);
  });

  it('passes a Kolmogorov–Smirnov test against Φ, including the tail beyond the ziggurat base', () => {
    const s = Float64Array.from(z).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = phi(s[i] as number);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n)); // KS critical value at level 0.001
    const tail = s.filter((v) => Math.abs(v) > 3.442619855899).length / n;
    const expected = 2 * phi(-3.442619855899); // 5.76e-4, s.e. ≈ 3.8e-5
    expect(Math.abs(tail - expected)).toBeLessThan(4 * Math.sqrt(expected / n));
    // the wedge region of a middle layer is reached too: the density between 1 and 2 is right
    const mid = s.filter((v) => v > 1 && v < 2).length / n;
    expect(Math.abs(mid - (phi(2) - phi(1)))).toBeLessThan(0.002);
  });

  it('is deterministic and restores its state exactly', () => {
    const a = createGaussianNoise(createRng(3));
    const b = createGaussianNoise(createRng(3));
    a.fill(new Float32Array(1001));
    b.fill(new Float32Array(1001));
    const saved = a.getState();
    const x = a.fill(new Float32Array(500));
    expect(b.fill(new Float32Array(500))).toEqual(x);
    a.setState(saved);
    expect(a.fill(new Float32Array(500))).toEqual(x);
    expect(createGaussianNoise(createRng(4)).fill(new Float32Array(10))).not.toEqual(x.subarray(0, 10));
  });

  it('has no correlation between consecutive draws', () => {
    let c = 0;
    for (let i = 1; i < n; i++) c += (z[i] as number) * (z[i - 1] as number);
    expect(Math.abs(c / n)).toBeLessThan(0.0065);
  });
});
