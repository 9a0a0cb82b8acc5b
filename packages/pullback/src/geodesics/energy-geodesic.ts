import { assertFiniteArray, DimensionMismatchError, InfogeomError, throwIfAborted } from '@infogeom/linalg';
import { type CurveBasis, curveBasis } from '../curves/curve-basis.js';
import { type CurveEnergy, curveAtQuadrature, energyFromDensity } from '../curves/curve-energy.js';
import { curveEnergyHessians, shiftedNewtonInverse } from '../curves/curve-hessian.js';
import type { LatentMetric } from '../decoders/decoder.js';
import { type CompleteMetric, completeMetric } from '../metrics/complete-metric.js';
import { metricRoundoff } from '../metrics/metric-roundoff.js';
import type { GeodesicOptions, GeodesicResult } from './geodesic-types.js';
import { Lbfgs } from './lbfgs.js';
import { metricLaplacianInverse } from './metric-laplacian-inverse.js';
import { NEWTON_HESSIAN } from './multilevel.js';

/** Iterations the Newton-preconditioned solve gets to come within √tol before it falls back to the metric preconditioner. */
const NEWTON_PATIENCE = 150;

/**
 * Steppable geodesic solver by energy minimisation: L-BFGS on the interior nodes of a cubic spline (or
 * polyline) with the exact energy gradient including ∂G/∂z. Its initial inverse Hessian H₀ is, by default
 * (`preconditioner: 'hessian'`), the inverse of the energy Hessian (shifted to be positive definite, `shiftedNewtonInverse`)
 * ({@link curveEnergyHessians}: the density on the curve and on d shifted copies, and the metric), refreshed every
 * `hessianRefresh` iterations — a quasi-Newton method with Newton restarts, which converges in a handful
 * of iterations where a metric preconditioner needs dozens on strongly curved decoders; with
 * `preconditioner: 'metric'` it is the inverse of the discrete Laplacian ⊗ the metric at the nodes. A
 * Newton-preconditioned solve still outside √tol after 150 iterations (a curve crawling along a flat,
 * non-convex valley, where the shifted Hessian misleads) continues with the metric preconditioner.
 * Ask/tell (`pending`/`receive`, `pendingHessian`/`receiveHessian`) so many solvers can share batched
 * evaluations.
 */
export class EnergyGeodesicSolver {
  /** The curve basis. */
  readonly basis: CurveBasis;
  /** Iterations so far. */
  iterations = 0;
  /** Last evaluated energy, length and gradient at the current iterate. */
  current: CurveEnergy | undefined;
  private readonly m: CompleteMetric;
  private readonly d: number;
  private readonly n: number;
  private readonly lb: Lbfgs;
  private readonly span: number;
  private readonly tol: number;
  private readonly maxIterations: number;
  private done = false;
  private stagnated = false;
  /** Unit roundoff of the metric's evaluations ({@link metricRoundoff}). */
  private readonly roundoff: number;
  private readonly history: number[] = [];
  private readonly residuals: number[] = [];
  private hessianMode: boolean;
  private readonly refreshEvery: number;
  private hessianDue: boolean;
  private lastRefresh = 0;
  private refreshResidual = Number.POSITIVE_INFINITY;
  /** The (coarser-quadrature) basis the Hessian preconditioner is computed on (see {@link curveEnergyHessians}). */
  readonly hessianBasis: CurveBasis;

  /** Starts from the straight line (or `options.init`). */
  constructor(
    metric: LatentMetric,
    private readonly z0: Float64Array,
    private readonly z1: Float64Array,
    private readonly options: GeodesicOptions = {},
  ) {
    this.m = completeMetric(metric);
    this.roundoff = metricRoundoff(metric);
    const d = (this.d = this.m.dimension);
    if (z0.length !== d) throw new DimensionMismatchError('z0.length', z0.length, `${d}`);
    if (z1.length !== d) throw new DimensionMismatchError('z1.length', z1.length, `${d}`);
    assertFiniteArray('z0', z0);
    assertFiniteArray('z1', z1);
    const nodes = options.nodes ?? 32;
    this.basis = curveBasis(options.curve ?? 'spline', nodes - 1, options.quadraturePoints);
    const n = (this.n = nodes);
    this.tol = options.tol ?? 1e-6;
    this.maxIterations = options.maxIterations ?? 500;
    let s = 0;
    for (let k = 0; k < d; k++) s += (z1[k]! - z0[k]!) ** 2;
    this.span = Math.max(Math.sqrt(s), 1e-300);
    const Y = new Float64Array(n * d);
    if (options.init !== undefined) {
      if (options.init.length !== n * d)
        throw new DimensionMismatchError('options.init.length', options.init.length, `${n}×${d}`);
      Y.set(Float64Array.from(options.init));
    } else
      for (let i = 0; i < n; i++)
        for (let k = 0; k < d; k++) Y[i * d + k] = z0[k]! + ((z1[k]! - z0[k]!) * i) / (n - 1);
    Y.set(z0, 0);
    Y.set(z1, (n - 1) * d);
    this.hessianMode = (options.preconditioner ?? 'hessian') === 'hessian';
    this.hessianDue = this.hessianMode;
    this.refreshEvery = options.hessianRefresh ?? 4;
    // The Hessian only preconditions: on fine curves (> 24 nodes) a 3-point Gauss rule costs ¾ of the
    // 4-point one at no loss of convergence (2 points: the same median of evaluated points, the worst of 12 MNIST
    // pairs 5× more); coarse curves need the full rule.
    this.hessianBasis =
      this.basis.pointsPerInterval > 3 && nodes > 24 ? curveBasis(this.basis.kind, nodes - 1, 3) : this.basis;
    this.lb = new Lbfgs(Y.subarray(d, (n - 1) * d).slice(), this.preconditioner(Y));
    // A float32 metric's energy is noisy at ≈ 1 roundoff unit: let the line search see through it.
    if (this.roundoff > 1e-12) this.lb.noise = 2 * this.roundoff;
  }

