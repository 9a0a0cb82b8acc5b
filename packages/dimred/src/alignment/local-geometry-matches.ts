import {
  AbortError,
  CsrMatrix,
  DenseMatrix,
  InvalidArgumentError,
  type MatrixInput,
  toDense,
} from '@infogeom/linalg';
import { exactKnn } from '../knn/exact-knn.js';

/** Options of {@link localGeometryMatches}. */
export interface LocalGeometryMatchOptions {
  /** Neighbours k in each local pattern (2…7; every k! ordering is tried, so cost grows as k!; default 5). */
  readonly patternNeighbors?: number;
  /** Best matches kept per point, in each direction (default 1). */
  readonly crossNeighbors?: number;
  /** Heat-kernel width δ² of the match weights exp(−dist/δ²) (default: the median pattern distance over all pairs). */
  readonly delta2?: number;
  /** Checked between rows; an aborted signal stops with an `AbortError`. */
  readonly signal?: AbortSignal;
}

/** All permutations of 0…k−1 (internal). */
function permutations(k: number): Int32Array[] {
  const out: Int32Array[] = [];
  const a = Int32Array.from({ length: k }, (_, i) => i);
  const rec = (s: number): void => {
    if (s === k) {
      out.push(a.slice());
      return;
    }
    for (let i = s; i < k; i++) {
      [a[s], a[i]] = [a[i]!, a[s]!];
      rec(s + 1);
      [a[s], a[i]] = [a[i]!, a[s]!];
    }
  };
  rec(0);
  return out;
}

/** The (k+1) × (k+1) distance matrices of every point and its k neighbours, flattened, and their squared norms. */
function localPatterns(X: DenseMatrix, k: number): { R: Float64Array; norm2: Float64Array } {
  const { rows: n, cols: D } = X;
  const g = exactKnn(X, { k });
  const s = k + 1;
  const R = new Float64Array(n * s * s);
  const norm2 = new Float64Array(n);
  const ids = new Int32Array(s);
  for (let i = 0; i < n; i++) {
    ids[0] = i;
    for (let a = 0; a < k; a++) ids[a + 1] = g.indices[i * k + a]!;
    let t = 0;
    for (let a = 0; a < s; a++)
      for (let b = 0; b < s; b++) {
        let d2 = 0;
        for (let c = 0; c < D; c++) {
          const x = X.data[ids[a]! * D + c]! - X.data[ids[b]! * D + c]!;
          d2 += x * x;
        }
        const dist = Math.sqrt(d2);
        R[i * s * s + a * s + b] = dist;
        t += dist * dist;
      }
    norm2[i] = t;
  }
  return { R, norm2 };
}

/**
 * Cross-domain correspondences from local geometry, after Wang & Mahadevan, "Manifold alignment without
 * correspondence" (IJCAI 2009): each point is described by the distance matrix Rᵢ of itself and its k
 * neighbours; two patterns are compared, over every ordering h of the neighbours, by the scale-free distance
 * min(‖R_y,h − k₁R_x‖, ‖R_x − k₂R_y,h‖) with the optimal scalings k₁, k₂; the best orderings give
 * dist(Rₓᵢ, R_yⱼ). Works across data sets of different dimension and scale. Each point keeps its
 * `crossNeighbors` best matches (in both directions), weighted exp(−dist/δ²). Every pair of points is compared:
 * O(n·m·k!·k²) time and an n × m dense score matrix, so it suits data sets of up to a few thousand points.
 * @param X - n × p first data set
 * @param Y - m × q second data set (q may differ from p)
 * @param options - pattern size, matches kept, kernel width, signal
 * @returns the n × m sparse match-weight matrix
 */
