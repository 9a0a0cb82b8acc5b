import {
  cholesky,
  DenseMatrix,
  DimensionMismatchError,
  InvalidArgumentError,
  NotPositiveDefiniteError,
  sampleMultivariateNormal,
  spdInverse,
  spdLogdet,
  spdSolve,
} from '@infogeom/linalg';
import { constraints } from '../constraint.js';
import { defineFamily } from '../define-family.js';
import type { Family } from '../family.js';

/** Parameters of the multivariate normal: mean vector `mu` and covariance matrix `Sigma`. */
export type MultivariateNormalParams = {
  /** Mean μ ∈ ℝᵈ. */
  readonly mu: Float64Array;
  /** Covariance Σ, a symmetric positive-definite d×d matrix (coordinates: its lower triangle, row by row). */
  readonly Sigma: DenseMatrix;
};

const LOG_2PI = Math.log(2 * Math.PI);

/** Lower-triangle (i ≥ j) index pairs, row by row: the order of the Σ coordinates. */
function vechIndices(d: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) out.push([i, j]);
  return out;
}

/** Solves L z = r in place for lower-triangular L (row-major d×d). */
function forwardSolve(L: Float64Array, d: number, r: Float64Array): Float64Array {
  for (let i = 0; i < d; i++) {
    let s = r[i]!;
    for (let j = 0; j < i; j++) s -= L[i * d + j]! * r[j]!;
    r[i] = s / L[i * d + i]!;
  }
  return r;
}

/** log p(x) given the Cholesky factor L of Σ and log det Σ. */
function logPdf(mu: Float64Array, L: DenseMatrix, logDet: number, x: Float64Array): number {
  const d = mu.length;
  if (!(x instanceof Float64Array) || x.length !== d)
    throw new DimensionMismatchError('x.length', x?.length, `${d} (mu.length)`);
  const z = forwardSolve(
    L.data,
    d,
    Float64Array.from(x, (xi, i) => xi - mu[i]!),
  );
  let q = 0;
  for (const v of z) q += v * v;
  return -0.5 * (d * LOG_2PI + logDet + q);
}

/** P = Σ⁻¹ = L⁻ᵀL⁻¹ from the Cholesky factor L of Σ (small d: inverts L by forward substitution). */
function precision(Sigma: DenseMatrix): DenseMatrix {
  const L = cholesky(Sigma).data;
  const d = Sigma.rows;
  const Linv = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    const e = new Float64Array(d);
    e[c] = 1;
    forwardSolve(L, d, e);
    for (let i = 0; i < d; i++) Linv[i * d + c] = e[i]!;
  }
  const P = new DenseMatrix(d, d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < d; k++) s += Linv[k * d + i]! * Linv[k * d + j]!;
      P.data[i * d + j] = P.data[j * d + i] = s;
    }
  return P;
}

function logDetFromCholesky(L: DenseMatrix): number {
  let s = 0;
  for (let i = 0; i < L.rows; i++) s += Math.log(L.data[i * L.rows + i]!);
  return 2 * s;
}

/** Sets of (row, column) index pairs of the symmetric unit matrix E_ij. */
function unitPairs(i: number, j: number): Array<[number, number]> {
  return i === j
    ? [[i, i]]
    : [
        [i, j],
        [j, i],
      ];
}

/** Σ and Pμ from natural parameters η = (Pμ, vech-with-doubled-off-diagonal of −½P). */
function naturalToMoments(
  eta: ArrayLike<number>,
  d: number,
): { mu: Float64Array; Sigma: DenseMatrix; P: DenseMatrix } {
  const P = new DenseMatrix(d, d);
  vechIndices(d).forEach(([i, j], k) => {
    const e = eta[d + k]!;
    const v = i === j ? -2 * e : -e;
    P.data[i * d + j] = P.data[j * d + i] = v;
  });
  const Sigma = spdInverse(P);
  const h = Float64Array.from({ length: d }, (_v, i) => eta[i]!);
  const mu = Float64Array.from({ length: d }, (_v, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += Sigma.data[i * d + j]! * h[j]!;
    return s;
  });
  return { mu, Sigma, P };
}

