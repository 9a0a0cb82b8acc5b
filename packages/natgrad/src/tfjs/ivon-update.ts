/**
 * The arithmetic of one IVON step on flat weight arrays, fused into single passes over the weights (the tfjs
 * side only computes gradients). Kept apart from the tfjs plumbing so that it can be read against the paper.
 */

/** The IVON hyperparameters the update needs. */
export interface IvonUpdateHyper {
  /** Effective learning rate (lr, times h₀ + δ when rescaled). */
  lr: number;
  /** Effective sample size λ. */
  ess: number;
  /** Momentum β₁. */
  beta1: number;
  /** Hessian averaging β₂. */
  beta2: number;
  /** Weight decay δ. */
  weightDecay: number;
  /** Clip radius ξ (∞: none). */
  clipRadius: number;
  /** Bias-correct the momentum. */
  debias: boolean;
}

/** The variational state on flat arrays (parameter tensors concatenated in order). */
export interface IvonArrays {
  /** Posterior mean m. */
  mean: Float32Array;
  /** Hessian estimate h. */
  hessian: Float32Array;
  /** Gradient momentum ḡ. */
  momentum: Float32Array;
  /** Cached 1/σ = √(λ(h + δ)), kept in step with `hessian` by {@link ivonUpdate} and {@link ivonRefreshScale}. */
  scale: Float64Array;
}

/** Recomputes the cached scale 1/σ = √(λ(h + δ)) from the Hessian estimate (after a state restore). */
export function ivonRefreshScale(s: IvonArrays, ess: number, weightDecay: number): void {
  const { hessian, scale } = s;
  for (let j = 0; j < hessian.length; j++) scale[j] = Math.sqrt(ess * ((hessian[j] as number) + weightDecay));
}

/** Writes the weight sample θ = m + ε with ε = z σ, σ = 1/√(λ(h + δ)), into `theta`. */
export function ivonSampleWeights(s: IvonArrays, z: Float32Array, theta: Float32Array): Float32Array {
  const { mean, scale } = s;
  for (let j = 0; j < mean.length; j++)
    theta[j] = (mean[j] as number) + (z[j] as number) / (scale[j] as number);
  return theta;
}

/**
 * Adds one sample's gradient g to the running means ĝ += w g and ĥ += w g ε/σ² = w g z/σ (the
 * reparameterisation-trick Hessian estimate), reading `grad` at offset `offset` of the flat layout.
 */
export function ivonAccumulate(
  s: IvonArrays,
  grad: Float32Array,
  z: Float32Array,
  offset: number,
  weight: number,
  gHat: Float64Array,
  hHat: Float64Array,
): void {
  const { scale } = s;
  for (let i = 0; i < grad.length; i++) {
    const j = offset + i;
    const gi = weight * (grad[i] as number);
    gHat[j] = (gHat[j] as number) + gi;
    hHat[j] = (hHat[j] as number) + gi * (z[j] as number) * (scale[j] as number);
  }
}

/** Σ v², NaN/∞ when `v` holds a non-finite entry. */
export function sumOfSquares(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += (v[j] as number) * (v[j] as number);
  return s;
}

/**
 * Step t ≥ 1 in place: ḡ ← β₁ḡ + (1−β₁)ĝ; h ← β₂h + (1−β₂)ĥ + ½(1−β₂)²(h − ĥ)²/(h + δ);
 * m ← m − α clip((ḡ/(1 − β₁ᵗ) + δm)/(h + δ), ±ξ) with the new h; refreshes the cached scale.
 */
export function ivonUpdate(
  s: IvonArrays,
  gHat: Float64Array,
  hHat: Float64Array,
  hp: IvonUpdateHyper,
  t: number,
): void {
  const { mean, hessian, momentum, scale } = s;
  const { beta1: b1, beta2: b2, weightDecay: wd, lr, clipRadius: xi, ess } = hp;
  const debias = hp.debias ? 1 / (1 - b1 ** t) : 1;
  const c = 0.5 * (1 - b2) ** 2;
  for (let j = 0; j < mean.length; j++) {
    const g = b1 * (momentum[j] as number) + (1 - b1) * (gHat[j] as number);
    const h = hessian[j] as number;
    const hh = hHat[j] as number;
    const hNew = b2 * h + (1 - b2) * hh + (c * (h - hh) * (h - hh)) / (h + wd);
    const m = mean[j] as number;
    const u = (g * debias + wd * m) / (hNew + wd);
    momentum[j] = g;
    hessian[j] = hNew;
    scale[j] = Math.sqrt(ess * (Math.fround(hNew) + wd));
    mean[j] = m - lr * (u > xi ? xi : Math.max(u, -xi));
  }
}
