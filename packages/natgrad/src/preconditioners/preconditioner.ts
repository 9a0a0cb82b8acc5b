import type { FisherOperator } from '@infogeom/fisher';

/**
 * A preconditioner prepared for one Fisher operator (one iterate): it turns a gradient g into the
 * damped natural-gradient direction (F̃ + λI)⁻¹g, where F̃ is the preconditioner's view of F (F itself,
 * its diagonal, an iterative solve, …).
 */
export interface PreparedPreconditioner {
  /**
   * (F̃ + λI)⁻¹ g.
   * @param gradient - g, length dim
   * @param damping - λ ≥ 0
   * @param guess - a starting point for iterative solvers (e.g. the previous direction)
   * @throws SingularMatrixError naming `damping` when F̃ + λI is singular
   */
  solve(gradient: Float64Array, damping: number, guess?: Float64Array): Float64Array;
  /** Work done by the last solve (e.g. CG iterations); 0 for direct solvers. */
  readonly lastIterations: number;
}

/**
 * A preconditioner plugin (DESIGN: "how a gradient becomes a natural gradient"): a plain config object,
 * registered with {@link registerPreconditioner} and typed through {@link PreconditionerRegistry}.
 *
 * @typeParam O - the plugin's own options
 */
export interface PreconditionerConfig<O extends object = object> {
  /** Registry name (an identifier, e.g. `'cg'`). */
  readonly name: string;
  /** One line on how it approximates (F + λI)⁻¹. */
  readonly description: string;
  /** Default values of the options. */
  readonly defaults: Readonly<O>;
  /**
   * Prepares the damped solve for one Fisher operator.
   * @param fisher - the Fisher operator at the current iterate
   * @param options - the defaults merged with the caller's options
   */
  prepare(fisher: FisherOperator, options: Readonly<O>): PreparedPreconditioner;
}

/** The options type of a preconditioner config. */
export type PreconditionerOptionsOf<C> = C extends PreconditionerConfig<infer O> ? O : never;
