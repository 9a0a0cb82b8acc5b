/**
 * Ask/tell L-BFGS with an Armijo backtracking line search and a user preconditioner H₀, so that many
 * independent minimisations can share one batched evaluation (see `geodesics`). Internal.
 */
export class Lbfgs {
  /** Current iterate. */
  x: Float64Array;
  /** f at the iterate (NaN until the first tell). */
  f = Number.NaN;
  /** Gradient at the iterate. */
  g: Float64Array;
  /** Accepted iterations. */
  iterations = 0;
  /** Set when the line search cannot make progress. */
  stalled = false;
  /**
   * Relative noise level of f (default 0). When positive, a change of f within ±2·noise·|f| counts as
   * noise (the relaxed Armijo bound for noisy objectives of Berahas, Byrd & Nocedal, SIAM J. Optim. 2019):
   * such a step is accepted when the gradient norm falls, and four such rejections of one direction mean
   * the rounding floor (`stalled`); a larger decrease passes the classical test. A float32 objective rounds
   * at ≈ 1e-7 relative, more than a good step decreases it near the optimum: the classical test alone then
   * shrinks the step until the trial rounds to the same value and "accepts" a null step, while the (more
   * accurate) gradient still points the way.
   */
  noise = 0;
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private p: Float64Array;
  private alpha = 1;
  private trial: Float64Array | null;
  private gp = 0;
  /** Rejected trials of the current direction whose f was within the noise. */
  private inBand = 0;

  /**
   * @param x0 - start
   * @param precondition - applies H₀ to a gradient (in place on a copy)
   * @param memory - number of correction pairs
   */
  constructor(
    x0: Float64Array,
    private precondition: (g: Float64Array) => Float64Array,
    private readonly memory = 10,
  ) {
    this.x = x0.slice();
    this.g = new Float64Array(x0.length);
    this.p = new Float64Array(x0.length);
    this.trial = this.x.slice();
  }

  /** Replaces H₀ and clears the correction pairs (the current trial step is kept). */
  setPreconditioner(precondition: (g: Float64Array) => Float64Array): void {
    this.precondition = precondition;
    this.s.length = 0;
    this.y.length = 0;
  }

  /**
   * Recomputes the search direction at the current iterate (e.g. after {@link Lbfgs.setPreconditioner}
   * right after an accepted step), discarding the pending trial.
   */
  redirect(): void {
    if (!Number.isNaN(this.f)) this.direction();
  }

  /** The point to evaluate next. */
  proposal(): Float64Array {
    return this.trial ?? this.x;
  }

  /** Reports f and ∇f at {@link Lbfgs.proposal}; returns true when an iteration was completed. */
  tell(f: number, g: Float64Array): boolean {
    const xt = this.trial ?? this.x;
    if (Number.isNaN(this.f)) {
      this.f = f;
      this.g = g.slice();
      this.direction();
      return false;
    }
    if (Number.isFinite(f) && this.acceptable(f, g)) {
      const s = new Float64Array(xt.length);
      const y = new Float64Array(xt.length);
      let sy = 0;
      for (let i = 0; i < s.length; i++) {
        s[i] = xt[i]! - this.x[i]!;
        y[i] = g[i]! - this.g[i]!;
        sy += s[i]! * y[i]!;
      }
      if (sy > 1e-300) {
        this.s.push(s);
        this.y.push(y);
        if (this.s.length > this.memory) {
          this.s.shift();
          this.y.shift();
        }
      }
      this.x = xt.slice();
      this.f = f;
      this.g = g.slice();
      this.iterations++;
      this.direction();
      return true;
    }
    // Within the noise the gradient has not fallen at 4 trial steps of this direction: the rounding floor
    // (a smaller step only rounds to the same trial point).
    if (this.noise > 0 && Number.isFinite(f) && Math.abs(f - this.f) <= 2 * this.noise * Math.abs(this.f))
      if (++this.inBand >= 4) {
        this.stalled = true;
        this.trial = null;
        return true;
      }
    // Backtrack (quadratic interpolation, safeguarded).
    const a = this.alpha;
    let next = 0.5 * a;
    if (Number.isFinite(f)) {
      const denom = 2 * (f - this.f - this.gp * a);
      if (denom > 0) next = Math.min(0.5 * a, Math.max(0.1 * a, (-this.gp * a * a) / denom));
    } else next = 0.25 * a;
    this.alpha = next;
    if (this.alpha < 1e-14) {
      this.stalled = true;
      this.trial = null;
      return true;
    }
    this.setTrial();
    return false;
  }

  /** The sufficient-decrease test (relaxed by {@link Lbfgs.noise}). */
  private acceptable(f: number, g: Float64Array): boolean {
    const armijo = f <= this.f + 1e-4 * this.alpha * this.gp;
    if (this.noise === 0) return armijo;
    // A decrease beyond the noise is trusted; within it, the gradient decides.
    const band = 2 * this.noise * Math.abs(this.f);
    if (armijo && f < this.f - band) return true;
    return f <= this.f + band && dot(g, g) < dot(this.g, this.g);
  }

  private direction(): void {
    const m = this.s.length;
    const q = this.g.slice();
    const al = new Float64Array(m);
    const rho = new Float64Array(m);
    for (let k = m - 1; k >= 0; k--) {
      rho[k] = 1 / dot(this.y[k]!, this.s[k]!);
      al[k] = rho[k]! * dot(this.s[k]!, q);
      axpy(-al[k]!, this.y[k]!, q);
    }
    const r = this.precondition(q);
    for (let k = 0; k < m; k++) {
      const b = rho[k]! * dot(this.y[k]!, r);
      axpy(al[k]! - b, this.s[k]!, r);
    }
    for (let i = 0; i < r.length; i++) this.p[i] = -r[i]!;
    this.gp = dot(this.g, this.p);
    if (!(this.gp < 0)) {
      // Not a descent direction (lost curvature information): restart with the preconditioned gradient.
      this.s.length = 0;
      this.y.length = 0;
      const r0 = this.precondition(this.g.slice());
      for (let i = 0; i < r0.length; i++) this.p[i] = -r0[i]!;
      this.gp = dot(this.g, this.p);
    }
    this.alpha = 1;
    this.inBand = 0;
    this.setTrial();
  }

  private setTrial(): void {
    const t = new Float64Array(this.x.length);
    for (let i = 0; i < t.length; i++) t[i] = this.x[i]! + this.alpha * this.p[i]!;
    this.trial = t;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}
