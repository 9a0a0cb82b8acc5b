import { DimensionMismatchError, InvalidArgumentError, type Rng } from '@infogeom/linalg';

/** Result of {@link kMeans}. */
export interface KMeansResult {
  /** Centres, k×d row-major. */
  centres: Float64Array;
  /** Cluster of each point. */
  labels: Int32Array;
  /** Sum of squared distances to the assigned centres. */
  inertia: number;
  /** Lloyd iterations run. */
  iterations: number;
  /** Whether the assignment stopped changing. */
  converged: boolean;
}

/** k-means (k-means++ seeding from `rng`, then Lloyd iterations) on n points X (n×d). */
export function kMeans(
  X: ArrayLike<number>,
  d: number,
  k: number,
  rng: Rng,
  maxIterations = 100,
): KMeansResult {
  if (X.length % d !== 0) throw new DimensionMismatchError('X.length', X.length, `a multiple of ${d}`);
  const n = X.length / d;
  if (!Number.isInteger(k) || k < 1 || k > n)
    throw new InvalidArgumentError('k', k, `an integer in [1, ${n}]`);
  const x = Float64Array.from(X);
  const C = new Float64Array(k * d);
  const d2 = (i: number, c: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (x[i * d + t]! - C[c * d + t]!) ** 2;
    return s;
  };
  const first = rng.int(n);
  C.set(x.subarray(first * d, first * d + d), 0);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    let tot = 0;
    for (let i = 0; i < n; i++) tot += best[i] = Math.min(best[i]!, d2(i, c - 1));
    let r = rng.uniform() * tot;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= best[i]!;
      if (r < 0) {
        pick = i;
        break;
      }
    }
    C.set(x.subarray(pick * d, pick * d + d), c * d);
  }
  const labels = new Int32Array(n).fill(-1);
  let it = 0;
  let converged = false;
  let inertia = 0;
  for (; it < maxIterations; it++) {
    let changed = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let bc = 0;
      let bd = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const v = d2(i, c);
        if (v < bd) {
          bd = v;
          bc = c;
        }
      }
      inertia += bd;
      if (labels[i] !== bc) {
        labels[i] = bc;
        changed = true;
      }
    }
    if (!changed) {
      converged = true;
      break;
    }
    const cnt = new Float64Array(k);
    const S = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      cnt[c]!++;
      for (let t = 0; t < d; t++) S[c * d + t]! += x[i * d + t]!;
    }
    for (let c = 0; c < k; c++)
      if (cnt[c]! > 0) for (let t = 0; t < d; t++) C[c * d + t] = S[c * d + t]! / cnt[c]!;
  }
  return { centres: C, labels, inertia, iterations: it, converged };
}
