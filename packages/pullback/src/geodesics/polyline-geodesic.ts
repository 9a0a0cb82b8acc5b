import {
  DimensionMismatchError,
  InfogeomError,
  InvalidArgumentError,
  throwIfAborted,
} from '@infogeom/linalg';
import { resampleCurve } from '../curves/resample-curve.js';
import type { Decoder, LatentMetric, OutputFamily } from '../decoders/decoder.js';
import { gaussianOutput } from '../outputs/output-families.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';
import { Lbfgs } from './lbfgs.js';
import { coarseLevels } from './multilevel.js';
import { curvatureBlocks, gaussNewtonInverse, jacobianAll, polylineEnergy } from './polyline-energy.js';

/** Options of {@link polylineGeodesic} and {@link polylineGeodesics}. */
export interface PolylineGeodesicOptions
  extends Pick<GeodesicOptions, 'nodes' | 'tol' | 'maxIterations' | 'signal'> {
  /**
   * Solve coarse to fine (default FALSE here, unlike `geodesic`): first on polylines with about ¼ and ½ of
   * the intervals. On the MNIST decoder the coarse chords skip over the decoder's features and the fine
   * level then needs more iterations than from the straight line.
   */
  multilevel?: boolean;
  /**
   * Accepted iterations between refreshes of the preconditioner (default 3: a Newton step, then L-BFGS
   * corrections on it; 1 is Newton with line search, fewer iterations but each refresh costs about three
   * energy evaluations; it is also refreshed at the start): one batched
   * Jacobian call (and one batched second-order call with `'newton'`) for all curves due.
   */
  hessianRefresh?: number;
  /**
   * Initial inverse Hessian of L-BFGS: `'newton'` (default) the block-tridiagonal energy Hessian — the
   * Gauss–Newton matrix plus the curvature blocks ∇²_z(uⱼᵀθ)(zⱼ) from d second-order products per node
   * (exact for a constant Fisher information; Gauss–Newton is used whenever it is indefinite) — or
   * `'gauss-newton'` (Jacobians only; converges linearly on curved decoders: it lacks the curvature term
   * of the second variation).
   */
  preconditioner?: 'newton' | 'gauss-newton';
  /**
   * Largest number of nodes per decoder call (default `Infinity`: one decode and one VJP of all pairs'
   * nodes per round). A finite value evaluates the pairs in groups of ⌊chunk / nodes⌋ curves (measured on
   * the MNIST decoder, 64 pairs: no gain with 512 on float64, a loss on tfjs).
   */
  chunk?: number;
  /** Initial nodes per pair (each `nodes`×d, ends equal to the pair), e.g. from graph paths. */
  init?: readonly (ArrayLike<number> | undefined)[];
  /** Called after each round with the number of pairs still running. */
  onProgress?: (progress: { round: number; active: number }) => void;
}

/** One pair's L-BFGS state (ask/tell). */
class PolylineSolver {
  readonly lb: Lbfgs;
  readonly span: number;
  iterations = 0;
  best = Number.POSITIVE_INFINITY;
  bestAt = 0;
  stagnated = false;
  sinceRefresh = 0;
  needsRefresh = false;
  done = false;
  last:
    | { energy: number; chords: Float64Array; grad: Float64Array; theta: Float64Array; U: Float64Array }
    | undefined;
  constructor(
    readonly a: Float64Array,
    readonly b: Float64Array,
    readonly N: number,
    init: Float64Array,
  ) {
    const d = a.length;
    let s = 0;
    for (let k = 0; k < d; k++) s += (b[k]! - a[k]!) ** 2;
    this.span = Math.max(Math.sqrt(s), 1e-300);
    this.lb = new Lbfgs(init.slice(d, (N - 1) * d), (g) => g);
  }
  nodes(y: Float64Array): Float64Array {
    const d = this.a.length;
    const Y = new Float64Array(this.N * d);
    Y.set(this.a);
    Y.set(y, d);
    Y.set(this.b, (this.N - 1) * d);
    return Y;
  }
  residual(): number {
    const e = this.lb.f;
    let s = 0;
    for (const x of this.lb.g) s += x * x;
    return e > 0 ? (Math.sqrt(s) * this.span) / (2 * e) : s === 0 ? 0 : Number.POSITIVE_INFINITY;
  }
}

