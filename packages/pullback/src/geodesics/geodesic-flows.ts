import { dormandPrinceError, dormandPrinceStage, dormandPrinceStepFactor } from '@infogeom/fisher';
import { InfogeomError, throwIfAborted } from '@infogeom/linalg';
import type { CompleteMetric } from '../metrics/complete-metric.js';

/** One initial-value problem of {@link integrateGeodesicFlows}: K geodesics integrated on shared steps. */
export interface GeodesicFlowProblem {
  /** Initial positions of the K trajectories, K×d (trajectory 0 steers the step size). */
  positions: Float64Array;
  /** Initial velocities, K×d. */
  velocities: Float64Array;
  /** Relative tolerance of the local error of trajectory 0. */
  rtol: number;
  /** Cap on attempted steps (default 20,000); beyond it the result reports `reason: 'max-steps'`. */
  maxSteps?: number;
}

/** Result of one problem of {@link integrateGeodesicFlows}. */
export interface GeodesicFlowResult {
  /** Positions at t = 1 (at the last accepted time when not converged), K×d. */
  positions: Float64Array;
  /** Velocities at t = 1, K×d. */
  velocities: Float64Array;
  /** Whether t = 1 was reached. */
  converged: boolean;
  /** Accepted steps. */
  steps: number;
  /** Trajectory 0 at the equally spaced node times i/(nodes − 1), nodes×d (quintic Hermite interpolation). */
  nodes: Float64Array;
  /** Why the integration stopped early. */
  reason?: 'max-steps' | 'domain' | 'step-underflow';
}

interface Member {
  K: number;
  y: Float64Array;
  yNew: Float64Array;
  tmp: Float64Array;
  ks: Float64Array[];
  t: number;
  h: number;
  rtol: number;
  steps: number;
  attempts: number;
  maxAttempts: number;
  nextNode: number;
  nodes: Float64Array;
  done: boolean;
  converged: boolean;
  reason?: 'max-steps' | 'domain' | 'step-underflow';
  stageOk: boolean;
}

/**
 * Integrates the geodesic equation z̈ = −Γ(ż, ż) from t = 0 to 1 for many problems at once, each a set of K
 * trajectories on shared steps (a base geodesic and its perturbations, whose end points then differ by
 * the exact derivative of the discrete flow), by Dormand–Prince 5(4) with FSAL and local extrapolation:
 * every stage of every active problem is ONE `christoffelContractionBatch` call over all their
 * trajectories. Each problem has its own step size, steered by the local error of its trajectory 0 (atol
 * 1e-12, RMS norm, as `exponentialMap`). Trajectory 0 is sampled at `nodes` equally spaced times by quintic
 * Hermite interpolation of (z, ż, z̈) at the step ends, so no re-integration is needed.
 * A stage outside the domain (`contains` false, or a typed error of the metric) shortens that problem's
 * step; a problem that cannot proceed reports `reason: 'domain'`.
 * @param m - the metric (completed)
 * @param problems - the initial-value problems
 * @param nodes - number of output nodes of trajectory 0 (≥ 2)
 * @param signal - cancels the integration
 */
