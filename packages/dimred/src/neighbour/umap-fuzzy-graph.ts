import { CsrMatrix, InvalidArgumentError } from '@infogeom/linalg';
import type { KnnGraph } from '../knn/knn-graph.js';

/** Per-point scales of UMAP's local metric (umap-learn `smooth_knn_dist`). */
export interface SmoothKnnDistances {
  /** σᵢ: the bandwidth making Σⱼ exp(−(dᵢⱼ − ρᵢ)/σᵢ) = log₂(nNeighbors). */
  readonly sigmas: Float64Array;
  /** ρᵢ: distance to the nearest (local-connectivity-th) non-zero neighbour. */
  readonly rhos: Float64Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * ρ and σ of every row of an n × `width` distance table by binary search (64 halvings, tolerance 1e-5),
 * as umap-learn: ρ interpolates the non-zero distances at `localConnectivity`, the sum runs over columns
 * `first..width−1` and σ is floored at 1e-3 × the mean distance.
 * @param distances - row-major n × width distances, non-decreasing per row
 * @param width - columns per row
 * @param target - log₂ of the neighbourhood size
 * @param localConnectivity - neighbours assumed connected (umap-learn default 1)
 * @param first - first column summed (1 mimics umap-learn when column 0 is not the point itself)
 */
export function smoothKnnDistances(
  distances: Float64Array,
  width: number,
  target: number,
  localConnectivity = 1,
  first = 0,
): SmoothKnnDistances {
  const n = distances.length / width;
  const sigmas = new Float64Array(n);
  const rhos = new Float64Array(n);
  let meanAll = 0;
  for (let s = 0; s < distances.length; s++) meanAll += distances[s]!;
  meanAll /= Math.max(1, distances.length);
  const index = Math.floor(localConnectivity);
  const interp = localConnectivity - index;
  for (let i = 0; i < n; i++) {
    const row = distances.subarray(i * width, (i + 1) * width);
    const nz: number[] = [];
    let meanRow = 0;
    for (let j = 0; j < width; j++) {
      meanRow += row[j]!;
      if (row[j]! > 0) nz.push(row[j]!);
    }
    meanRow /= width;
    let rho = 0;
    if (nz.length >= localConnectivity) {
      if (index > 0) {
        rho = nz[index - 1]!;
        if (interp > SMOOTH_K_TOLERANCE) rho += interp * (nz[index]! - nz[index - 1]!);
      } else rho = interp * nz[0]!;
    } else if (nz.length > 0) rho = Math.max(...nz);
    let lo = 0;
    let hi = Number.POSITIVE_INFINITY;
    let mid = 1;
    for (let it = 0; it < 64; it++) {
      let psum = 0;
      for (let j = first; j < width; j++) {
        const d = row[j]! - rho;
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Number.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho > 0 ? meanRow : meanAll);
    sigmas[i] = Math.max(mid, floor);
    rhos[i] = rho;
  }
  return { sigmas, rhos };
}

/** Membership strength exp(−(d − ρ)/σ), 1 inside ρ. */
export function membership(d: number, rho: number, sigma: number): number {
  return d - rho <= 0 || sigma === 0 ? 1 : Math.exp(-(d - rho) / sigma);
}

/** Result of {@link fuzzySimplicialSet}. */
export interface FuzzySimplicialSet extends SmoothKnnDistances {
  /** The symmetric n × n membership matrix W (CSR), entries in (0, 1]. */
  readonly graph: CsrMatrix;
}

/**
 * UMAP's fuzzy simplicial set of a kNN graph (McInnes, Healy & Melville 2018, §3; umap-learn
 * `fuzzy_simplicial_set`): directed memberships wᵢⱼ = exp(−(dᵢⱼ − ρᵢ)/σᵢ) with ρ, σ from
 * {@link smoothKnnDistances} and target log₂(k + 1) (the point itself counts as umap-learn's first
 * neighbour), then the fuzzy union W = A + Aᵀ − A∘Aᵀ. Memory O(n·k).
 * @param knn - the k nearest neighbours of each point, excluding itself
 * @param localConnectivity - neighbours assumed connected (default 1)
 */
export function fuzzySimplicialSet(knn: KnnGraph, localConnectivity = 1): FuzzySimplicialSet {
  const { n, k } = knn;
  if (!(localConnectivity >= 0))
    throw new InvalidArgumentError('localConnectivity', localConnectivity, 'a number ≥ 0');
  const { sigmas, rhos } = smoothKnnDistances(knn.distances, k, Math.log2(k + 1), localConnectivity, 0);
  // directed rows sorted by column
  const rowPtr = new Int32Array(n + 1);
  const cols = new Int32Array(n * k);
  const vals = new Float64Array(n * k);
  const order = new Int32Array(k);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) order[j] = j;
    const base = i * k;
    order.sort((x, y) => knn.indices[base + x]! - knn.indices[base + y]!);
    let last = -1;
    for (let t = 0; t < k; t++) {
      const j = order[t]!;
      const c = knn.indices[base + j]!;
      if (c < 0 || c === i || c === last) continue;
      last = c;
      cols[nnz] = c;
      vals[nnz++] = membership(knn.distances[base + j]!, rhos[i]!, sigmas[i]!);
    }
    rowPtr[i + 1] = nnz;
  }
  const A = new CsrMatrix(n, n, rowPtr, cols.slice(0, nnz), vals.slice(0, nnz));
  const At = transpose(A);
  return { graph: fuzzyUnion(A, At), sigmas, rhos };
}

/** Transpose of a CSR matrix by counting sort (columns come out sorted). */
export function transpose(A: CsrMatrix): CsrMatrix {
  const { rows, cols } = A;
  const ptr = new Int32Array(cols + 1);
  for (let p = 0; p < A.nnz; p++) ptr[A.colIdx[p]! + 1]!++;
  for (let c = 0; c < cols; c++) ptr[c + 1]! += ptr[c]!;
  const next = ptr.slice(0, cols);
  const idx = new Int32Array(A.nnz);
  const val = new Float64Array(A.nnz);
  for (let i = 0; i < rows; i++)
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
      const q = next[A.colIdx[p]!]!++;
      idx[q] = i;
      val[q] = A.values[p]!;
    }
  return new CsrMatrix(cols, rows, ptr, idx, val);
}

/** a + b − ab entrywise over the union of two patterns with sorted rows. */
function fuzzyUnion(A: CsrMatrix, B: CsrMatrix): CsrMatrix {
  const n = A.rows;
  const ptr = new Int32Array(n + 1);
  const idx = new Int32Array(A.nnz + B.nnz);
  const val = new Float64Array(A.nnz + B.nnz);
  let q = 0;
  for (let i = 0; i < n; i++) {
    let p = A.rowPtr[i]!;
    let r = B.rowPtr[i]!;
    const pe = A.rowPtr[i + 1]!;
    const re = B.rowPtr[i + 1]!;
    while (p < pe || r < re) {
      const ca = p < pe ? A.colIdx[p]! : n;
      const cb = r < re ? B.colIdx[r]! : n;
      let v: number;
      if (ca === cb) {
        const a = A.values[p++]!;
        const b = B.values[r++]!;
        v = a + b - a * b;
      } else if (ca < cb) v = A.values[p++]!;
      else v = B.values[r++]!;
      idx[q] = Math.min(ca, cb);
      val[q++] = v;
    }
    ptr[i + 1] = q;
  }
  return new CsrMatrix(n, n, ptr, idx.slice(0, q), val.slice(0, q));
}
