import {
  DimensionMismatchError,
  InfogeomError,
  InvalidArgumentError,
  throwIfAborted,
} from '@infogeom/linalg';
import { resampleCurve } from '../curves/resample-curve.js';
import type { Decoder, LatentMetric, OutputFamily } from '../decoders/decoder.js';
import { gaussianOutput } from '../outputs/output-families.js';
import type { GeodesicResult } from './geodesic-types.js';
import { Lbfgs } from './lbfgs.js';
import { coarseLevels } from './multilevel.js';
import { curvatureBlocks, gaussNewtonInverse, jacobianAll, polylineEnergy } from './polyline-energy.js';
import type { PolylineGeodesicOptions } from './polyline-geodesic.js';

/** One pair's L-BFGS state (ask/tell). */
class PolylineSolver {
  readonly lb: Lbfgs;
  readonly span: number;
  iterations = 0;
  best = Number.POSITIVE_INFINITY;
  bestAt = 0;
  stagnated = false;
  /** Energy at each accepted iterate. */
  readonly energies: number[] = [];
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
    if (Number.isNaN(e)) return Number.POSITIVE_INFINITY; // not evaluated yet
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

/** Consecutive groups of at most `size` items. */
function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One level of {@link PolylineGeodesicSolver}: all pairs' L-BFGS states, stepped in lock-step rounds. */
class PolylineLevel {
  private readonly solvers: PolylineSolver[];
  private readonly per: number;
  private readonly refresh: number;
  private readonly newton: boolean;
  private readonly tol: number;
  private readonly maxIt: number;
  done = false;

  constructor(
    private readonly dec: Decoder,
    private readonly output: OutputFamily,
    ends: readonly (readonly [Float64Array, Float64Array])[],
    private readonly N: number,
    init: Float64Array[],
    private readonly options: PolylineGeodesicOptions,
    private readonly counter: { round: number },
  ) {
    this.tol = options.tol ?? 1e-6;
    this.maxIt = options.maxIterations ?? 500;
    this.refresh = options.hessianRefresh ?? 3;
    this.newton = options.preconditioner !== 'gauss-newton';
    if (options.chunk !== undefined && !(options.chunk >= 1))
      throw new InvalidArgumentError('options.chunk', options.chunk, '≥ 1 (or Infinity)');
    this.per = Math.max(1, Math.floor((options.chunk ?? Number.POSITIVE_INFINITY) / N));
    this.solvers = ends.map(([a, b], i) => new PolylineSolver(a, b, N, init[i]!));
    // A float32 decoder's energy is noisy at ≈ 1 roundoff unit: let the line search see through it.
    const roundoff = dec.roundoff ?? 2 ** -53;
    if (roundoff > 1e-12) for (const s of this.solvers) s.lb.noise = 2 * roundoff;
  }

  /** One round (refreshes due, then one batched evaluation of every running curve); false when all are done. */
  step(): boolean {
    if (this.done) return false;
    const { dec, output, N, options, counter, solvers, per, refresh, newton, tol, maxIt } = this;
    const roundoff = dec.roundoff ?? 2 ** -53;
    const d = dec.latentDimension;
    const D = dec.outputDimension;
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
    if (active.length === 0) {
      this.done = true;
      return false;
    }
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
          // Rounding floor (float32 decoders): below √tol, the residual has not halved for 10 iterations
          // while the energy fell by less than 16 units of the decoder's roundoff (relative); or the
          // residual has not halved for 30 iterations above √tol (then not converged).
          s.energies.push(s.lb.f);
          const since = s.iterations - s.bestAt;
          const e10 = s.energies[s.energies.length - 11];
          const flat = e10 !== undefined && e10 - s.lb.f <= 16 * roundoff * Math.abs(e10);
          if ((since >= 30 && r > Math.sqrt(tol)) || (r <= Math.sqrt(tol) && since >= 10 && flat))
            s.stagnated = true;
          if (r <= tol || s.lb.stalled || s.stagnated || s.iterations >= maxIt) s.done = true;
        }
      });
    }
    counter.round++;
    options.onProgress?.({ round: counter.round, active: active.length });
    return true;
  }

  /** The current curves and their measures. */
  results(): GeodesicResult[] {
    const { N, solvers, tol } = this;
    const d = this.dec.latentDimension;
    return solvers.map((s) => {
      const points = s.nodes(s.lb.x);
      const r = s.residual();
      // Before the first evaluation: the start curve, not yet measured (length and energy ∞).
      const last = s.last;
      let length = last === undefined ? Number.POSITIVE_INFINITY : 0;
      for (const c of last?.chords ?? []) length += c;
      const v = new Float64Array(d);
      for (let k = 0; k < d; k++) v[k] = (N - 1) * (points[d + k]! - points[k]!);
      return {
        points,
        length,
        energy: last?.energy ?? Number.POSITIVE_INFINITY,
        converged: (last !== undefined && r <= tol) || ((s.lb.stalled || s.stagnated) && r <= Math.sqrt(tol)),
        iterations: s.iterations,
        residual: r,
        method: 'energy' as const,
        initialVelocity: v,
      };
    });
  }
}