/** d from the length p = d + d(d+1)/2 of a natural-parameter vector. */
function dimensionFromNatural(p: number): number {
  return Math.round((-3 + Math.sqrt(9 + 8 * p)) / 2);
}

/**
 * The multivariate normal N(μ, Σ) on ℝᵈ. Coordinates θ: μ₁..μ_d, then the lower triangle of Σ row by
 * row (Σ₀₀, Σ₁₀, Σ₁₁, …). Fisher information block diag(Σ⁻¹, ½ tr(Σ⁻¹ E_ij Σ⁻¹ E_kl)) with E_ij the
 * symmetric unit matrix. Closed-form KL, entropy and MLE (sample mean and biased covariance). An
 * exponential family with η = (Σ⁻¹μ, −½Σ⁻¹ as a lower triangle with doubled off-diagonal entries) and
 * T(x) = (x, xᵢxⱼ for i ≥ j).
 */
export const multivariateNormal: Family<MultivariateNormalParams, Float64Array> = defineFamily<
  MultivariateNormalParams,
  Float64Array
>({
  name: 'multivariateNormal',
  description:
    'Multivariate normal N(mu, Sigma) with mean vector mu and covariance matrix Sigma (SPD; coordinates its lower triangle).',
  parameters: [
    { name: 'mu', shape: 'vector', constraint: constraints.real, description: 'mean vector μ' },
    {
      name: 'Sigma',
      shape: 'matrix',
      constraint: constraints.spd,
      description: 'covariance matrix Σ (symmetric positive definite)',
    },
  ],
  examples: [
    {
      mu: Float64Array.of(1, -1),
      Sigma: DenseMatrix.from([
        [2, 0.6],
        [0.6, 1],
      ]),
    },
    {
      mu: Float64Array.of(0, 0.5, -1),
      Sigma: DenseMatrix.from([
        [1.5, 0.3, -0.2],
        [0.3, 1, 0.4],
        [-0.2, 0.4, 2],
      ]),
    },
    {
      mu: Float64Array.of(-3, 2),
      Sigma: DenseMatrix.from([
        [1.5, -1],
        [-1, 1.5],
      ]),
    },
  ],
  invalidExamples: [{ mu: Float64Array.of(0, 0, 0), Sigma: DenseMatrix.identity(2) }],
  check: ({ mu, Sigma }, argument) => {
    if (Sigma.rows !== mu.length)
      throw new InvalidArgumentError(
        `${argument}.Sigma`,
        Sigma,
        `a ${mu.length}×${mu.length} matrix (mu has length ${mu.length})`,
      );
  },
  support: ({ mu }) => ({ kind: 'vector', dimension: mu.length, domain: 'real' }),
  logProb: ({ mu, Sigma }, x) => {
    const L = cholesky(Sigma);
    return logPdf(mu, L, logDetFromCholesky(L), x);
  },
  logProbBatch: ({ mu, Sigma }, xs) => {
    const L = cholesky(Sigma);
    const logDet = logDetFromCholesky(L);
    return Float64Array.from(xs, (x) => logPdf(mu, L, logDet, x));
  },
  sample: ({ mu, Sigma }, rng, n) => {
    const L = cholesky(Sigma);
    return Array.from({ length: n }, () => sampleMultivariateNormal(rng, mu, L));
  },
  mean: ({ mu }) => Float64Array.from(mu),
  variance: ({ Sigma }) => Sigma.diag(),
  entropy: ({ mu, Sigma }) => 0.5 * (mu.length * (1 + LOG_2PI) + spdLogdet(Sigma)),
  score: ({ mu, Sigma }, x) => {
    const d = mu.length;
    const P = precision(Sigma);
    const a = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += P.data[i * d + j]! * (x[j]! - mu[j]!);
      a[i] = s;
    }
    const out = new Float64Array(d + (d * (d + 1)) / 2);
    out.set(a);
    // ∂ℓ/∂Σ (symmetric) = ½(a aᵀ − P); a lower-triangle coordinate moves Σ_ij and Σ_ji together.
    let k = d;
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const g = 0.5 * (a[i]! * a[j]! - P.data[i * d + j]!);
        out[k++] = i === j ? g : 2 * g;
      }
    return out;
  },
  fisher: ({ mu, Sigma }) => {
    const d = mu.length;
    const P = precision(Sigma);
    const idx = vechIndices(d);
    const p = d + idx.length;
    const F = new DenseMatrix(p, p);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) F.data[i * p + j] = P.data[i * d + j]!;
    idx.forEach(([i, j], r) => {
      idx.forEach(([k, l], c) => {
        // ½ tr(P E_ij P E_kl) = ½ Σ over (a,b) ∈ E_ij, (c,d) ∈ E_kl of P_da P_bc.
        let t = 0;
        for (const [a, b] of unitPairs(i, j))
          for (const [cc, dd] of unitPairs(k, l)) t += P.data[dd * d + a]! * P.data[b * d + cc]!;
        F.data[(d + r) * p + d + c] = 0.5 * t;
      });
    });
    return F;
  },
  kl: (p, q) => {
    const d = p.mu.length;
    if (q.mu.length !== d) throw new InvalidArgumentError('q.mu.length', q.mu.length, `p.mu.length = ${d}`);
    const M = spdSolve(q.Sigma, p.Sigma);
    let tr = 0;
    for (let i = 0; i < d; i++) tr += M.data[i * d + i]!;
    const dm = Float64Array.from(q.mu, (m, i) => m - p.mu[i]!);
    const a = spdSolve(q.Sigma, dm);
    let maha = 0;
    for (let i = 0; i < d; i++) maha += dm[i]! * a[i]!;
    return Math.max(0.5 * (tr + maha - d + spdLogdet(q.Sigma) - spdLogdet(p.Sigma)), 0);
  },
  fit: (data, { weights }) => {
    const d = data[0]!.length;
    let w = 0;
    const m = new Float64Array(d);
    data.forEach((x, i) => {
      if (!(x instanceof Float64Array) || x.length !== d)
        throw new DimensionMismatchError(`data[${i}].length`, x?.length, `${d}`);
      const wi = weights === undefined ? 1 : weights[i]!;
      w += wi;
      for (let j = 0; j < d; j++) m[j]! += wi * x[j]!;
    });
    for (let j = 0; j < d; j++) m[j]! /= w;
    const S = new DenseMatrix(d, d);
    data.forEach((x, i) => {
      const wi = weights === undefined ? 1 : weights[i]!;
      for (let a = 0; a < d; a++)
        for (let b = 0; b <= a; b++) S.data[a * d + b]! += (wi * (x[a]! - m[a]!) * (x[b]! - m[b]!)) / w;
    });
    for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) S.data[b * d + a] = S.data[a * d + b]!;
    let logDet: number;
    try {
      logDet = spdLogdet(S);
    } catch (e) {
      if (e instanceof NotPositiveDefiniteError)
        throw new InvalidArgumentError(
          'data',
          `${data.length} observations`,
          'observations whose sample covariance is positive definite (at least d + 1 in general position)',
        );
      throw e;
    }
    const params = { mu: m, Sigma: S };
    const ll = -0.5 * w * (d * LOG_2PI + logDet + d);
    return { params, logLikelihood: ll, iterations: 0, converged: true, gradientNorm: 0 };
  },
  initialGuess: (data, base) => {
    const d = base.mu.length;
    const n = data.length;
    const m = new Float64Array(d);
    for (const x of data) for (let j = 0; j < d; j++) m[j]! += x[j]! / n;
    const S = DenseMatrix.fromFunction(d, d, (a, b) => {
      let s = 0;
      for (const x of data) s += ((x[a]! - m[a]!) * (x[b]! - m[b]!)) / n;
      return s;
    });
    let scale = 0;
    for (let j = 0; j < d; j++) scale += S.data[j * d + j]! / d;
    for (let j = 0; j < d; j++) S.data[j * d + j]! += 1e-6 * (scale || 1);
    return { ...base, mu: m, Sigma: S };
  },
  exponentialFamily: {
    toNatural: ({ mu, Sigma }) => {
      const d = mu.length;
      const P = spdInverse(Sigma);
      const out = new Float64Array(d + (d * (d + 1)) / 2);
      for (let i = 0; i < d; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += P.data[i * d + j]! * mu[j]!;
        out[i] = s;
      }
      vechIndices(d).forEach(([i, j], k) => {
        out[d + k] = i === j ? -0.5 * P.data[i * d + i]! : -P.data[i * d + j]!;
      });
      return out;
    },
    fromNatural: (eta, base) => {
      const { mu, Sigma } = naturalToMoments(eta, base.mu.length);
      return { ...base, mu, Sigma };
    },
    sufficientStatistic: (x) => {
      const d = x.length;
      const out = new Float64Array(d + (d * (d + 1)) / 2);
      out.set(x);
      vechIndices(d).forEach(([i, j], k) => {
        out[d + k] = x[i]! * x[j]!;
      });
      return out;
    },
    logBaseMeasure: (x) => -0.5 * x.length * LOG_2PI,
    logPartition: (eta, base) => {
      // A(η) = ½ μᵀPμ + ½ log det Σ = ½ hᵀΣh − ½ log det P with h = η₁ = Pμ.
      const d = base.mu.length;
      let moments: ReturnType<typeof naturalToMoments>;
      try {
        moments = naturalToMoments(eta, d);
      } catch (e) {
        // Outside the natural parameter space (−2Λ not positive definite) the integral diverges.
        if (e instanceof NotPositiveDefiniteError) return Number.POSITIVE_INFINITY;
        throw e;
      }
      const { mu, P } = moments;
      let q = 0;
      for (let i = 0; i < d; i++) q += eta[i]! * mu[i]!;
      return 0.5 * q - 0.5 * spdLogdet(P);
    },
    meanParameters: (eta, base) => {
      const d = base.mu.length;
      const { mu, Sigma } = naturalToMoments(eta, d);
      const out = new Float64Array(d + (d * (d + 1)) / 2);
      out.set(mu);
      vechIndices(d).forEach(([i, j], k) => {
        out[d + k] = Sigma.data[i * d + j]! + mu[i]! * mu[j]!;
      });
      return out;
    },
    fromMean: (m, base) => {
      const d = dimensionFromNatural(m.length);
      const mu = Float64Array.from({ length: d }, (_v, i) => m[i]!);
      const Sigma = new DenseMatrix(d, d);
      vechIndices(d).forEach(([i, j], k) => {
        Sigma.data[i * d + j] = Sigma.data[j * d + i] = m[d + k]! - mu[i]! * mu[j]!;
      });
      return { ...base, mu, Sigma };
    },
    naturalFisher: (eta, base) => {
      // Cov[T(x)] by Isserlis' theorem with means.
      const d = base.mu.length;
      const { mu, Sigma } = naturalToMoments(eta, d);
      const S = (a: number, b: number) => Sigma.data[a * d + b]!;
      const idx = vechIndices(d);
      const p = d + idx.length;
      const F = new DenseMatrix(p, p);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) F.data[a * p + b] = S(a, b);
      idx.forEach(([i, j], r) => {
        for (let a = 0; a < d; a++) {
          const v = mu[i]! * S(a, j) + mu[j]! * S(a, i);
          F.data[a * p + d + r] = F.data[(d + r) * p + a] = v;
        }
        idx.forEach(([k, l], c) => {
          F.data[(d + r) * p + d + c] =
            S(i, k) * S(j, l) +
            S(i, l) * S(j, k) +
            mu[i]! * mu[k]! * S(j, l) +
            mu[i]! * mu[l]! * S(j, k) +
            mu[j]! * mu[k]! * S(i, l) +
            mu[j]! * mu[l]! * S(i, k);
        });
      });
      return F;
    },
  },
});
