import { DenseMatrix, eigh, type Rng } from '@infogeom/linalg';
import type { KnnGraph } from '../knn/knn-graph.js';

/** Settings of a {@link SculptingState} (validated by the caller). */
export interface SculptingSettings {
  /** Target dimension d. */
  readonly nComponents: number;
  /** Scaling factor σ applied to the extra dimensions each pass. */
  readonly squishingRate: number;
  /** Scale below which the extra dimensions are set to exactly 0. */
  readonly minScale: number;
  /** Error weight of neighbours already adjusted in the current pass (others weigh 1). */
  readonly adjustedWeight: number;
  /** Rotate the data onto its principal axes first. */
  readonly alignWithPca: boolean;
}

/** Centres X and, optionally, rotates it onto its principal axes (descending variance). */
function pcaAlign(X: DenseMatrix, rotate: boolean): DenseMatrix {
  const { rows: n, cols: D } = X;
  const P = X.clone();
  for (let c = 0; c < D; c++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += P.data[i * D + c]!;
    m /= n;
    for (let i = 0; i < n; i++) P.data[i * D + c]! -= m;
  }
  if (!rotate) return P;
  const C = new DenseMatrix(D, D);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < D; a++)
      for (let b = 0; b <= a; b++) C.data[a * D + b]! += P.data[i * D + a]! * P.data[i * D + b]!;
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) C.data[b * D + a] = C.data[a * D + b]!;
  const { vectors } = eigh(C);
  const out = new DenseMatrix(n, D);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < D; c++) {
      const col = D - 1 - c;
      let s = 0;
      for (let a = 0; a < D; a++) s += P.data[i * D + a]! * vectors.data[a * D + col]!;
      out.data[i * D + c] = s;
    }
  return out;
}

/**
 * The mutable state of Manifold Sculpting (Gashler, Ventura & Martinez, NIPS 2007): the points, the
 * recorded neighbour distances δ⁰ᵢⱼ and angles θ⁰ᵢⱼ, the current scale of the extra dimensions and the
 * adaptive hill-climbing step η. One {@link SculptingState.pass} = scale the extra dimensions by σ,
 * rescale the kept ones to restore the mean neighbour distance, then restore the recorded
 * relationships point by point, breadth-first from a random point.
 *
 * Two choices differ from a literal reading of the paper, both for stability (measured: without them the
 * mean neighbour-distance distortion grows without bound on a curved sheet): a point's hill-climbing error
 * covers every recorded relationship it takes part in (as the point, the neighbour or the colinear far point),
 * which makes each move a descent step on the total error; and the kept dimensions are rescaled by the exact
 * factor that restores the mean neighbour distance instead of repeated multiplications by 1/σ.
 */
export class SculptingState {
  /** n × D working coordinates (kept dimensions first). */
  readonly P: DenseMatrix;
  /** Current scale of the extra dimensions (1 → 0). */
  scale = 1;
  /** Current hill-climbing step η. */
  eta: number;
  /** Mean of the recorded neighbour distances δ_ave. */
  readonly meanDistance: number;
  /** Total error of the last pass. */
  lastError = Number.POSITIVE_INFINITY;
  /** Hill-climbing steps accepted in the last pass. */
  lastSteps = 0;
  readonly #n: number;
  readonly #D: number;
  readonly #k: number;
  readonly #nbr: Int32Array;
  readonly #dist0: Float64Array;
  /** Index (a point id) of the most colinear neighbour of neighbour j of i, −1 if none. */
  readonly #far: Int32Array;
  readonly #theta0: Float64Array;
  /** cos θ⁰ of each relationship. */
  readonly #cos0: Float64Array;
  readonly #visited: Int32Array;
  /** CSR lists of the relationships each point takes part in. */
  readonly #touchPtr: Int32Array;
  readonly #touch: Int32Array;
  /** The point i of each relationship t = i·k + a. */
  readonly #termPoint: Int32Array;
  #pass = 0;
  readonly #s: SculptingSettings;
  readonly #rng: Rng;

