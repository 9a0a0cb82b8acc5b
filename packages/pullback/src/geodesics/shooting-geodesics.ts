import { DimensionMismatchError, InvalidArgumentError } from '@infogeom/linalg';
import type { LatentMetric } from '../decoders/decoder.js';
import { completeMetric } from '../metrics/complete-metric.js';
import { type GeodesicFlowProblem, integrateGeodesicFlows } from './geodesic-flows.js';
import type { GeodesicResult } from './geodesic-types.js';
import type { ShootingOptions } from './shooting.js';

/** One boundary-value problem of {@link shootingGeodesics}. */
export interface ShootingProblem {
  /** Start point z₀. */
  z0: ArrayLike<number>;
  /** End point z₁. */
  z1: ArrayLike<number>;
  /** Start for the initial velocity, in the basin of the wanted geodesic (e.g. an energy solution's). */
  v0: ArrayLike<number>;
  /**
   * Give up (unconverged) when, after two Newton steps, the current initial velocity is longer than
   * this (‖v‖_G at z₀ = the length of the shot): Newton is then heading for a longer geodesic than the
   * one wanted. `geodesic`'s polish passes the energy solution's length × 1.01.
   */
  maxLength?: number;
  /**
   * The start is a near-solution to polish (`geodesic`'s and `geodesics`' refinement of an energy solution):
   * give up (unconverged) when the first integration needs more than 1,000 steps, or when the miss has not
   * fallen fourfold within two Newton iterations — from inside the basin Newton converges quadratically
   * (on the MNIST decoder's bench pairs the miss fell 28 – 400× in two), while a start it cannot polish only
   * crawls (one pair: 0.43 → 0.40 → 0.33 over twenty integrations) and costs many times the energy solve.
   */
  polish?: boolean;
}

/** Step cap of the first integration of a polish (see {@link ShootingProblem.polish}). */
const POLISH_START_STEPS = 1000;

/** Local error tolerance of the integrations that decide convergence (as `exponentialMap`). */
const FINAL_RTOL = 1e-10;
/** Local error tolerance of the first integration (from an energy solution, the miss is ~1e-2). */
const START_RTOL = 1e-5;
/** Relative forward-difference step of ∂exp/∂v: the perturbed trajectories share the steps of the base, so the
 * difference has no integration noise, only rounding; a small step keeps its truncation error below the
 * quadratic Newton term. */
const FD_STEP = 1e-8;

function solveSmall(A: Float64Array, b: Float64Array, d: number): Float64Array | undefined {
  const a = A.slice();
  const x = b.slice();
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let i = c + 1; i < d; i++) if (Math.abs(a[i * d + c]!) > Math.abs(a[p * d + c]!)) p = i;
    if (!(Math.abs(a[p * d + c]!) > 1e-300)) return undefined;
    if (p !== c) {
      for (let j = 0; j < d; j++) [a[c * d + j], a[p * d + j]] = [a[p * d + j]!, a[c * d + j]!];
      [x[c], x[p]] = [x[p]!, x[c]!];
    }
    for (let i = c + 1; i < d; i++) {
      const f = a[i * d + c]! / a[c * d + c]!;
      for (let j = c; j < d; j++) a[i * d + j]! -= f * a[c * d + j]!;
      x[i]! -= f * x[c]!;
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < d; j++) s -= a[i * d + j]! * x[j]!;
    x[i] = s / a[i * d + i]!;
  }
  return x;
}

interface State {
  a: Float64Array;
  b: Float64Array;
  span: number;
  v: Float64Array;
  F?: Float64Array;
  J?: Float64Array;
  r: number;
  rtol: number;
  /** Accepted steps of the integration of v. */
  steps: number;
  nodes: Float64Array;
  it: number;
  done: boolean;
  step: Float64Array | undefined;
  t: number;
  ls: number;
  trial: Float64Array;
  trialRtol: number;
  /** Loosest tolerance still allowed (lowered when a loose trial was rejected). */
  rtolCap: number;
  /** Whether the trial is integrated without the d perturbations (a predicted last step). */
  trialAlone: boolean;
  /** Observed r_{k+1}/r_k² of the last step (Newton's quadratic constant; larger while the tolerance limits it). */
  rate: number;
  /** Length cap (see {@link ShootingProblem.maxLength}) and the metric at z₀ to measure ‖v‖_G. */
  maxLength: number;
  Ga: Float64Array | undefined;
  /** Polish mode (see {@link ShootingProblem.polish}) and the miss of the start. */
  polish: boolean;
  r0: number;
}

