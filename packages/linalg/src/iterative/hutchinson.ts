import type { MatrixInput } from '../core/dense-matrix.js';
import { InvalidArgumentError, throwIfAborted } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { dot } from '../core/vector.js';
import type { Rng } from '../random/rng.js';
import { gaussianVector, orthonormalize } from './block.js';
import { asOperator, positiveInt, resolveRng, squareSize } from './util.js';

/** Options for {@link hutchinsonTrace} and {@link hutchPlusPlus}. */
export interface TraceEstimatorOptions {
  /** Number of operator applications (probe vectors) (default 100). */
  samples?: number;
  /** Probe distribution (default 'rademacher', which has the smaller variance). */
  distribution?: 'rademacher' | 'gaussian';
  /** Seed of the probes (default 0). */
  seed?: number;
  /** Random source (overrides `seed`). */
  rng?: Rng;
  /** Aborts with an AbortError. */
  signal?: AbortSignal;
}

/** A stochastic trace estimate with its standard error. */
export interface TraceEstimate {
  /** The estimate of tr(A). */
  estimate: number;
  /** Standard error of the estimate (sample standard deviation / √samples). */
  standardError: number;
  /** Operator applications used. */
  samples: number;
}

/** A probe vector with E[zzᵀ] = I. */
function probe(n: number, rng: Rng, distribution: 'rademacher' | 'gaussian'): Float64Array {
  if (distribution === 'gaussian') return gaussianVector(n, rng);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = rng.uniform() < 0.5 ? -1 : 1;
  return z;
}

function checkDistribution(d: string | undefined): 'rademacher' | 'gaussian' {
  const dist = d ?? 'rademacher';
  if (dist !== 'rademacher' && dist !== 'gaussian') {
    throw new InvalidArgumentError('distribution', dist, "'rademacher' or 'gaussian'");
  }
  return dist;
}

/** Mean and standard error of a sample. */
function meanSe(xs: number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return [m, Number.POSITIVE_INFINITY];
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return [m, Math.sqrt(v / xs.length)];
}

/**
 * Hutchinson's unbiased trace estimator tr(A) ≈ (1/s) Σ zᵢᵀAzᵢ with Rademacher or Gaussian probes.
 * @param A - square operator or matrix
 * @param options - samples, distribution, seed
 */
export function hutchinsonTrace(
  A: LinearOperator | MatrixInput,
  options: TraceEstimatorOptions = {},
): TraceEstimate {
  const op = asOperator(A);
  const n = squareSize(op);
  const samples = positiveInt(options.samples, 100, 'samples');
  const dist = checkDistribution(options.distribution);
  const rng = resolveRng(options);
  const y = new Float64Array(n);
  const xs: number[] = [];
  for (let s = 0; s < samples; s++) {
    throwIfAborted(options.signal);
    const z = probe(n, rng, dist);
    xs.push(dot(z, op.mv(z, y)));
  }
  const [estimate, standardError] = meanSe(xs);
  return { estimate, standardError, samples };
}

/**
 * Hutch++ (Meyer, Musco, Musco & Woodruff 2021): a third of the budget sketches the dominant range
 * Q = orth(AS), whose trace tr(QᵀAQ) is exact; Hutchinson estimates the deflated remainder
 * (I − QQᵀ)A(I − QQᵀ). Much smaller error than Hutchinson for matrices with decaying spectra.
 * The reported standard error is that of the remainder term.
 * @param A - square (symmetric for the theory) operator or matrix
 * @param options - samples (total operator applications, ≥ 3), distribution, seed
 */
export function hutchPlusPlus(
  A: LinearOperator | MatrixInput,
  options: TraceEstimatorOptions = {},
): TraceEstimate {
  const op = asOperator(A);
  const n = squareSize(op);
  const samples = positiveInt(options.samples, 99, 'samples', 3);
  const dist = checkDistribution(options.distribution);
  const rng = resolveRng(options);
  const r = Math.min(n, Math.floor(samples / 3));
  const Q = orthonormalize(Array.from({ length: r }, () => op.mv(probe(n, rng, dist))));
  let exact = 0;
  for (const q of Q) exact += dot(q, op.mv(q));
  const project = (v: Float64Array): Float64Array => {
    const out = v.slice();
    for (const q of Q) {
      const c = dot(q, out);
      for (let i = 0; i < n; i++) out[i]! -= c * q[i]!;
    }
    return out;
  };
  const m = samples - r - Q.length;
  const xs: number[] = [];
  for (let s = 0; s < m; s++) {
    throwIfAborted(options.signal);
    const z = project(probe(n, rng, dist));
    xs.push(dot(z, op.mv(z)));
  }
  const [rest, standardError] = xs.length === 0 ? [0, 0] : meanSe(xs);
  return { estimate: exact + rest, standardError, samples: r + Q.length + m };
}