  /** Nodes at which a Hessian preconditioner is due (then call {@link EnergyGeodesicSolver.receiveHessian}), else null. */
  pendingHessian(): Float64Array | null {
    return this.done || !this.hessianDue ? null : this.nodes(this.lb.x);
  }

  /**
   * Installs H₀ from the full energy Hessian at {@link EnergyGeodesicSolver.pendingHessian}'s nodes
   * ((N+1)d square, from {@link curveEnergyHessians}; undefined keeps the current preconditioner).
   */
  receiveHessian(H: Float64Array | undefined): void {
    this.hessianDue = false;
    if (this.current !== undefined) this.refreshResidual = this.residual();
    if (H === undefined) return;
    const { d, n } = this;
    const dim = n * d;
    const m = (n - 2) * d;
    const Hi = new Float64Array(m * m);
    for (let i = 0; i < m; i++) Hi.set(H.subarray((d + i) * dim + d, (d + i) * dim + d + m), i * m);
    for (const x of Hi) if (!Number.isFinite(x)) return;
    let inv: (g: Float64Array) => Float64Array;
    try {
      inv = shiftedNewtonInverse(Hi, m);
    } catch (e) {
      if (e instanceof InfogeomError) return;
      throw e;
    }
    this.lb.setPreconditioner(inv);
    this.lb.redirect();
  }

  /** Computes and installs a due Hessian preconditioner itself. */
  private refreshHessian(): void {
    const Y = this.pendingHessian();
    if (Y === null) return;
    let H: Float64Array | undefined;
    try {
      H = curveEnergyHessians(this.m, this.hessianBasis, [Y], NEWTON_HESSIAN)[0];
    } catch (e) {
      if (!(e instanceof InfogeomError)) throw e;
    }
    this.receiveHessian(H);
  }

  /** The `'metric'` preconditioner at nodes Y ({@link metricLaplacianInverse}). */
  private preconditioner(Y: Float64Array): (g: Float64Array) => Float64Array {
    return metricLaplacianInverse(this.m, Y, this.n, this.d);
  }

  /** Full node array for interior values x. */
  private nodes(x: Float64Array): Float64Array {
    const { d, n } = this;
    const Y = new Float64Array(n * d);
    Y.set(this.z0, 0);
    Y.set(x, d);
    Y.set(this.z1, (n - 1) * d);
    return Y;
  }

  /** Nodes to evaluate next, or null when finished. */
  pending(): Float64Array | null {
    return this.done ? null : this.nodes(this.lb.proposal());
  }