  /**
   * Records the relationships of the (centred, PCA-aligned) data.
   * @param X - n × D data
   * @param graph - k nearest neighbours of each point in X
   * @param settings - validated settings
   * @param rng - random source for the seed points and step jitter
   */
  constructor(X: DenseMatrix, graph: KnnGraph, settings: SculptingSettings, rng: Rng) {
    this.#s = settings;
    this.#rng = rng;
    this.P = pcaAlign(X, settings.alignWithPca);
    const n = (this.#n = X.rows);
    this.#D = X.cols;
    const k = (this.#k = graph.k);
    this.#nbr = graph.indices;
    this.#dist0 = Float64Array.from(graph.distances);
    let s = 0;
    for (const d of this.#dist0) s += d;
    this.meanDistance = s / this.#dist0.length;
    this.eta = this.meanDistance;
    this.#far = new Int32Array(n * k).fill(-1);
    this.#theta0 = new Float64Array(n * k).fill(Number.NaN);
    for (let i = 0; i < n; i++)
      for (let a = 0; a < k; a++) {
        const j = this.#nbr[i * k + a]!;
        let best = Number.POSITIVE_INFINITY;
        for (let b = 0; b < k; b++) {
          const m = this.#nbr[j * k + b]!;
          if (m === i) continue;
          const c = this.#cosAt(j, i, m);
          if (Number.isFinite(c) && c < best) {
            best = c;
            this.#far[i * k + a] = m;
          }
        }
        if (Number.isFinite(best)) this.#theta0[i * k + a] = Math.acos(best);
      }
    this.#cos0 = this.#theta0.map((t) => Math.cos(t));
    this.#visited = new Int32Array(n).fill(-1);
    this.#termPoint = Int32Array.from({ length: n * k }, (_, t) => (t / k) | 0);
    const count = new Int32Array(n + 1);
    const members = (t: number): number[] => {
      const i = (t / k) | 0;
      const j = this.#nbr[t]!;
      const m = this.#far[t]!;
      const out = [i];
      if (j !== i) out.push(j);
      if (m >= 0 && m !== i && m !== j) out.push(m);
      return out;
    };
    for (let t = 0; t < n * k; t++) for (const v of members(t)) count[v + 1]!++;
    for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
    this.#touchPtr = count.slice();
    this.#touch = new Int32Array(count[n]!);
    const fill = count.slice(0, n);
    for (let t = 0; t < n * k; t++) for (const v of members(t)) this.#touch[fill[v]!++] = t;
  }

  /** cos of the angle at vertex v between a − v and b − v over all D dimensions (NaN for a zero vector). */
  #cosAt(v: number, a: number, b: number): number {
    const D = this.#D;
    const p = this.P.data;
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let c = 0; c < D; c++) {
      const x = p[a * D + c]! - p[v * D + c]!;
      const y = p[b * D + c]! - p[v * D + c]!;
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    if (na === 0 || nb === 0) return Number.NaN;
    return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
  }

  #dist(a: number, b: number): number {
    const D = this.#D;
    const p = this.P.data;
    let s = 0;
    for (let c = 0; c < D; c++) {
      const x = p[a * D + c]! - p[b * D + c]!;
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** Squared distance and angle distortion of relationship t = i·k + a (point i, its neighbour j, j's colinear m). */
  #term(t: number): number {
    const D = this.#D;
    const p = this.P.data;
    const io = this.#termPoint[t]! * D;
    const jo = this.#nbr[t]! * D;
    const m = this.#far[t]!;
    let dij = 0;
    for (let c = 0; c < D; c++) {
      const x = p[io + c]! - p[jo + c]!;
      dij += x * x;
    }
    dij = Math.sqrt(dij);
    const dd = (dij - this.#dist0[t]!) / (2 * this.meanDistance);
    const t0 = this.#theta0[t]!;
    if (m < 0 || Number.isNaN(t0) || dij === 0) return dd * dd;
    const mo = m * D;
    let dot = 0;
    let nm = 0;
    for (let c = 0; c < D; c++) {
      const y = p[mo + c]! - p[jo + c]!;
      dot += (p[io + c]! - p[jo + c]!) * y;
      nm += y * y;
    }
    if (nm === 0) return dd * dd;
    const cos = dot / (dij * Math.sqrt(nm));
    if (cos <= this.#cos0[t]!) return dd * dd; // the angle did not shrink: no penalty (and no acos)
    const dt = Math.max(0, t0 - Math.acos(Math.min(1, cos))) / Math.PI;
    return dd * dd + dt * dt;
  }

  /**
   * The error heuristic of point v: the distortions of every recorded relationship v takes part in (as the
   * point, the neighbour or the colinear far point), those whose other points were already adjusted in this
   * pass weighted by `adjustedWeight`.
   */
  error(v: number): number {
    const pass = this.#pass;
    let e = 0;
    for (let q = this.#touchPtr[v]!; q < this.#touchPtr[v + 1]!; q++) {
      const t = this.#touch[q]!;
      const i = this.#termPoint[t]!;
      const j = this.#nbr[t]!;
      const m = this.#far[t]!;
      const done =
        (i === v || this.#visited[i] === pass) &&
        (j === v || this.#visited[j] === pass) &&
        (m < 0 || m === v || this.#visited[m] === pass);
      e += (done ? this.#s.adjustedWeight : 1) * this.#term(t);
    }
    return e;
  }

  /** Mean relative distortion of the recorded neighbour distances, mean |δᵢⱼ/δ⁰ᵢⱼ − 1|. */
  distortion(): number {
    let r = 0;
    let c = 0;
    for (let t = 0; t < this.#dist0.length; t++) {
      const d0 = this.#dist0[t]!;
      if (d0 === 0) continue;
      r += Math.abs(this.#dist((t / this.#k) | 0, this.#nbr[t]!) / d0 - 1);
      c++;
    }
    return c === 0 ? 0 : r / c;
  }

  /** Hill-climbs point i in the kept dimensions; returns [steps taken, final error]. */
  #adjust(i: number): [number, number] {
    const d = this.#s.nComponents;
    const p = this.P.data;
    const o = i * this.#D;
    const step = this.eta * (0.6 + 0.4 * this.#rng.uniform());
    let base = this.error(i);
    let steps = 0;
    for (let sweep = 0; sweep < 30; sweep++) {
      let improved = false;
      for (let c = 0; c < d; c++) {
        p[o + c]! += step;
        let e = this.error(i);
        if (e >= base) {
          p[o + c]! -= 2 * step;
          e = this.error(i);
        }
        if (e < base) {
          base = e;
          improved = true;
        } else p[o + c]! += step;
      }
      if (!improved) break;
      steps++;
    }
    return [steps, base];
  }

  /**
   * Scales the kept dimensions by the factor f ≥ 1 that brings the mean neighbour distance back to δ_ave:
   * with aᵢⱼ, bᵢⱼ the squared kept and extra parts of each neighbour distance, solve
   * mean √(f²aᵢⱼ + bᵢⱼ) = δ_ave by safeguarded Newton steps. The paper multiplies by 1/σ until δ_ave is
   * reached; the exact factor avoids overshooting by up to 1/σ, which the local hill climbing cannot undo.
   */
  #restoreMeanDistance(): void {
    const d = this.#s.nComponents;
    const D = this.#D;
    const p = this.P.data;
    const n = this.#n;
    const k = this.#k;
    const m = n * k;
    const kept = new Float64Array(m);
    const extra = new Float64Array(m);
    for (let t = 0; t < m; t++) {
      const io = this.#termPoint[t]! * D;
      const jo = this.#nbr[t]! * D;
      let sa = 0;
      let sb = 0;
      for (let c = 0; c < D; c++) {
        const x = p[io + c]! - p[jo + c]!;
        if (c < d) sa += x * x;
        else sb += x * x;
      }
      kept[t] = sa;
      extra[t] = sb;
    }
    const target = this.meanDistance;
    const g = (f: number): [number, number] => {
      let v = 0;
      let dv = 0;
      for (let t = 0; t < m; t++) {
        const r = Math.sqrt(f * f * kept[t]! + extra[t]!);
        v += r;
        if (r > 0) dv += (f * kept[t]!) / r;
      }
      return [v / m - target, dv / m];
    };
    let [v, dv] = g(1);
    if (v >= 0) return;
    let lo = 1;
    let hi = Number.POSITIVE_INFINITY;
    let f = 1;
    for (let it = 0; it < 60 && Math.abs(v) > 1e-15 * target; it++) {
      if (v < 0) lo = f;
      else hi = f;
      let next = dv > 0 ? f - v / dv : 2 * f;
      if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? 0.5 * (lo + hi) : 2 * lo;
      f = next;
      [v, dv] = g(f);
    }
    if (v < 0 && Number.isFinite(hi)) f = hi; // end on the side that restores at least δ_ave
    for (let t = 0; t < n; t++) for (let c = 0; c < d; c++) p[t * D + c]! *= f;
  }

  /** One pass: squish the extra dimensions, then restore relationships breadth-first from a random point. */
  pass(): void {
    const { nComponents: d, squishingRate: sigma, minScale } = this.#s;
    const n = this.#n;
    const D = this.#D;
    const k = this.#k;
    const p = this.P.data;
    if (this.scale > 0) {
      this.scale *= sigma;
      const zero = this.scale < minScale;
      if (zero) this.scale = 0;
      for (let i = 0; i < n; i++) for (let c = d; c < D; c++) p[i * D + c] = zero ? 0 : p[i * D + c]! * sigma;
      this.#restoreMeanDistance();
    }
    const pass = ++this.#pass;
    const queue = new Int32Array(n * (k + 1) + n);
    let steps = 0;
    let total = 0;
    let start = this.#rng.int(n);
    for (let visitedCount = 0; visitedCount < n; ) {
      let head = 0;
      let tail = 0;
      queue[tail++] = start;
      while (head < tail) {
        const i = queue[head++]!;
        if (this.#visited[i] === pass) continue;
        this.#visited[i] = pass;
        visitedCount++;
        for (let a = 0; a < k; a++) {
          const j = this.#nbr[i * k + a]!;
          if (this.#visited[j] !== pass) queue[tail++] = j;
        }
        if (i === start) continue; // the seed of the breadth-first sweep stays put
        const [s, e] = this.#adjust(i);
        steps += s;
        total += e;
      }
      if (visitedCount < n) start = this.#visited.findIndex((v) => v !== pass);
    }
    // The paper's adaptive step: shrink when fewer than n hill-climbing steps were accepted, else grow
    // (floored so that it never underflows to 0).
    this.eta = Math.max(steps < n ? this.eta * 0.87 : this.eta / 0.91, 1e-12 * this.meanDistance);
    this.lastSteps = steps;
    this.lastError = total;
  }

  /** The first d coordinates (a copy). */
  embedding(): DenseMatrix {
    const d = this.#s.nComponents;
    const D = this.#D;
    const Y = new DenseMatrix(this.#n, d);
    for (let i = 0; i < this.#n; i++) for (let c = 0; c < d; c++) Y.data[i * d + c] = this.P.data[i * D + c]!;
    return Y;
  }
}