function resolveDecoder(m: LatentMetric | Decoder): { dec: Decoder; output: OutputFamily } {
  const dec = 'decode' in m ? m : m.decoder;
  if (dec === undefined)
    throw new InvalidArgumentError('metric', 'a metric without decoder', 'a decoder or a pullback metric');
  return { dec, output: dec.output ?? gaussianOutput(1) };
}

function straightLine(a: Float64Array, b: Float64Array, N: number): Float64Array {
  const d = a.length;
  const Y = new Float64Array(N * d);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < d; k++) Y[i * d + k] = a[k]! + ((b[k]! - a[k]!) * i) / (N - 1);
  return Y;
}

/**
 * Geodesics of a pullback metric by the decoded polyline energy (the discretisation stochman uses by
 * default), many pairs at once: the curve is N nodes z₀ = a, z₁, …, z_{N−1} = b and the energy
 * E = ½ (N − 1) Σᵢ d²(θ(zᵢ), θ(zᵢ₊₁)) sums squared Fisher chords in output space, d² = Δθᵀ I(θ̄) Δθ
 * with Δθ = θ(zᵢ₊₁) − θ(zᵢ) and θ̄ their midpoint (exactly ‖Δμ‖²/σ² for a Gaussian with fixed σ; for a
 * θ-dependent Fisher information the midpoint rule, which agrees with the symmetrised KL ×2 to third
 * order in Δθ). Its gradient needs θ at the nodes and ONE vector–Jacobian product per interior node —
 * no Jacobian, no second derivative — so every evaluation is one batched decode of all pairs' nodes and
 * one batched VJP (`chunk` splits it). L-BFGS (memory 10, Armijo backtracking) uses as initial inverse
 * Hessian the block-tridiagonal Newton matrix: the Gauss–Newton matrix of this least-squares problem
 * (diagonal 2(N−1)Jⱼᵀ I Jⱼ, off-diagonal −(N−1)Jⱼᵀ I Jⱼ₊₁) plus the curvature blocks ∇²_z(uⱼᵀθ)(zⱼ)
 * (see {@link PolylineGeodesicOptions.preconditioner}), one batched Jacobian and one batched second-order
 * call, refreshed every `hessianRefresh` iterations; from the straight line (or `init`), optionally
 * coarse to fine (`multilevel`).
 *
 * Result contract (as `geodesic`): `points` the N nodes (N×d); `length` = Σᵢ d(θᵢ, θᵢ₊₁), the polyline
 * length in output space — a consistent O(h²) discretisation of the Riemannian length (each chord equals
 * the length of the segment's image up to O(h³)); the minimiser converges to the continuous geodesic
 * (and the spline solver's) as N grows, the length with error O(1/N²); `energy` the E above (≈ ½
 * length² at equal chords); `residual` r = ‖∇_y E‖₂ · ‖b − a‖ / (2E), ∇_y E the exact gradient of the
 * discrete energy in the interior nodes (the same measure as the spline solver's, for this discrete
 * energy); `converged` when r ≤ `tol`, or r ≤ √tol when the line search stalls or the residual has not
 * halved for 10 iterations (rounding level: a float32 decoder floors r near 1e-5; the solve also stops,
 * unconverged, after 30 iterations without halving);
 * `initialVelocity` (N−1)(z₁ − z₀); `method` `'energy'`. No shooting polish.
 * @param metric - a pullback metric with its `decoder`, or the decoder itself (its `output` family,
 *   default Gaussian with σ = 1); batched `decodeBatch`/`vjpBatch`/`jacobianBatch` are used when present
 * @param pairs - endpoint pairs [a, b]
 */
