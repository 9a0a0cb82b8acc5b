import { DenseMatrix, gradient, hessian, jacobian } from '@infogeom/linalg';
import { finiteDifferenceStep } from '../finite-difference-step.js';
import type { ParamSpec, Params } from '../parameter.js';
import type { Observation } from '../support.js';
import { ConformanceError, expectClose, expectMatrixClose } from './compare.js';
import { type CheckContext, expectationTolerance } from './context.js';

function outer(s: ArrayLike<number>): Float64Array {
  const p = s.length;
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = s[i]! * s[j]!;
  return out;
}

/** Scale of each coordinate's score: √I_ii (so tolerances are relative to the score's spread). */
function scoreScales<P extends Params, X extends Observation>(c: CheckContext<P, X>): Float64Array {
  const I = c.family.fisher(c.params);
  return Float64Array.from(I.diag(), (v) => Math.sqrt(Math.max(v, 0)));
}

/** E[score] = 0. */
export function checkScoreMeanZero<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const e = c.expect((x) => c.family.score(c.params, x));
  const scales = scoreScales(c);
  const zero = new Float64Array(e.value.length);
  const tol = expectationTolerance(e, 0).map((t, i) => t + 1e-7 * (scales[i]! + 1));
  expectClose('E[score]', e.value, zero, 0, tol);
}

/** A closed-form score agrees with finite differences of logProb at sampled points. */
export function checkScoreFiniteDifference<P extends Params, X extends Observation>(
  c: CheckContext<P, X>,
): void {
  if (!c.family.closedForm.score) return;
  const space = c.family.space;
  const theta = space.toCoordinates(c.params);
  for (const x of c.family.sample(c.params, c.rng(), 8)) {
    const fd = gradient((t: Float64Array) => c.family.logProb(space.fromCoordinates(t, c.params), x), theta, {
      step: finiteDifferenceStep(space, c.params),
    });
    const s = c.family.score(c.params, x);
    let scale = 1;
    for (const v of fd) scale = Math.max(scale, Math.abs(v));
    expectClose(`score at x = ${String(x)} vs finite differences`, s, fd, 0, 1e-6 * scale);
  }
}

/** fisher() equals E[score scoreᵀ]. */
export function checkFisherOuterProduct<P extends Params, X extends Observation>(
  c: CheckContext<P, X>,
): void {
  if (!c.family.closedForm.fisher) return; // the fallback is that expectation itself
  const I = c.family.fisher(c.params);
  const e = c.expect((x) => outer(c.family.score(c.params, x)));
  const p = I.rows;
  expectMatrixClose(
    'Fisher vs E[score scoreᵀ]',
    I,
    new DenseMatrix(p, p, e.value),
    1e-7,
    expectationTolerance(e, 0),
  );
}

/** fisher() equals −E[∇² log p] (Hessian by differentiating the score, or logProb twice). */
export function checkFisherHessian<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const space = c.family.space;
  const theta = space.toCoordinates(c.params);
  const p = theta.length;
  const step = finiteDifferenceStep(space, c.params);
  const negHessian = (x: X): Float64Array => {
    const H = c.family.closedForm.score
      ? jacobian((t: Float64Array) => c.family.score(space.fromCoordinates(t, c.params), x), theta, { step })
      : hessian((t: Float64Array) => c.family.logProb(space.fromCoordinates(t, c.params), x), theta, {
          step,
        });
    return Float64Array.from(H.data, (v, k) => -(v + H.data[(k % p) * p + Math.floor(k / p)]!) / 2);
  };
  const e = c.expect(negHessian, Math.min(c.samples, 4000));
  const I = c.family.fisher(c.params);
  expectMatrixClose(
    'Fisher vs −E[Hessian]',
    I,
    new DenseMatrix(p, p, e.value),
    1e-5,
    expectationTolerance(e, 0),
  );
}

/** KL(p_θ ‖ p_θ+dθ) ≈ ½ dθᵀ I(θ) dθ for a small dθ, KL(p ‖ p) = 0 and KL ≥ 0 between examples. */
export function checkKlLocal<P extends Params, X extends Observation>(c: CheckContext<P, X>): void {
  const f = c.family;
  const self = f.kl(c.params, c.params);
  if (Math.abs(self) > 1e-10) throw new ConformanceError(`KL(p ‖ p) = ${self}, expected 0`);
  for (const q of f.examples) {
    if (!sameModel(f.space.specs, q, c.params)) continue;
    const e = f.estimateKl(c.params, q, { rng: c.rng(), samples: c.samples });
    if (e.value < -5 * e.standardError - 1e-12) throw new ConformanceError(`KL(p ‖ q) = ${e.value} < 0`);
  }
  if (!f.closedForm.kl && f.support(c.params).kind === 'vector') return; // Monte Carlo KL cannot resolve 1e-6
  const space = f.space;
  const theta = space.toCoordinates(c.params);
  const I = f.fisher(c.params);
  const rng = c.rng();
  for (let trial = 0; trial < 3; trial++) {
    const dir = Float64Array.from(theta, (_t, i) => rng.normal() / Math.sqrt(Math.max(I.get(i, i), 1e-300)));
    let quad = 0;
    for (let i = 0; i < theta.length; i++)
      for (let j = 0; j < theta.length; j++) quad += dir[i]! * I.get(i, j) * dir[j]!;
    const eps = Math.sqrt(2e-6 / quad);
    const q = space.fromCoordinates(
      Float64Array.from(theta, (t, i) => t + eps * dir[i]!),
      c.params,
    );
    const kl = f.kl(c.params, q);
    const ratio = kl / (0.5 * eps * eps * quad);
    if (!(Math.abs(ratio - 1) < 0.02)) {
      throw new ConformanceError(`KL(p_θ ‖ p_θ+dθ) / (½ dθᵀ I dθ) = ${ratio}, expected 1 ± 0.02`);
    }
  }
}

/** Two params are comparable when vector lengths, matrix sizes and fixed hyperparameters agree. */
function sameModel(specs: readonly ParamSpec[], a: Params, b: Params): boolean {
  for (const s of specs) {
    const x = a[s.name];
    const y = b[s.name];
    if (x instanceof Float64Array && (!(y instanceof Float64Array) || x.length !== y.length)) return false;
    if (x instanceof DenseMatrix && (!(y instanceof DenseMatrix) || x.rows !== y.rows)) return false;
    if (s.fixed === true && x !== y) return false;
  }
  return true;
}