export function localGeometryMatches(
  X: MatrixInput,
  Y: MatrixInput,
  options: LocalGeometryMatchOptions = {},
): CsrMatrix {
  const A = toDense(X, 'X');
  const B = toDense(Y, 'Y');
  const k = options.patternNeighbors ?? 5;
  const maxK = Math.min(7, A.rows - 1, B.rows - 1);
  if (!Number.isInteger(k) || k < 2 || k > maxK)
    throw new InvalidArgumentError('patternNeighbors', k, `an integer in [2, ${maxK}]`);
  const keep = options.crossNeighbors ?? 1;
  if (!Number.isInteger(keep) || keep < 1 || keep > Math.min(A.rows, B.rows))
    throw new InvalidArgumentError('crossNeighbors', keep, `an integer in [1, ${Math.min(A.rows, B.rows)}]`);
  const px = localPatterns(A, k);
  const py = localPatterns(B, k);
  const perms = permutations(k);
  const n = A.rows;
  const m = B.rows;
  const s = k + 1;
  const S = new DenseMatrix(n, m);
  const pi = new Int32Array(s);
  for (let i = 0; i < n; i++) {
    if (options.signal?.aborted === true) throw new AbortError(options.signal.reason);
    const ox = i * s * s;
    const xx = px.norm2[i]!;
    for (let j = 0; j < m; j++) {
      const oy = j * s * s;
      const yy = py.norm2[j]!;
      let best = Number.NEGATIVE_INFINITY;
      let bestPerm = perms[0]!;
      for (const h of perms) {
        pi[0] = 0;
        for (let a = 0; a < k; a++) pi[a + 1] = h[a]! + 1;
        let t = 0;
        for (let a = 0; a < s; a++) {
          const ra = ox + a * s;
          const rb = oy + pi[a]! * s;
          for (let b = 0; b < s; b++) t += px.R[ra + b]! * py.R[rb + pi[b]!]!;
        }
        if (t > best) {
          best = t;
          bestPerm = h;
        }
      }
      // both distances decrease as the alignment t grows; evaluate them directly (no cancellation) at the best ordering
      pi[0] = 0;
      for (let a = 0; a < k; a++) pi[a + 1] = bestPerm[a]! + 1;
      const k1 = xx > 0 ? best / xx : 0;
      const k2 = yy > 0 ? best / yy : 0;
      let e1 = 0;
      let e2 = 0;
      for (let a = 0; a < s; a++)
        for (let b = 0; b < s; b++) {
          const x = px.R[ox + a * s + b]!;
          const y = py.R[oy + pi[a]! * s + pi[b]!]!;
          e1 += (y - k1 * x) ** 2;
          e2 += (x - k2 * y) ** 2;
        }
      const d1 = Math.sqrt(e1);
      const d2 = Math.sqrt(e2);
      S.data[i * m + j] = Math.min(d1, d2);
    }
  }
  // keep the best matches of every row and every column
  const chosen = new Map<number, number>();
  const pick = (count: number, len: number, at: (t: number) => number, key: (t: number) => number): void => {
    const order = Array.from({ length: len }, (_, t) => t).sort((a, b) => at(a) - at(b) || a - b);
    for (let t = 0; t < count; t++) chosen.set(key(order[t]!), at(order[t]!));
  };
  for (let i = 0; i < n; i++)
    pick(
      keep,
      m,
      (j) => S.data[i * m + j]!,
      (j) => i * m + j,
    );
  for (let j = 0; j < m; j++)
    pick(
      keep,
      n,
      (i) => S.data[i * m + j]!,
      (i) => i * m + j,
    );
  const all = Float64Array.from(S.data).sort();
  let delta2 = options.delta2 ?? all[all.length >> 1]!;
  if (options.delta2 === undefined && !(delta2 > 0)) delta2 = 1;
  if (!(delta2 > 0) || !Number.isFinite(delta2))
    throw new InvalidArgumentError('delta2', delta2, 'a finite δ² > 0');
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (const [key, dist] of chosen) {
    r.push(Math.floor(key / m));
    c.push(key % m);
    v.push(Math.exp(-dist / delta2));
  }
  return CsrMatrix.fromCoo(n, m, r, c, v);
}
