import type { DenseMatrix } from '@infogeom/linalg';
import type { Constraint } from './constraint.js';

/** The shape of a parameter value: a number, a vector (Float64Array) or a matrix (DenseMatrix). */
export type ParamShape = 'scalar' | 'vector' | 'matrix';

/** A parameter's value. */
export type ParamValue = number | Float64Array | DenseMatrix;

/**
 * A family's parameters: named values. Declare a family's params with a `type` alias (not an `interface`,
 * which TypeScript does not give an implicit index signature).
 */
export type Params = { readonly [name: string]: ParamValue };

/** Declaration of one named parameter of a family. */
export interface ParamSpec {
  /** Name, the key in the params object. */
  readonly name: string;
  /** Shape of its value. */
  readonly shape: ParamShape;
  /** The values it may take (also defines the unconstrained bijection). */
  readonly constraint: Constraint;
  /**
   * A fixed hyperparameter (a trial count, known σ, degrees of freedom): part of the params object,
   * validated, but not a coordinate — Fisher information, score and fitting ignore it.
   */
  readonly fixed?: boolean;
  /** One-line meaning, with the convention (rate vs scale, failures vs trials). */
  readonly description: string;
}