/**
 * The steppable form of {@link polylineGeodesics}: `step()` runs one round (one batched decode and VJP
 * of every running curve, plus the preconditioner refreshes due), so a UI can draw the curves between
 * rounds (`results()`); `run()` steps to the end. With `multilevel` the coarse levels run first and
 * `results()` shows the current level's curves.
 */
export class PolylineGeodesicSolver {
  private level: PolylineLevel;
  private readonly nodeCounts: number[];
  private index = 0;
  private current: Float64Array[];
  private offsets: number[];
  private readonly counter = { round: 0 };
  private readonly dec: Decoder;
  private readonly output: OutputFamily;
  private readonly ends: (readonly [Float64Array, Float64Array])[];
  private readonly tol: number;
  private done = false;

  /**
   * Sets up one L-BFGS state per pair (from the straight line or `options.init`) on the first level.
   * @param metric - a pullback metric with its `decoder`, or the decoder itself
   * @param pairs - endpoint pairs [a, b]
   * @param options - as {@link polylineGeodesics}
   */
  constructor(
    metric: LatentMetric | Decoder,
    pairs: readonly (readonly [ArrayLike<number>, ArrayLike<number>])[],
    private readonly options: PolylineGeodesicOptions = {},
  ) {
    const { dec, output } = resolveDecoder(metric);
    this.dec = dec;
    this.output = output;
    const d = dec.latentDimension;
    const N = options.nodes ?? 32;
    if (!Number.isInteger(N) || N < 3) throw new InvalidArgumentError('options.nodes', N, 'an integer ≥ 3');
    this.tol = options.tol ?? 1e-6;
    if (!(this.tol > 0)) throw new InvalidArgumentError('options.tol', this.tol, '> 0');
    if (options.init !== undefined && options.init.length !== pairs.length)
      throw new InvalidArgumentError('options.init.length', options.init.length, `${pairs.length}`);
    this.ends = pairs.map(([a, b]) => {
      if (a.length !== d || b.length !== d) throw new DimensionMismatchError('pair', a.length, `${d}`);
      return [Float64Array.from(a), Float64Array.from(b)] as const;
    });
    this.current = this.ends.map(([a, b], i): Float64Array => {
      const s = options.init?.[i];
      if (s === undefined) return straightLine(a, b, N);
      const Y = Float64Array.from(s);
      if (Y.length % d !== 0 || Y.length < 2 * d)
        throw new DimensionMismatchError('options.init[i].length', Y.length, `a multiple of ${d}`);
      return Y.length === N * d ? Y : resampleCurve(Y, d, N, 'polyline');
    });
    this.offsets = this.ends.map(() => 0);
    this.nodeCounts = [...(options.multilevel === true ? coarseLevels(N) : []), N];
    this.level = this.makeLevel();
  }

  private makeLevel(): PolylineLevel {
    const d = this.dec.latentDimension;
    const n = this.nodeCounts[this.index]!;
    const last = this.index === this.nodeCounts.length - 1;
    const init = this.current.map((Y) => (Y.length === n * d ? Y : resampleCurve(Y, d, n, 'spline')));
    const opts = last ? this.options : { ...this.options, tol: Math.max(this.tol, 1e-3) };
    return new PolylineLevel(this.dec, this.output, this.ends, n, init, opts, this.counter);
  }

  /** One round; false when every curve has finished (then {@link PolylineGeodesicSolver.results} is final). */
  step(): boolean {
    if (this.done) return false;
    if (this.level.step()) return true;
    if (this.index === this.nodeCounts.length - 1) {
      this.done = true;
      return false;
    }
    const res = this.level.results();
    this.current = res.map((r, i) => (Number.isFinite(r.energy) ? r.points : this.current[i]!));
    this.offsets = res.map((r, i) => this.offsets[i]! + r.iterations);
    this.index++;
    this.level = this.makeLevel();
    return true;
  }

  /** Steps to the end and returns the results. */
  run(): GeodesicResult[] {
    while (this.step());
    return this.results();
  }

  /** Whether every curve has finished. */
  get finished(): boolean {
    return this.done;
  }

  /** The curves now (iterations summed over the levels run so far). */
  results(): GeodesicResult[] {
    return this.level.results().map((r, i) => ({ ...r, iterations: r.iterations + this.offsets[i]! }));
  }
}