  /** Feeds the energy at {@link EnergyGeodesicSolver.pending}'s nodes (or undefined when outside the domain). */
  receive(e: CurveEnergy | undefined): void {
    const { d, n } = this;
    const f = e === undefined ? Number.POSITIVE_INFINITY : e.energy;
    const g = e === undefined ? new Float64Array((n - 2) * d) : e.gradient.slice(d, (n - 1) * d);
    const wasFirst = this.current === undefined;
    const accepted = this.lb.tell(f, g);
    if (wasFirst && e !== undefined) this.current = e;
    if (accepted && !this.lb.stalled && e !== undefined) this.current = e;
    if (this.current === undefined) {
      this.done = true;
      return;
    }
    if (accepted || wasFirst) {
      if (accepted) this.iterations++;
      const r = this.residual();
      if (wasFirst) this.refreshResidual = r;
      if (accepted && !this.lb.stalled) {
        if (this.hessianMode && this.iterations >= NEWTON_PATIENCE && r > Math.sqrt(this.tol)) {
          // The Newton model has not brought the residual within √tol in NEWTON_PATIENCE iterations: the
          // curve crawls along a flat, non-convex valley where the shifted Hessian misleads. Go on with the
          // metric preconditioner (always positive definite), which converges there.
          this.hessianMode = false;
          this.hessianDue = false;
          this.lb.setPreconditioner(this.preconditioner(this.nodes(this.lb.x)));
          this.lb.redirect();
        } else if (this.hessianMode) {
          // Refresh when the last Newton model has not cut the residual tenfold within refreshEvery iterations.
          if (this.iterations - this.lastRefresh >= this.refreshEvery) {
            if (r > 0.1 * this.refreshResidual) this.hessianDue = true;
            else this.refreshResidual = r;
            this.lastRefresh = this.iterations;
          }
        } else if (this.iterations % 20 === 0)
          this.lb.setPreconditioner(this.preconditioner(this.nodes(this.lb.x)));
      }
      this.options.onProgress?.({
        iteration: this.iterations,
        energy: this.current.energy,
        length: this.current.length,
        residual: r,
      });
      // Stagnation: no relative energy decrease above rounding over 10 iterations; or, once within
      // √tol, the residual not halved over 6 iterations while the energy fell by less than 16 units of
      // the metric's roundoff (relative) — the rounding floor of a float32 decoder (a few 1e-6 on the MNIST
      // decoder), where L-BFGS otherwise idles. A residual that stalls while the energy still falls
      // measurably is a slow descent (a curve sliding along a flat valley), not a floor: it goes on.
      if (accepted) {
        this.history.push(this.current.energy);
        this.residuals.push(r);
        const old = this.history[this.history.length - 11];
        if (old !== undefined && old - this.current.energy <= 1e-14 * Math.abs(old)) this.stagnated = true;
        const k = this.residuals.length;
        if (k > 6 && r <= Math.sqrt(this.tol)) {
          const before = this.residuals[k - 7]!;
          let best = Number.POSITIVE_INFINITY;
          for (let i = k - 6; i < k; i++) best = Math.min(best, this.residuals[i]!);
          const e0 = this.history[k - 7]!;
          if (best > 0.5 * before && e0 - this.current.energy <= 16 * this.roundoff * Math.abs(e0))
            this.stagnated = true;
        }
      }
      if (r <= this.tol || this.lb.stalled || this.stagnated || this.iterations >= this.maxIterations)
        this.done = true;
    }
  }

  /** The energy residual at the current iterate. */
  residual(): number {
    if (this.current === undefined) return Number.POSITIVE_INFINITY;
    const { d, n } = this;
    let s = 0;
    for (let i = d; i < (n - 1) * d; i++) s += this.current.gradient[i]! ** 2;
    const e = this.current.energy;
    return e > 0 ? (Math.sqrt(s) * this.span) / (2 * e) : Math.sqrt(s) === 0 ? 0 : Number.POSITIVE_INFINITY;
  }

  /** Evaluates the pending nodes itself. */
  evaluate(Y: Float64Array): CurveEnergy | undefined {
    const { Z, V } = curveAtQuadrature(this.basis, Y, this.d);
    for (let q = 0; q < this.basis.t.length; q++)
      if (!this.m.contains(Z.subarray(q * this.d, (q + 1) * this.d))) return undefined;
    try {
      return energyFromDensity(this.basis, this.m.energyDensity(Z, V, this.basis.t.length), this.d);
    } catch (e) {
      if (e instanceof InfogeomError && !(e.name === 'SingularMatrixError')) return undefined;
      throw e;
    }
  }

  /** One L-BFGS iteration (possibly several evaluations); returns false when finished. */
  step(): boolean {
    const before = this.iterations;
    for (;;) {
      this.refreshHessian();
      const Y = this.pending();
      if (Y === null) return false;
      this.receive(this.evaluate(Y));
      if (this.iterations > before) return !this.done;
    }
  }

  /** Runs to convergence (or the iteration cap). */
  run(): GeodesicResult {
    while (this.step()) throwIfAborted(this.options.signal);
    return this.result();
  }

  /** Whether the solver has finished. */
  get finished(): boolean {
    return this.done;
  }

  /** The current result. */
  result(): GeodesicResult {
    const { d } = this;
    const Y = this.nodes(this.lb.x);
    const e = this.current;
    const r = this.residual();
    const v = new Float64Array(d);
    const b = this.basis.at(0).derivative;
    for (let i = 0; i < this.n; i++) for (let k = 0; k < d; k++) v[k]! += b[i]! * Y[i * d + k]!;
    return {
      points: Y,
      length: e?.length ?? Number.POSITIVE_INFINITY,
      energy: e?.energy ?? Number.POSITIVE_INFINITY,
      converged: r <= this.tol || ((this.lb.stalled || this.stagnated) && r <= Math.sqrt(this.tol)),
      iterations: this.iterations,
      residual: r,
      method: 'energy',
      initialVelocity: v,
    };
  }
}
