import type { Family, Observation, Params } from '@infogeom/distributions';
import { InvalidArgumentError } from '@infogeom/linalg';
import { quadratic } from './fisher-rao-manifold.js';

/** One row of {@link klFisherCheck}. */
export interface KlFisherRatio {
  /** The step ε. */
  epsilon: number;
  /** KL(p_θ ‖ p_θ+εv). */
  kl: number;
  /** ½ ε² vᵀ I(θ) v. */
  quadratic: number;
  /** 2·KL / (ε² vᵀIv) — tends to 1 as ε → 0. */
  ratio: number;
}

/**
 * Checks the Fisher metric against the KL divergence: 2·KL(p_θ ‖ p_{θ+εv}) / (ε² vᵀ I(θ) v) for each ε in
 * `steps` (default 10⁻¹, 10⁻², 10⁻³), which tends to 1 as ε → 0 (the ratio − 1 is O(ε)).
 * @throws InvalidArgumentError for invalid params, a direction of the wrong length or a step leaving the domain
 */
export function klFisherCheck<P extends Params>(
  family: Family<P, Observation>,
  params: P,
  direction: ArrayLike<number>,
  steps: readonly number[] = [1e-1, 1e-2, 1e-3],
): KlFisherRatio[] {
  family.validate(params);
  const theta = family.space.toCoordinates(params);
  if (direction.length !== theta.length)
    throw new InvalidArgumentError('direction', direction, `a vector of length ${theta.length}`);
  const I = family.fisher(params);
  const vIv = quadratic(I, direction, direction);
  return steps.map((epsilon) => {
    const q = family.space.fromCoordinates(
      theta.map((t, i) => t + epsilon * direction[i]!),
      params,
    );
    family.validate(q, `params + ${epsilon}·direction`);
    const kl = family.kl(params, q);
    const quad = 0.5 * epsilon * epsilon * vIv;
    return { epsilon, kl, quadratic: quad, ratio: kl / quad };
  });
}
