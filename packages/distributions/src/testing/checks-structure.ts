import { DenseMatrix, gradient, hessian, inverse, jacobian, matmul, slogdet } from '@infogeom/linalg';
import { wrapAngle } from '../constraint.js';
import { finiteDifferenceStep } from '../finite-difference-step.js';
import { fisherScoringFit } from '../fisher-scoring-fit.js';
import type { Params } from '../parameter.js';
import type { Observation } from '../support.js';
import { ConformanceError, expectClose, expectMatrixClose } from './compare.js';
import { type CheckContext, expectationTolerance } from './context.js';

/** Coordinates that are angles (differences are wrapped). */
function angleMask<P extends Params, X extends Observation>(c: CheckContext<P, X>): boolean[] {
  return c.family.space.coordinateSpecs(c.params).map((s) => s.constraint.kind === 'circle');
}

function coordDiff(mask: boolean[], a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from(mask, (isAngle, i) => (isAngle ? wrapAngle(a[i]! - b[i]!) : a[i]! - b[i]!));
}

/** Round trips through unconstrained coordinates, J = ∂θ/∂η and log|det J| against finite differences, and Jᵀ I J. */
export function checkReparameterisation<P extends Params, X extends Observation>(
  c: CheckContext<P, X>,
): void {
  const space = c.family.space;
  const theta = space.toCoordinates(c.params);
  const eta = space.toUnconstrained(c.params);
  const mask = angleMask(c);
  expectClose(
    'θ after η round trip',
    coordDiff(mask, space.toCoordinates(space.fromUnconstrained(eta, c.params)), theta),
    new Float64Array(theta.length),
    0,
    1e-10 * (1 + Math.max(...theta.map(Math.abs))),
  );
  expectClose(
    'θ after θ round trip',
    space.toCoordinates(space.fromCoordinates(theta, c.params)),
    theta,
    1e-14,
    1e-300,
  );
  const J = space.jacobian(eta, c.params);
  // Differences are taken relative to θ and wrapped, so an angle near ±π does not jump by 2π.
  const Jfd = jacobian(
    (e: Float64Array) => coordDiff(mask, space.toCoordinates(space.fromUnconstrained(e, c.params)), theta),
    eta,
  );
  expectMatrixClose('∂θ/∂η vs finite differences', J, Jfd, 1e-7);
  const { sign, logAbsDet } = slogdet(J);
  if (sign === 0) throw new ConformanceError('∂θ/∂η is singular');
  expectClose('log|det ∂θ/∂η|', [space.logAbsDetJacobian(eta, c.params)], [logAbsDet], 1e-9, 1e-9);
  // Fisher in η: Jᵀ I J, against the outer product of scores differentiated directly in η.
  const Ieta = c.family.unconstrainedFisher(c.params);
  expectMatrixClose(
    'unconstrainedFisher vs Jᵀ I J',
    Ieta,
    matmul(J.transpose(), matmul(c.family.fisher(c.params), J)),
    1e-12,
  );
  const x = c.family.sample(c.params, c.rng(), 1)[0]!;
  const sEta = gradient((e: Float64Array) => c.family.logProb(space.fromUnconstrained(e, c.params), x), eta);
  const sTheta = c.family.score(c.params, x);
  const viaJ = matmul(J.transpose(), new DenseMatrix(theta.length, 1, sTheta)).data;
  let scale = 1;
  for (const v of sEta) scale = Math.max(scale, Math.abs(v));
  expectClose('score in η vs Jᵀ score in θ', viaJ, sEta, 0, 1e-6 * scale);
}