export function integrateGeodesicFlows(
  m: CompleteMetric,
  problems: readonly GeodesicFlowProblem[],
  nodes: number,
  signal?: AbortSignal,
): GeodesicFlowResult[] {
  const d = m.dimension;
  const atol = 1e-12;
  const members: Member[] = problems.map((p) => {
    const K = p.positions.length / d;
    const y = new Float64Array(2 * K * d);
    for (let k = 0; k < K; k++) {
      y.set(p.positions.subarray(k * d, (k + 1) * d), 2 * k * d);
      y.set(p.velocities.subarray(k * d, (k + 1) * d), (2 * k + 1) * d);
    }
    return {
      K,
      y,
      yNew: new Float64Array(y.length),
      tmp: new Float64Array(y.length),
      ks: Array.from({ length: 7 }, () => new Float64Array(y.length)),
      t: 0,
      h: 0.05,
      rtol: p.rtol,
      steps: 0,
      attempts: 0,
      maxAttempts: p.maxSteps ?? 20_000,
      nextNode: 1,
      nodes: new Float64Array(nodes * d),
      done: false,
      converged: false,
      stageOk: true,
    };
  });
  const pos = new Float64Array(d);
  /** f(state) for the members in `group`, from their `tmp` into ks[s]; sets stageOk. */
  const evaluate = (group: Member[], s: number): void => {
    const live: Member[] = [];
    let n = 0;
    for (const mem of group) {
      mem.stageOk = true;
      for (let k = 0; k < mem.K && mem.stageOk; k++) {
        for (let i = 0; i < d; i++) pos[i] = mem.tmp[2 * k * d + i]!;
        if (!m.contains(pos)) mem.stageOk = false;
      }
      if (mem.stageOk) {
        live.push(mem);
        n += mem.K;
      }
    }
    if (n === 0) return;
    const Z = new Float64Array(n * d);
    const V = new Float64Array(n * d);
    let row = 0;
    for (const mem of live)
      for (let k = 0; k < mem.K; k++, row++) {
        Z.set(mem.tmp.subarray(2 * k * d, (2 * k + 1) * d), row * d);
        V.set(mem.tmp.subarray((2 * k + 1) * d, (2 * k + 2) * d), row * d);
      }
    let G: Float64Array;
    try {
      G = m.christoffelContractionBatch(Z, V, n);
    } catch (e) {
      if (!(e instanceof InfogeomError)) throw e;
      // Find the problems whose points are outside the metric's domain.
      if (live.length === 1) live[0]!.stageOk = false;
      else for (const mem of live) evaluate([mem], s);
      return;
    }
    row = 0;
    for (const mem of live) {
      const ks = mem.ks[s]!;
      for (let k = 0; k < mem.K; k++, row++)
        for (let i = 0; i < d; i++) {
          const g = G[row * d + i]!;
          if (!Number.isFinite(g)) mem.stageOk = false;
          ks[2 * k * d + i] = mem.tmp[(2 * k + 1) * d + i]!;
          ks[(2 * k + 1) * d + i] = -g;
        }
    }
  };
  for (const mem of members) {
    mem.tmp.set(mem.y);
    mem.nodes.set(mem.y.subarray(0, d), 0);
  }
  evaluate(members, 0);
  for (const mem of members)
    if (!mem.stageOk) {
      mem.done = true;
      mem.reason = 'domain';
    }
  const hs = new Map<Member, number>();
  for (;;) {
    throwIfAborted(signal);
    const active = members.filter((mem) => !mem.done);
    if (active.length === 0) break;
    for (const mem of active) {
      const last = mem.h >= 1 - mem.t;
      hs.set(mem, last ? 1 - mem.t : mem.h);
      mem.stageOk = true;
    }
    for (let s = 1; s < 7; s++) {
      const group = active.filter((mem) => mem.stageOk);
      for (const mem of group) {
        const hh = hs.get(mem)!;
        dormandPrinceStage(s, hh, mem.y, mem.ks, mem.tmp);
        if (s === 6) mem.yNew.set(mem.tmp);
      }
      evaluate(group, s);
    }
    for (const mem of active) step(mem, hs.get(mem)!, d, atol, nodes);
    for (const mem of active)
      if (!mem.done && ++mem.attempts >= mem.maxAttempts) {
        mem.done = true;
        mem.reason = 'max-steps';
      }
  }
  return members.map((mem) => {
    const K = mem.K;
    const positions = new Float64Array(K * d);
    const velocities = new Float64Array(K * d);
    for (let k = 0; k < K; k++) {
      positions.set(mem.y.subarray(2 * k * d, (2 * k + 1) * d), k * d);
      velocities.set(mem.y.subarray((2 * k + 1) * d, (2 * k + 2) * d), k * d);
    }
    return {
      positions,
      velocities,
      converged: mem.converged,
      steps: mem.steps,
      nodes: mem.nodes,
      ...(mem.reason !== undefined ? { reason: mem.reason } : {}),
    };
  });
}

/** Accepts or rejects the attempted step hh of one problem; records the nodes it passed. */
function step(mem: Member, hh: number, d: number, atol: number, nodes: number): void {
  if (!mem.stageOk) {
    mem.h = hh * 0.25;
    if (mem.h < 1e-12) {
      mem.done = true;
      mem.reason = 'domain';
    }
    return;
  }
  const { y, yNew, ks } = mem;
  const err = dormandPrinceError(hh, y, yNew, ks, mem.rtol, atol, 2 * d);
  if (!(err <= 1)) {
    mem.h = hh * dormandPrinceStepFactor(err);
    if (mem.h < 1e-14) {
      mem.done = true;
      mem.reason = 'step-underflow';
    }
    return;
  }
  const t1 = mem.t + hh >= 1 - 1e-14 ? 1 : mem.t + hh;
  // Nodes in (t, t1]: quintic Hermite from z, ż = v, z̈ = −Γ at both ends.
  while (mem.nextNode < nodes && mem.nextNode / (nodes - 1) <= t1 + 1e-14) {
    const th = Math.min(1, (mem.nextNode / (nodes - 1) - mem.t) / hh);
    const t2 = th * th;
    const t3 = t2 * th;
    const t4 = t3 * th;
    const t5 = t4 * th;
    const h0 = 1 - 10 * t3 + 15 * t4 - 6 * t5;
    const h1 = (th - 6 * t3 + 8 * t4 - 3 * t5) * hh;
    const h2 = (0.5 * t2 - 1.5 * t3 + 1.5 * t4 - 0.5 * t5) * hh * hh;
    const h3 = (0.5 * t3 - t4 + 0.5 * t5) * hh * hh;
    const h4 = (-4 * t3 + 7 * t4 - 3 * t5) * hh;
    const h5 = 10 * t3 - 15 * t4 + 6 * t5;
    const k0 = ks[0]!;
    const k6 = ks[6]!;
    for (let i = 0; i < d; i++)
      mem.nodes[mem.nextNode * d + i] =
        h0 * y[i]! + h1 * y[d + i]! + h2 * k0[d + i]! + h3 * k6[d + i]! + h4 * yNew[d + i]! + h5 * yNew[i]!;
    mem.nextNode++;
  }
  mem.t = t1;
  mem.y = yNew;
  mem.yNew = y;
  [ks[0], ks[6]] = [ks[6]!, ks[0]!];
  mem.steps++;
  mem.h = hh * dormandPrinceStepFactor(err);
  if (t1 === 1) {
    mem.done = true;
    mem.converged = true;
  }
}
