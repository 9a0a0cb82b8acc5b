/** Test helpers: sample moments with standard errors, KS and chi-square statistics. */
import { expect } from 'vitest';

/** Sample mean, variance and fourth central moment. */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number; m4: number } {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i]!;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { mean, variance: m2 / (n - 1), m4: m4 / n };
}

/**
 * Expects the sample mean and variance to match closed forms within `z` standard errors
 * (SE of the mean √(σ²/n); SE of the variance √((μ₄ − σ⁴)/n), with μ₄ estimated).
 */
export function expectMoments(xs: ArrayLike<number>, mean: number, variance: number, z = 5): void {
  const n = xs.length;
  const m = moments(xs);
  const seMean = Math.sqrt(variance / n);
  const seVar = Math.sqrt(Math.max(m.m4 - m.variance * m.variance, 0) / n);
  expect(Math.abs(m.mean - mean), `mean ${m.mean} vs ${mean} (SE ${seMean})`).toBeLessThan(z * seMean);
  expect(Math.abs(m.variance - variance), `variance ${m.variance} vs ${variance} (SE ${seVar})`).toBeLessThan(
    z * seVar,
  );
}

/** Kolmogorov–Smirnov statistic √n·D of a sample against a continuous CDF. */
export function ksStatistic(xs: ArrayLike<number>, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return Math.sqrt(n) * d;
}

/** Chi-square statistic standardised as (X² − df)/√(2·df) for observed counts vs expected probabilities. */
export function chiSquareZ(counts: ArrayLike<number>, probs: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  let x2 = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = total * probs[i]!;
    x2 += (counts[i]! - e) ** 2 / e;
  }
  const df = counts.length - 1;
  return (x2 - df) / Math.sqrt(2 * df);
}
