import { exponential, normal, poisson } from '@infogeom/distributions';
import { createRng } from '@infogeom/linalg';

/** The families of the Cramér–Rao figure, each with the one parameter shown. */
export const CR_FAMILIES = {
  poisson: { label: 'Poisson rate λ = 4', theta: 4, fisher: () => poisson.fisher({ rate: 4 }).get(0, 0) },
  exponential: {
    label: 'Exponential rate λ = 2',
    theta: 2,
    fisher: () => exponential.fisher({ rate: 2 }).get(0, 0),
  },
  // I is diagonal in (μ, σ), so the bound on σ̂ with μ estimated too is 1/I_σσ = σ²/2.
  normalSigma: {
    label: 'Normal σ = 1.5 (μ estimated too)',
    theta: 1.5,
    fisher: () => normal.fisher({ mu: 0, sigma: 1.5 }).get(1, 1),
  },
} as const;

/** A family key of {@link CR_FAMILIES}. */
export type CrFamily = keyof typeof CR_FAMILIES;

function draw(family: CrFamily, rng: ReturnType<typeof createRng>, n: number): number {
  switch (family) {
    case 'poisson':
      return poisson.fit(poisson.sample({ rate: 4 }, rng, n)).params.rate;
    case 'exponential':
      return exponential.fit(exponential.sample({ rate: 2 }, rng, n)).params.rate;
    case 'normalSigma':
      return normal.fit(normal.sample({ mu: 0, sigma: 1.5 }, rng, n)).params.sigma;
  }
}

/** Result of {@link simulateMle}. */
export interface MleSimulation {
  /** √n (θ̂ − θ) for every replicate. */
  readonly scaled: Float64Array;
  /** n · Var(θ̂) over the replicates. */
  readonly nVariance: number;
  /** The Cramér–Rao value 1/I(θ) for one observation. */
  readonly bound: number;
}

/**
 * `reps` data sets of size n from the family at its true θ (seeded), each fitted by maximum likelihood.
 * Deterministic for a seed; calls `onProgress(fraction)` as it goes.
 */
export function simulateMle(
  family: CrFamily,
  n: number,
  reps: number,
  seed: number,
  onProgress?: (fraction: number) => void,
): MleSimulation {
  const rng = createRng(seed);
  const { theta, fisher } = CR_FAMILIES[family];
  const scaled = new Float64Array(reps);
  let mean = 0;
  const every = Math.max(1, Math.floor(reps / 50));
  for (let r = 0; r < reps; r++) {
    const est = draw(family, rng, n);
    scaled[r] = Math.sqrt(n) * (est - theta);
    mean += est;
    if (onProgress !== undefined && (r + 1) % every === 0) onProgress((r + 1) / reps);
  }
  mean /= reps;
  let v = 0;
  for (let r = 0; r < reps; r++) {
    const e = scaled[r]! / Math.sqrt(n) + theta - mean;
    v += e * e;
  }
  onProgress?.(1);
  return { scaled, nVariance: (n * v) / (reps - 1), bound: 1 / fisher() };
}