export function polylineGeodesics(
  metric: LatentMetric | Decoder,
  pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[],
  options: PolylineGeodesicOptions = {},
): GeodesicResult[] {
  const { dec, output } = resolveDecoder(metric);
  const d = dec.latentDimension;
  const N = options.nodes ?? 32;
  if (!Number.isInteger(N) || N < 3) throw new InvalidArgumentError('options.nodes', N, 'an integer ≥ 3');
  const tol = options.tol ?? 1e-6;
  if (!(tol > 0)) throw new InvalidArgumentError('options.tol', tol, '> 0');
  if (options.init !== undefined && options.init.length !== pairs.length)
    throw new InvalidArgumentError('options.init.length', options.init.length, `${pairs.length}`);
  const ends = pairs.map(([a, b]) => {
    if (a.length !== d || b.length !== d) throw new DimensionMismatchError('pair', a.length, `${d}`);
    return [Float64Array.from(a), Float64Array.from(b)] as const;
  });
  const starts = ends.map(([a, b], i): Float64Array => {
    const s = options.init?.[i];
    if (s === undefined) return straightLine(a, b, N);
    const Y = Float64Array.from(s);
    if (Y.length % d !== 0 || Y.length < 2 * d)
      throw new DimensionMismatchError('options.init[i].length', Y.length, `a multiple of ${d}`);
    return Y.length === N * d ? Y : resampleCurve(Y, d, N, 'polyline');
  });
  const levels = options.multilevel === true ? coarseLevels(N) : [];
  const counter = { round: 0 };
  let current = starts;
  let offsets = ends.map(() => 0);
  for (const nc of levels) {
    const init = current.map((Y) => resampleCurve(Y, d, nc, 'spline'));
    const res = run(dec, output, ends, nc, init, { ...options, tol: Math.max(tol, 1e-3) }, counter);
    current = res.map((r, i) => (Number.isFinite(r.energy) ? r.points : current[i]!));
    offsets = res.map((r, i) => offsets[i]! + r.iterations);
  }
  const fine = current.map((Y) => (Y.length === N * d ? Y : resampleCurve(Y, d, N, 'spline')));
  return run(dec, output, ends, N, fine, options, counter).map((r, i) => ({
    ...r,
    iterations: r.iterations + offsets[i]!,
  }));
}

/** One geodesic by the decoded polyline energy: {@link polylineGeodesics} with one pair. */
export function polylineGeodesic(
  metric: LatentMetric | Decoder,
  z0: ArrayLike<number>,
  z1: ArrayLike<number>,
  options: Omit<PolylineGeodesicOptions, 'init'> & { init?: ArrayLike<number> } = {},
): GeodesicResult {
  const { init, ...rest } = options;
  return polylineGeodesics(metric, [[z0, z1]], {
    ...rest,
    ...(init !== undefined ? { init: [init] } : {}),
  })[0]!;
}

