import {
  createRng,
  DenseMatrix,
  dot,
  eigh,
  InvalidArgumentError,
  type LinearOperator,
  norm2,
  type Rng,
  SingularMatrixError,
} from '@infogeom/linalg';
import { checkDamping } from './spectral.js';

/** Options of {@link slqLogdet}. */
export interface SlqOptions {
  /** Number of Rademacher probes (default 30). */
  samples?: number;
  /** Lanczos steps per probe (default min(n, 30)); m steps integrate polynomials of degree 2m − 1 exactly. */
  steps?: number;
  /** Seed of the probes (default 0). */
  seed?: number;
  /** Random source (overrides `seed`). */
  rng?: Rng;
}

/** A stochastic log-determinant estimate with its standard error. */
export interface LogdetEstimate {
  /** The estimate of log det(F + λI). */
  estimate: number;
  /** Standard error over the probes (sample standard deviation / √samples). */
  standardError: number;
  /** Number of probes. */
  samples: number;
}

/**
 * Stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017): log det(F + λI) = tr log(F + λI) ≈
 * (n/s) Σ_z e₁ᵀ log(T_z) e₁, with T_z the Lanczos tridiagonal matrix (full re-orthogonalisation)
 * started at a Rademacher probe z/√n. Unbiased up to the quadrature error, which vanishes when
 * `steps` = n.
 * @param op - symmetric PSD operator F (n×n)
 * @param damping - λ ≥ 0
 * @param options - samples, steps, seed
 * @throws SingularMatrixError naming `damping` when a Ritz value of F + λI is ≤ 0
 */
export function slqLogdet(op: LinearOperator, damping: number, options: SlqOptions = {}): LogdetEstimate {
  checkDamping(damping);
  const n = op.shape[0];
  const samples = options.samples ?? 30;
  if (!Number.isInteger(samples) || samples < 1)
    throw new InvalidArgumentError('samples', samples, 'an integer ≥ 1');
  const steps = Math.min(n, options.steps ?? 30);
  if (!Number.isInteger(steps) || steps < 1) throw new InvalidArgumentError('steps', steps, 'an integer ≥ 1');
  const rng = options.rng ?? createRng(options.seed ?? 0);
  const xs: number[] = [];
  const w = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    const q = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1) / Math.sqrt(n));
    const Q: Float64Array[] = [q];
    const alpha: number[] = [];
    const beta: number[] = [];
    for (let j = 0; j < steps; j++) {
      const qj = Q[j]!;
      op.mv(qj, w);
      for (let i = 0; i < n; i++) w[i]! += damping * qj[i]!;
      alpha.push(dot(qj, w));
      for (let pass = 0; pass < 2; pass++)
        for (const qi of Q) {
          const c = dot(qi, w);
          for (let i = 0; i < n; i++) w[i]! -= c * qi[i]!;
        }
      const b = norm2(w);
      if (j + 1 === steps || b <= 1e-12 * Math.max(Math.abs(alpha[j]!), 1e-300)) break;
      beta.push(b);
      Q.push(w.map((x) => x / b));
    }
    const m = alpha.length;
    const T = DenseMatrix.fromFunction(m, m, (i, j) =>
      i === j ? alpha[i]! : Math.abs(i - j) === 1 ? beta[Math.min(i, j)]! : 0,
    );
    const { values, vectors } = eigh(T);
    let t = 0;
    for (let j = 0; j < m; j++) {
      if (!(values[j]! > 0))
        throw new SingularMatrixError(
          'damping',
          damping,
          'a damping > 0 such that F + damping·I is positive definite',
        );
      t += vectors.data[j]! ** 2 * Math.log(values[j]!);
    }
    xs.push(n * t);
  }
  const mean = xs.reduce((a, b) => a + b, 0) / samples;
  const varc =
    samples > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples - 1) : Number.POSITIVE_INFINITY;
  return { estimate: mean, standardError: Math.sqrt(varc / samples), samples };
}