/** Exponential-family structure: density identity, ∇A = E[T], ∇²A vs numerical Hessian, conversions, Fisher = Jᵀ ∇²A J. */
export function checkExponentialFamily<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const ef = c.family.exponentialFamily;
  if (ef === undefined) return;
  const p = c.params;
  const eta = ef.toNatural(p);
  const A = ef.logPartition(eta, p);
  for (const x of c.family.sample(p, c.rng(), 10)) {
    const t = ef.sufficientStatistic(x, p);
    let dotp = 0;
    for (let i = 0; i < t.length; i++) dotp += eta[i]! * t[i]!;
    const lp = c.family.logProb(p, x);
    expectClose(
      `log p(x) = ⟨η, T(x)⟩ − A(η) + log h(x) at x = ${String(x)}`,
      [dotp - A + ef.logBaseMeasure(x, p)],
      [lp],
      1e-10,
      1e-10,
    );
  }
  const mu = ef.meanParameters(eta, p);
  const eT = c.expect((x) => ef.sufficientStatistic(x, p));
  expectClose('∇A(η) vs E[T(x)]', mu, eT.value, 1e-7, expectationTolerance(eT, 1e-9));
  // A(η) is analytic but may have a pole close by (−r log(1 − e^η) at η → 0⁻): start the differences small.
  const natStep = { step: 1e-3 };
  const gradA = gradient((e: Float64Array) => ef.logPartition(e, p), eta, natStep);
  expectClose('∇A(η) vs finite differences', mu, gradA, 1e-7, 1e-9);
  const H = hessian((e: Float64Array) => ef.logPartition(e, p), eta, natStep);
  const natF = ef.naturalFisher(eta, p);
  expectMatrixClose('natural Fisher ∇²A vs finite differences', natF, H, 1e-6);
  const theta = c.family.space.toCoordinates(p);
  expectClose(
    'fromNatural(toNatural(p))',
    c.family.space.toCoordinates(ef.fromNatural(eta, p)),
    theta,
    1e-9,
    1e-12,
  );
  expectClose('fromMean(∇A(η))', c.family.space.toCoordinates(ef.fromMean(mu, p)), theta, 1e-8, 1e-11);
  const dEta = jacobian((t: Float64Array) => ef.toNatural(c.family.space.fromCoordinates(t, p)), theta, {
    step: finiteDifferenceStep(c.family.space, p),
  });
  expectMatrixClose(
    'Fisher in θ vs Jᵀ ∇²A J',
    c.family.fisher(p),
    matmul(dEta.transpose(), matmul(natF, dEta)),
    1e-6,
  );
}

/** The MLE of a large sample lies within a few standard errors of the truth; a closed-form fit matches Fisher scoring. */
export function checkFit<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const n = Math.min(c.samples, 4000);
  const data = c.family.sample(c.params, c.rng(), n);
  const fixed = Object.fromEntries(
    c.family.space.specs.filter((s) => s.fixed === true).map((s) => [s.name, c.params[s.name]]),
  );
  const fit = c.family.fit(data, { fixed: fixed as Partial<P>, init: c.params });
  if (!fit.converged)
    throw new ConformanceError(
      `fit did not converge (${fit.iterations} iterations, gradient ${fit.gradientNorm})`,
    );
  const mask = angleMask(c);
  const theta = c.family.space.toCoordinates(c.params);
  const d = coordDiff(mask, c.family.space.toCoordinates(fit.params), theta);
  const cov = inverse(c.family.fisher(c.params));
  expectClose(
    'MLE − θ',
    d,
    new Float64Array(d.length),
    0,
    Float64Array.from(cov.diag(), (v) => 6 * Math.sqrt(Math.max(v, 0) / n) + 1e-9),
  );
  if (c.family.closedForm.fit) {
    const generic = fisherScoringFit(c.family, data, { init: c.params });
    const g = coordDiff(
      mask,
      c.family.space.toCoordinates(generic.params),
      c.family.space.toCoordinates(fit.params),
    );
    expectClose(
      'closed-form MLE vs Fisher scoring',
      g,
      new Float64Array(g.length),
      0,
      Float64Array.from(cov.diag(), (v) => 1e-5 * Math.sqrt(v / n) + 1e-9),
    );
  }
  if (!Number.isFinite(fit.logLikelihood))
    throw new ConformanceError(`fit log-likelihood is ${fit.logLikelihood}`);
}