/**
 * Newton shooting for many geodesic boundary-value problems at once: for each, Newton on the initial
 * velocity v so that exp_{z₀}(v) = z₁ (endpoint miss relative to ‖z₁ − z₀‖ below `tol`, backtracking
 * line search), exactly as {@link shootingGeodesic} per problem — but every Newton round integrates ALL
 * problems' current trials together, each with its d forward-difference perturbations v + h eₖ on the
 * same steps (the Jacobian ∂exp/∂v is then the derivative of the discrete flow), so each Runge–Kutta
 * stage is one batched Christoffel contraction (`christoffelContractionBatch`) over (d+1)·P trajectories.
 * The output nodes are sampled during the last integration (no re-integration). While the miss is large
 * the integrations run at a looser tolerance (rtol ≈ 10⁻²·r², at least 10⁻¹⁰, at most 10⁻⁶); convergence is
 * decided at rtol 10⁻¹⁰ only.
 * @param metric - the latent metric (a `batchedPullbackMetric` batches the contraction in the decoder)
 * @param problems - start and end points with a start for the initial velocity each
 * @param options - nodes, tolerance, iteration cap, signal (as {@link shootingGeodesic})
 * @returns one result per problem, in order
 */
export function shootingGeodesics(
  metric: LatentMetric,
  problems: readonly ShootingProblem[],
  options: ShootingOptions = {},
): GeodesicResult[] {
  const m = completeMetric(metric);
  const d = m.dimension;
  const tol = options.tol ?? 1e-10;
  const maxIt = options.maxIterations ?? 30;
  const nodes = options.nodes ?? 32;
  if (!(Number.isInteger(nodes) && nodes >= 2))
    throw new InvalidArgumentError('options.nodes', nodes, 'an integer ≥ 2');
  const states: State[] = problems.map((p, i) => {
    for (const [name, x] of [
      ['z0', p.z0],
      ['z1', p.z1],
      ['v0', p.v0],
    ] as const)
      if (x.length !== d) throw new DimensionMismatchError(`problems[${i}].${name}.length`, x.length, `${d}`);
    const a = Float64Array.from(p.z0);
    const b = Float64Array.from(p.z1);
    let span = 0;
    for (let k = 0; k < d; k++) span += (b[k]! - a[k]!) ** 2;
    return {
      a,
      b,
      span: Math.max(Math.sqrt(span), 1e-300),
      v: Float64Array.from(p.v0),
      r: Number.POSITIVE_INFINITY,
      rtol: START_RTOL,
      steps: 0,
      nodes: new Float64Array(nodes * d),
      it: 0,
      done: false,
      step: undefined,
      t: 1,
      ls: 0,
      trial: Float64Array.from(p.v0),
      trialRtol: START_RTOL,
      trialAlone: false,
      rtolCap: START_RTOL,
      rate: Number.POSITIVE_INFINITY,
      maxLength: p.maxLength ?? Number.POSITIVE_INFINITY,
      Ga: p.maxLength !== undefined ? m.metric(a) : undefined,
      polish: p.polish === true,
      r0: Number.POSITIVE_INFINITY,
    };
  });
  const speed = (G: Float64Array, v: Float64Array): number => {
    let sp = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) sp += v[i]! * G[i * d + j]! * v[j]!;
    return Math.sqrt(Math.max(sp, 0));
  };
  // Inexact Newton: the next miss is about c·r², so the integration error only needs to stay below it.
  const tighten = (s: State): number => Math.min(s.rtolCap, Math.max(FINAL_RTOL, 1e-2 * s.r * s.r));
  /** Next trial of an accepted state: a Newton step, or done. */
  const propose = (s: State): void => {
    if ((s.r <= tol && s.rtol <= FINAL_RTOL) || s.it >= maxIt) {
      s.done = true;
      return;
    }
    if (s.r <= tol) {
      // Converged at a loose tolerance: confirm at the final one.
      s.trial = s.v.slice();
      s.trialRtol = FINAL_RTOL;
      return;
    }
    const step = solveSmall(s.J!, s.F!, d);
    if (step === undefined) {
      s.done = true;
      return;
    }
    s.it++;
    s.step = step;
    s.t = 1;
    s.ls = 0;
    s.trial = s.v.map((x, i) => x - step[i]!);
    s.trialRtol = tighten(s);
    // From a tight miss whose predicted successor is far below tol, the trial is (almost surely) the
    // answer: integrate it alone (it needs no Jacobian; if it is not, the chord step reuses this one).
    s.trialAlone = s.rtol <= FINAL_RTOL && Math.max(s.rate, 1) * s.r * s.r < 0.1 * tol;
  };
  let first = true;
  for (;;) {
    const active = states.filter((s) => !s.done);
    if (active.length === 0) break;
    const flows: GeodesicFlowProblem[] = active.map((s) => {
      let vn = 0;
      for (const x of s.trial) vn = Math.max(vn, Math.abs(x));
      const h = FD_STEP * Math.max(vn, 1e-8);
      const K = s.trialAlone ? 1 : d + 1;
      const positions = new Float64Array(K * d);
      const velocities = new Float64Array(K * d);
      for (let k = 0; k < K; k++) {
        positions.set(s.a, k * d);
        velocities.set(s.trial, k * d);
        if (k > 0) velocities[k * d + k - 1]! += h;
      }
      // A trial needing far more steps than the accepted curve is heading somewhere singular: cut it short
      // (a failed trial, so the line search halves the step) instead of crawling along.
      const maxSteps = Number.isFinite(s.r)
        ? Math.ceil(200 + 3 * s.steps * Math.max(1, (s.rtol / s.trialRtol) ** 0.2))
        : s.polish
          ? POLISH_START_STEPS
          : 20_000;
      return { positions, velocities, rtol: s.trialRtol, maxSteps };
    });
    const res = integrateGeodesicFlows(m, flows, nodes, options.signal);
    active.forEach((s, j) => {
      const f = res[j]!;
      const vs = flows[j]!.velocities;
      let F: Float64Array | undefined;
      let J: Float64Array | undefined;
      let r = Number.POSITIVE_INFINITY;
      if (f.converged) {
        F = new Float64Array(d);
        J = s.J;
        for (let i = 0; i < d; i++) F[i] = f.positions[i]! - s.b[i]!;
        if (!s.trialAlone) J = new Float64Array(d * d);
        for (let k = 0; k < d && !s.trialAlone; k++) {
          const h = vs[(k + 1) * d + k]! - vs[k]!;
          for (let i = 0; i < d; i++) J![i * d + k] = (f.positions[(k + 1) * d + i]! - f.positions[i]!) / h;
        }
        r = Math.sqrt(F.reduce((acc, x) => acc + x * x, 0)) / s.span;
      }
      if (first || r < s.r || (F !== undefined && s.trialRtol < s.rtol && s.step === undefined)) {
        // Accepted: the start, a decrease of the miss, or the confirmation of a loose convergence.
        const confirm = !first && s.step === undefined;
        if (s.step !== undefined) s.rate = r / (s.r * s.r);
        if (first) s.r0 = r;
        s.v = s.trial;
        s.rtol = s.trialRtol;
        s.nodes = f.nodes;
        s.steps = f.steps;
        s.r = r;
        if (F === undefined || J === undefined) {
          s.done = true;
          if (confirm) s.r = Number.POSITIVE_INFINITY;
          return;
        }
        s.F = F;
        s.J = J;
        s.step = undefined;
        if (s.Ga !== undefined && s.it >= 2 && speed(s.Ga, s.v) > s.maxLength) {
          s.done = true; // heading for a longer geodesic than wanted
          return;
        }
        if (s.polish && s.it >= 2 && s.r > 0.25 * s.r0) {
          s.done = true; // not converging like Newton from a near-solution: leave the start as it is
          return;
        }
        propose(s);
      } else if (s.step !== undefined && F !== undefined && s.ls === 0 && s.trialRtol > FINAL_RTOL) {
        // A trial that integrated but missed more, at a loose tolerance: the miss may be integration noise. Tighten for good and
        // re-evaluate the same trial (in the worst case this is the fixed-tolerance Newton).
        s.rtolCap = Math.max(FINAL_RTOL, s.trialRtol * 1e-2);
        s.trialRtol = s.rtolCap;
        s.trialAlone = false;
        s.ls = 1; // once per Newton step; then the line search
      } else if (s.step !== undefined && s.ls < 19) {
        s.ls++;
        s.t *= 0.5;
        const step = s.step;
        s.trial = s.v.map((x, i) => x - s.t * step[i]!);
        s.trialAlone = false;
      } else s.done = true;
    });
    first = false;
  }
  return states.map((s) => {
    if (Number.isFinite(s.r)) s.nodes.set(s.b, (nodes - 1) * d);
    const G = m.metric(s.a);
    let sp = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) sp += s.v[i]! * G[i * d + j]! * s.v[j]!;
    return {
      points: s.nodes,
      length: Math.sqrt(Math.max(sp, 0)),
      energy: 0.5 * sp,
      converged: Number.isFinite(s.r) && s.r <= tol && s.rtol <= FINAL_RTOL,
      iterations: s.it,
      residual: s.r,
      method: 'shooting' as const,
      initialVelocity: s.v,
    };
  });
}
