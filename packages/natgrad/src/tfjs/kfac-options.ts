import type { KfacFisherType, KfacLikelihood } from '@infogeom/fisher/tfjs';
import { InvalidArgumentError, type Rng } from '@infogeom/linalg';

/**
 * How the curvature is damped before it is inverted (λ = the current damping).
 * - 'factored' (default): the π-adjusted factored Tikhonov damping of Martens & Grosse (2015, §6.3),
 *   (A + π√λ I)⁻¹ ⊗ (G + √λ/π I)⁻¹ with π = √((tr A / dim A) / (tr G / dim G)).
 * - 'exact': (A ⊗ G + λ I)⁻¹, exact through the eigendecompositions (kfac-pytorch's eigen method).
 */
export type KfacDampingMode = 'factored' | 'exact';

/** Levenberg–Marquardt adaptation of the damping (Martens & Grosse 2015, §6.5; KFAC-JAX). */
export interface KfacAdaptiveDamping {
  /** Steps between adaptations (default 5). */
  interval?: number;
  /** Per-step decay ω₁ (default 0.95): λ ← λ·ω₁^interval when ρ > 0.75, λ ← λ/ω₁^interval when ρ < 0.25. */
  decay?: number;
  /** Lower bound of λ (default 1e-8). */
  min?: number;
  /** Upper bound of λ (default 1e4). */
  max?: number;
}

/** Options of the K-FAC preconditioner and trainer. */
export interface KfacOptions {
  /** Output family (default categorical: softmax cross-entropy on logits). */
  likelihood?: KfacLikelihood;
  /** Labels of the curvature backward pass (default 'mc'; 'empirical' is not the Fisher, see Kunstner et al. 2019). */
  fisherType?: KfacFisherType;
  /** 'kfac' (default) or 'ekfac' (George et al. 2018: scalings re-estimated every factor update in the eigenbasis). */
  variant?: 'kfac' | 'ekfac';
  /** Initial damping λ > 0 (default 1e-3). */
  damping?: number;
  /** Damping mode (default 'factored'; EK-FAC always adds λ to its scalings). */
  dampingMode?: KfacDampingMode;
  /** Adapt λ by the Levenberg–Marquardt rule (off by default). */
  adaptiveDamping?: KfacAdaptiveDamping | boolean;
  /** Running-average decay of the factors (default 0.95): F ← decay·F + (1 − decay)·F_batch. */
  factorDecay?: number;
  /** Steps between factor updates (default 1). */
  factorUpdatePeriod?: number;
  /** Steps between eigendecompositions (default 20). */
  inverseUpdatePeriod?: number;
  /**
   * KL clipping (Ba, Grosse & Martens 2017; kfac-pytorch's `kl_clip`, default 1e-3; 0 disables): the
   * preconditioned gradient v is scaled by ν = min(1, √(c / |η² vᵀg|)).
   */
  klClip?: number;
  /** Learning rate η used by KL clipping and by the trainer (default 0.01 for the preconditioner, 0.1 for the trainer). */
  learningRate?: number;
  /** Generator of the 'mc' labels (default `createRng(0)`); its state is part of the saved state. */
  rng?: Rng;
}

/** Options with defaults filled in. */
export interface ResolvedKfacOptions {
  /** See {@link KfacOptions.likelihood}. */
  likelihood: KfacLikelihood;
  /** See {@link KfacOptions.fisherType}. */
  fisherType: KfacFisherType;
  /** See {@link KfacOptions.variant}. */
  variant: 'kfac' | 'ekfac';
  /** See {@link KfacOptions.damping}. */
  damping: number;
  /** See {@link KfacOptions.dampingMode}. */
  dampingMode: KfacDampingMode;
  /** Resolved LM adaptation, or null when off. */
  adaptive: Required<KfacAdaptiveDamping> | null;
  /** See {@link KfacOptions.factorDecay}. */
  factorDecay: number;
  /** See {@link KfacOptions.factorUpdatePeriod}. */
  factorUpdatePeriod: number;
  /** See {@link KfacOptions.inverseUpdatePeriod}. */
  inverseUpdatePeriod: number;
  /** See {@link KfacOptions.klClip}. */
  klClip: number;
  /** See {@link KfacOptions.learningRate}. */
  learningRate: number;
}

const positiveInt = (name: string, v: number): number => {
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(name, v, 'an integer ≥ 1');
  return v;
};

/**
 * Checks a damping value: finite and ≥ 0 (0 is accepted only while every damped factor stays
 * invertible, which the inverse update checks).
 * @param damping - λ
 */
export function checkDampingValue(damping: number): number {
  if (!(Number.isFinite(damping) && damping >= 0))
    throw new InvalidArgumentError('damping', damping, 'a finite λ ≥ 0');
  return damping;
}

/**
 * Fills in defaults and validates every option (typed errors name the option).
 * @param o - user options
 * @param defaultLearningRate - the learning-rate default of the caller
 */
export function resolveKfacOptions(o: KfacOptions, defaultLearningRate: number): ResolvedKfacOptions {
  const ad = o.adaptiveDamping;
  const adaptive =
    ad === undefined || ad === false
      ? null
      : { interval: 5, decay: 0.95, min: 1e-8, max: 1e4, ...(ad === true ? {} : ad) };
  if (adaptive !== null) {
    positiveInt('adaptiveDamping.interval', adaptive.interval);
    if (!(adaptive.decay > 0 && adaptive.decay < 1))
      throw new InvalidArgumentError('adaptiveDamping.decay', adaptive.decay, 'a number in (0, 1)');
    if (!(adaptive.min > 0 && adaptive.max >= adaptive.min && Number.isFinite(adaptive.max)))
      throw new InvalidArgumentError('adaptiveDamping.min', adaptive.min, '0 < min ≤ max < ∞');
  }
  const factorDecay = o.factorDecay ?? 0.95;
  if (!(factorDecay >= 0 && factorDecay < 1))
    throw new InvalidArgumentError('factorDecay', factorDecay, 'a number in [0, 1)');
  const klClip = o.klClip ?? 1e-3;
  if (!(Number.isFinite(klClip) && klClip >= 0))
    throw new InvalidArgumentError('klClip', klClip, 'a finite c ≥ 0');
  const learningRate = o.learningRate ?? defaultLearningRate;
  if (!(Number.isFinite(learningRate) && learningRate > 0))
    throw new InvalidArgumentError('learningRate', learningRate, 'a finite η > 0');
  const variant = o.variant ?? 'kfac';
  if (variant !== 'kfac' && variant !== 'ekfac')
    throw new InvalidArgumentError('variant', variant, "'kfac' or 'ekfac'");
  const dampingMode = o.dampingMode ?? 'factored';
  if (dampingMode !== 'factored' && dampingMode !== 'exact')
    throw new InvalidArgumentError('dampingMode', dampingMode, "'factored' or 'exact'");
  const fisherType = o.fisherType ?? 'mc';
  if (fisherType !== 'mc' && fisherType !== 'exact' && fisherType !== 'empirical')
    throw new InvalidArgumentError('fisherType', fisherType, "'mc', 'exact' or 'empirical'");
  return {
    likelihood: o.likelihood ?? { type: 'categorical' },
    fisherType,
    variant,
    damping: checkDampingValue(o.damping ?? 1e-3),
    dampingMode,
    adaptive,
    factorDecay,
    factorUpdatePeriod: positiveInt('factorUpdatePeriod', o.factorUpdatePeriod ?? 1),
    inverseUpdatePeriod: positiveInt('inverseUpdatePeriod', o.inverseUpdatePeriod ?? 20),
    klClip,
    learningRate,
  };
}
