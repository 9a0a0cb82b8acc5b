/**
 * Registers every built-in family (a side effect) and adds them to the type-level `FamilyRegistry`,
 * so `family('normal')` is typed and works.
 *
 * @packageDocumentation
 */
import {
  bernoulli,
  beta,
  binomial,
  categorical,
  diagonalNormal,
  dirichlet,
  exponential,
  gamma,
  geometric,
  laplace,
  logNormal,
  multinomial,
  multivariateNormal,
  negativeBinomial,
  normal,
  normalKnownSigma,
  poisson,
  studentT,
  vonMises,
  weibull,
} from './families/index.js';
import { type AnyFamily, registerFamily } from './registry.js';

declare module './registry.js' {
  interface FamilyRegistry {
    /** {@link normal} */
    normal: typeof normal;
    /** {@link normalKnownSigma} */
    normalKnownSigma: typeof normalKnownSigma;
    /** {@link multivariateNormal} */
    multivariateNormal: typeof multivariateNormal;
    /** {@link diagonalNormal} */
    diagonalNormal: typeof diagonalNormal;
    /** {@link logNormal} */
    logNormal: typeof logNormal;
    /** {@link laplace} */
    laplace: typeof laplace;
    /** {@link studentT} */
    studentT: typeof studentT;
    /** {@link exponential} */
    exponential: typeof exponential;
    /** {@link gamma} */
    gamma: typeof gamma;
    /** {@link beta} */
    beta: typeof beta;
    /** {@link weibull} */
    weibull: typeof weibull;
    /** {@link vonMises} */
    vonMises: typeof vonMises;
    /** {@link bernoulli} */
    bernoulli: typeof bernoulli;
    /** {@link binomial} */
    binomial: typeof binomial;
    /** {@link categorical} */
    categorical: typeof categorical;
    /** {@link multinomial} */
    multinomial: typeof multinomial;
    /** {@link dirichlet} */
    dirichlet: typeof dirichlet;
    /** {@link poisson} */
    poisson: typeof poisson;
    /** {@link geometric} */
    geometric: typeof geometric;
    /** {@link negativeBinomial} */
    negativeBinomial: typeof negativeBinomial;
  }
}

/** The built-in families, in registration order. */
export const builtinFamilies = [
  normal,
  normalKnownSigma,
  multivariateNormal,
  diagonalNormal,
  logNormal,
  laplace,
  studentT,
  exponential,
  gamma,
  beta,
  weibull,
  vonMises,
  bernoulli,
  binomial,
  categorical,
  multinomial,
  dirichlet,
  poisson,
  geometric,
  negativeBinomial,
] as const;

for (const f of builtinFamilies) registerFamily(f as unknown as AnyFamily);