/** Consecutive groups of at most `size` items. */
function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function run(
  dec: Decoder,
  output: OutputFamily,
  ends: readonly (readonly [Float64Array, Float64Array])[],
  N: number,
  init: Float64Array[],
  options: PolylineGeodesicOptions,
  counter: { round: number },
): GeodesicResult[] {
  const d = dec.latentDimension;
  const D = dec.outputDimension;
  const tol = options.tol ?? 1e-6;
  const maxIt = options.maxIterations ?? 500;
  const refresh = options.hessianRefresh ?? 3;
  const newton = options.preconditioner !== 'gauss-newton';
  if (options.chunk !== undefined && !(options.chunk >= 1))
    throw new InvalidArgumentError('options.chunk', options.chunk, '≥ 1 (or Infinity)');
  const per = Math.max(1, Math.floor((options.chunk ?? Number.POSITIVE_INFINITY) / N));
  const solvers = ends.map(([a, b], i) => new PolylineSolver(a, b, N, init[i]!));
  for (;;) {
    throwIfAborted(options.signal);
    // Preconditioner refresh: one batched Jacobian call for all solvers due.
    const due = solvers.filter((s) => !s.done && s.needsRefresh && s.last !== undefined);
    for (const grp of groups(due, per)) {
      const Z = new Float64Array(grp.length * (N - 2) * d);
      const Zall = new Float64Array(grp.length * N * d);
      grp.forEach((s, k) => {
        Z.set(s.lb.x, k * (N - 2) * d);
        Zall.set(s.nodes(s.lb.x), k * N * d);
      });
      const Us = new Float64Array(grp.length * (N - 2) * D);
      grp.forEach((s, k) => {
        Us.set(s.last!.U, k * (N - 2) * D);
      });
      let J: Float64Array | undefined;
      let M: Float64Array | undefined;
      try {
        // At all nodes: the codes just evaluated, so a caching decoder reuses its forward pass.
        J = jacobianAll(dec, Zall, grp.length * N);
        if (newton) M = curvatureBlocks(dec, Z, Us, grp.length * (N - 2));
      } catch (e) {
        if (!(e instanceof InfogeomError)) throw e;
      }
      grp.forEach((s, k) => {
        s.needsRefresh = false;
        s.sinceRefresh = 0;
        if (J === undefined) return;
        const Jk = J.subarray((k * N + 1) * D * d, (k * N + N - 1) * D * d);
        const Mk = M?.subarray(k * (N - 2) * d * d, (k + 1) * (N - 2) * d * d);
        // Newton (Gauss–Newton + curvature blocks) when positive definite, else Gauss–Newton.
        for (const curv of Mk !== undefined ? [Mk, undefined] : [undefined])
          try {
            s.lb.setPreconditioner(gaussNewtonInverse(output, Jk, s.last!.theta, N, d, D, 1e-8, curv));
            s.lb.redirect();
            break;
          } catch (e) {
            if (!(e instanceof InfogeomError)) throw e;
          }
      });
    }
    const active = solvers.filter((s) => !s.done);
    if (active.length === 0) break;
    for (const act of groups(active, per)) {
      const Y = new Float64Array(act.length * N * d);
      act.forEach((s, p) => {
        Y.set(s.nodes(s.lb.proposal()), p * N * d);
      });
      const ev = polylineEnergy(dec, output, Y, act.length, N);
      act.forEach((s, p) => {
        const e = ev.energy[p]!;
        const g = ev.gradient.subarray(p * (N - 2) * d, (p + 1) * (N - 2) * d);
        const first = Number.isNaN(s.lb.f);
        const accepted = s.lb.tell(e, g);
        if (first && !Number.isFinite(e))
          throw new InvalidArgumentError('initial curve', e, 'a curve with finite decoded energy');
        if (first || (accepted && !s.lb.stalled)) {
          s.last = {
            energy: e,
            chords: ev.chords.slice(p * (N - 1), (p + 1) * (N - 1)),
            grad: g.slice(),
            theta: ev.theta.slice(p * N * D, (p + 1) * N * D),
            U: ev.cotangents.slice(p * (N - 2) * D, (p + 1) * (N - 2) * D),
          };
          if (!first) {
            s.iterations++;
            s.sinceRefresh++;
          }
          if (first || s.sinceRefresh >= refresh) s.needsRefresh = true;
        }
        if (first || accepted) {
          const r = s.residual();
          if (r < 0.5 * s.best) {
            s.best = r;
            s.bestAt = s.iterations;
          }
          // Rounding floor (float32 decoders): the residual has not halved for 10 iterations below √tol, or
          // for 30 above it (then not converged).
          const since = s.iterations - s.bestAt;
          if (since >= 30 || (r <= Math.sqrt(tol) && since >= 10)) s.stagnated = true;
          if (r <= tol || s.lb.stalled || s.stagnated || s.iterations >= maxIt) s.done = true;
        }
      });
    }
    counter.round++;
    options.onProgress?.({ round: counter.round, active: active.length });
  }
  return solvers.map((s) => {
    const points = s.nodes(s.lb.x);
    const r = s.residual();
    const last = s.last!;
    let length = 0;
    for (const c of last.chords) length += c;
    const v = new Float64Array(d);
    for (let k = 0; k < d; k++) v[k] = (N - 1) * (points[d + k]! - points[k]!);
    return {
      points,
      length,
      energy: last.energy,
      converged: r <= tol || ((s.lb.stalled || s.stagnated) && r <= Math.sqrt(tol)),
      iterations: s.iterations,
      residual: r,
      method: 'energy' as const,
      initialVelocity: v,
    };
  });
}
