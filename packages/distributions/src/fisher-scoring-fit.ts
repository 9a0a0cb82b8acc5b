import { DenseMatrix, dot, matmul, solve } from '@infogeom/linalg';
import type { Family, FitOptions, FitResult } from './family.js';
import type { Params } from './parameter.js';
import type { Observation } from './support.js';

/** Relative rounding noise tolerated in a mean log-likelihood (64 ulps). */
const NOISE = 64 * Number.EPSILON;

function meanLogLik<P extends Params, X extends Observation>(
  f: Family<P, X>,
  params: P,
  data: readonly X[],
  w: ArrayLike<number> | undefined,
  wSum: number,
): number {
  const lp = f.logProbBatch(params, data);
  let s = 0;
  for (let i = 0; i < lp.length; i++) s += (w === undefined ? 1 : w[i]!) * lp[i]!;
  return s / wSum;
}

/**
 * Generic maximum likelihood by Fisher scoring in unconstrained coordinates η: the step solves
 * (Jᵀ I(θ) J + λI) Δ = Jᵀ ḡ_θ, with ḡ the mean score, followed by a backtracking line search on the mean
 * log-likelihood (λ grows when a step fails). Converges when the natural-gradient norm
 * √(ḡ_ηᵀ F_η⁻¹ ḡ_η) falls below `tol`, or when no step can improve the log-likelihood beyond its rounding
 * noise and the predicted gain ½ ḡ_ηᵀ F_η⁻¹ ḡ_η is below that noise too (the optimum to working precision).
 */
export function fisherScoringFit<P extends Params, X extends Observation>(
  family: Family<P, X>,
  data: readonly X[],
  options: FitOptions<P>,
): FitResult<P> {
  const base = (options.init ?? config(family, data, options)) as P;
  family.validate(base, 'options.init');
  const w = options.weights;
  const wSum = w === undefined ? data.length : Array.from(w).reduce((a, b) => a + b, 0);
  const tol = options.tol ?? 1e-10;
  const maxIterations = options.maxIterations ?? 200;
  const space = family.space;
  let eta = space.toUnconstrained(base);
  let params = base;
  let ll = meanLogLik(family, params, data, w, wSum);
  let lambda = 1e-8;
  let gradNorm = Number.POSITIVE_INFINITY;
  let converged = false;
  let it = 0;
  for (; it < maxIterations; it++) {
    const p = eta.length;
    const gTheta = new Float64Array(p);
    data.forEach((x, i) => {
      const s = family.score(params, x);
      const wi = w === undefined ? 1 : w[i]!;
      for (let k = 0; k < p; k++) gTheta[k]! += (wi * s[k]!) / wSum;
    });
    const J = space.jacobian(eta, params);
    const gEta = matmul(J.transpose(), new DenseMatrix(p, 1, gTheta)).data;
    const F = family.unconstrainedFisher(params);
    let accepted = false;
    for (let attempt = 0; attempt < 40 && !accepted && !converged; attempt++) {
      const A = F.clone();
      let scale = 0;
      for (let k = 0; k < p; k++) scale = Math.max(scale, Math.abs(A.data[k * p + k]!));
      for (let k = 0; k < p; k++) A.data[k * p + k]! += lambda * Math.max(scale, 1e-300);
      let step: Float64Array;
      try {
        step = solve(A, gEta);
      } catch {
        lambda = Math.max(lambda * 10, 1e-6);
        continue;
      }
      gradNorm = Math.sqrt(Math.max(dot(step, gEta), 0));
      if (gradNorm < tol) {
        converged = true;
        break;
      }
      for (let t = 1, halvings = 0; halvings < 30; t /= 2, halvings++) {
        const trial = Float64Array.from(eta, (e, k) => e + t * step[k]!);
        let cand: P;
        try {
          cand = space.fromUnconstrained(trial, params);
          family.validate(cand);
        } catch {
          continue;
        }
        const llc = meanLogLik(family, cand, data, w, wSum);
        if (Number.isFinite(llc) && llc >= ll - NOISE * Math.max(Math.abs(ll), 1)) {
          eta = trial;
          params = cand;
          ll = llc;
          accepted = true;
          lambda = Math.max(lambda / 10, 1e-12);
          break;
        }
      }
      if (!accepted) {
        // No step improves the log-likelihood beyond its rounding noise: if the predicted gain
        // ½ gᵀF⁻¹g is itself below that noise, this is the optimum to working precision.
        if (0.5 * gradNorm * gradNorm <= 16 * NOISE * Math.max(Math.abs(ll), 1)) converged = true;
        lambda *= 10;
        if (converged) break;
      }
    }
    if (converged || !accepted) break;
  }
  return {
    params,
    logLikelihood: ll * wSum,
    iterations: it,
    converged,
    gradientNorm: gradNorm,
  };
}

function config<P extends Params, X extends Observation>(
  f: Family<P, X>,
  data: readonly X[],
  options: FitOptions<P>,
): P {
  const start = { ...f.examples[0]!, ...(options.fixed ?? {}) } as P;
  return f.config.initialGuess?.(data, start) ?? start;
}
