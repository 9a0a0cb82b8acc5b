/**
 * Fisher information of every built-in family against independent references
 * (`fixtures/fisher.json`, written by `fixtures/generate_fisher.py`): log p written from first
 * principles in mpmath at 40 digits, the score by mpmath.diff, and E[score scoreᵀ] taken exactly by
 * quadrature, summation, enumeration or Gauss–Hermite cubature (the Dirichlet by −E[Hessian]); each
 * case records its route.
 *
 * The comparison is scale-invariant: max over (i, j) of |I_ij − R_ij| / √(R_ii R_jj). It bounds the
 * error relative to the largest entry (|R_ij| ≤ √(R_ii R_jj) ≤ max R_kk for a positive semidefinite R)
 * and also tests small diagonal entries at their own scale (e.g. the κ entry of a concentrated
 * von Mises, 10⁻⁵ beside 150).
 */
import { readFileSync } from 'node:fs';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import type { Params, ParamValue } from '../parameter.js';
import '../register-all.js';
import { type AnyFamily, listFamilies } from '../registry.js';
import * as families from './index.js';

type FisherCase = {
  params: Record<string, number | number[] | number[][]>;
  fisher: number[][];
  route: string;
  tolerance: number;
};

const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/fisher.json', import.meta.url), 'utf8'),
) as Record<string, FisherCase[]>;

/** Why each family's tolerance is what it is (the fixtures' own `tolerance` must agree). */
const CLOSED_FORM = 1e-10;
const SPECIAL_FUNCTION = 1e-7;
const toleranceReason: Record<string, [number, string]> = {
  normal: [CLOSED_FORM, 'closed form diag(1/σ², 2/σ²)'],
  normalKnownSigma: [CLOSED_FORM, 'closed form 1/σ²'],
  multivariateNormal: [CLOSED_FORM, 'closed form in Σ⁻¹ (Cholesky, elementary arithmetic)'],
  diagonalNormal: [CLOSED_FORM, 'closed form diag(1/σᵢ², 2/σᵢ²)'],
  logNormal: [CLOSED_FORM, 'closed form diag(1/σ², 2/σ²)'],
  laplace: [CLOSED_FORM, 'closed form diag(1/b², 1/b²)'],
  studentT: [CLOSED_FORM, 'closed form in ν and σ'],
  exponential: [CLOSED_FORM, 'closed form 1/λ²'],
  gamma: [SPECIAL_FUNCTION, 'trigamma(α) is a special-function evaluation'],
  beta: [SPECIAL_FUNCTION, 'trigamma of α, β and α + β'],
  weibull: [CLOSED_FORM, "closed form in k, λ, Euler's γ and π²/6"],
  vonMises: [
    SPECIAL_FUNCTION,
    "Bessel ratio A(κ) = I₁/I₀ and A'(κ) by cancellation (κ ≤ 200) or an asymptotic series (κ > 200)",
  ],
  bernoulli: [CLOSED_FORM, 'closed form 1/(p(1 − p))'],
  binomial: [CLOSED_FORM, 'closed form n/(p(1 − p))'],
  categorical: [CLOSED_FORM, 'closed form diag(1/pᵢ) + 1/p_k'],
  multinomial: [CLOSED_FORM, 'closed form n(diag(1/pᵢ) + 1/p_k)'],
  dirichlet: [SPECIAL_FUNCTION, 'trigamma of each αᵢ and of α₀'],
  poisson: [CLOSED_FORM, 'closed form 1/λ'],
  geometric: [CLOSED_FORM, 'closed form 1/(p²(1 − p))'],
  negativeBinomial: [CLOSED_FORM, 'closed form r/(p²(1 − p))'],
};

/** The built-in family objects exported by './index.js', by registry name. */
const byName = new Map<string, AnyFamily>();
for (const value of Object.values(families)) {
  if (typeof value === 'object' && value !== null && 'fisher' in value && 'space' in value) {
    const f = value as unknown as AnyFamily;
    byName.set(f.name, f);
  }
}

/** JSON params → the family's params: arrays become Float64Array, nested arrays DenseMatrix. */
function toParams(raw: FisherCase['params']): Params {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'number') out[k] = v;
    else if (v.length > 0 && Array.isArray(v[0])) out[k] = DenseMatrix.from(v as number[][]);
    else out[k] = Float64Array.from(v as number[]);
  }
  return out as Params;
}

/** max |I_ij − R_ij| / √(R_ii R_jj) (see the file comment). */
function scaledError(ours: DenseMatrix, ref: number[][]): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++)
    for (let j = 0; j < ref.length; j++) {
      const scale = Math.sqrt(ref[i]![i]! * ref[j]![j]!);
      worst = Math.max(worst, Math.abs(ours.data[i * ours.cols + j]! - ref[i]![j]!) / scale);
    }
  return worst;
}

describe('Fisher information against independent (mpmath) references', () => {
  it('every registered family has Fisher fixtures, a family object and a stated tolerance', () => {
    const registered = listFamilies();
    expect(registered.length).toBeGreaterThanOrEqual(20);
    for (const name of registered) {
      expect(fixtures[name]?.length ?? 0, `Fisher fixtures for ${name}`).toBeGreaterThanOrEqual(2);
      expect(byName.has(name), `${name} exported from ./index.js`).toBe(true);
      expect(toleranceReason[name], `tolerance for ${name}`).toBeDefined();
    }
    expect(Object.keys(fixtures).sort()).toEqual(registered);
  });

  for (const [name, cases] of Object.entries(fixtures)) {
    const [tolerance, reason] = toleranceReason[name] ?? [Number.NaN, 'no stated tolerance'];
    describe(`${name} (${tolerance}: ${reason})`, () => {
      for (const c of cases) {
        it(`at ${JSON.stringify(c.params)}`, () => {
          expect(c.tolerance).toBe(tolerance);
          const f = byName.get(name);
          expect(f, `family ${name}`).toBeDefined();
          const params = toParams(c.params);
          f!.validate(params);
          const ours = f!.fisher(params);
          const p = f!.space.dimension(params);
          expect([ours.rows, ours.cols]).toEqual([p, p]);
          expect(c.fisher.length).toBe(p);
          expect(
            scaledError(ours, c.fisher),
            `${name} ${JSON.stringify(c.params)} (${c.route})`,
          ).toBeLessThan(tolerance);
        });
      }
    });
  }
});
