import { DenseMatrix, denseOperator, eigh, lanczos, type Rng } from '@infogeom/linalg';

/**
 * A fitted (landmark) classical MDS: the spectral pseudo-inverse of the landmark configuration, from
 * which any point with known squared distances to the m landmarks is placed by distance-based
 * triangulation (de Silva & Tenenbaum 2004). With every point a landmark this is classical MDS /
 * kernel PCA of −½·J·S·J, and triangulation is its exact Nyström extension.
 */
export interface MdsModel {
  /** Number of landmarks m. */
  readonly m: number;
  /** Target dimension d. */
  readonly d: number;
  /** The d largest eigenvalues of −½·J·S·J, descending (negative ones give a zero coordinate). */
  readonly eigenvalues: Float64Array;
  /** d × m pseudo-inverse rows vᵢ/√λᵢ (zero for λᵢ ≤ 0). */
  readonly pinv: Float64Array;
  /** Mean squared distance from each landmark to the landmarks (δ_μ). */
  readonly meanSquared: Float64Array;
  /** Sum of the positive eigenvalues of −½·J·S·J over all m (for the explained fraction), or NaN when not computed. */
  readonly totalPositive: number;
}

/**
 * Fits the landmark MDS model from the m × m matrix of squared distances S (row-major, symmetric).
 * Dense eigh when m ≤ 64 or d > m/8, else thick-restart Lanczos on the dense operator (O(m²) per step).
 * @param S - squared distances between landmarks (overwritten with −½·J·S·J)
 * @param m - number of landmarks
 * @param d - target dimension (≤ m − 1)
 * @param rng - starting vectors of Lanczos
 */
export function fitMds(S: Float64Array, m: number, d: number, rng: Rng): MdsModel {
  const meanSquared = new Float64Array(m);
  let grand = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += S[i * m + j]!;
    meanSquared[i] = s / m;
    grand += s;
  }
  grand /= m * m;
  const B = S;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      B[i * m + j] = -0.5 * (S[i * m + j]! - meanSquared[i]! - meanSquared[j]! + grand);
  let values: Float64Array;
  let vectors: DenseMatrix;
  let totalPositive = Number.NaN;
  if (m <= 64 || d > m / 8) {
    const e = eigh(new DenseMatrix(m, m, B));
    totalPositive = 0;
    for (const v of e.values) if (v > 0) totalPositive += v;
    values = e.values.slice(m - d).reverse();
    vectors = new DenseMatrix(m, d);
    for (let i = 0; i < m; i++)
      for (let c = 0; c < d; c++) vectors.data[i * d + c] = e.vectors.data[i * m + (m - 1 - c)]!;
  } else {
    // a small Krylov space: convergence is checked at each restart, and kernel spectra decay fast
    const subspaceSize = Math.min(m, Math.max(2 * d + 4, 8));
    const r = lanczos(denseOperator(new DenseMatrix(m, m, B)), {
      k: d,
      which: 'largest',
      rng,
      tol: 1e-10,
      subspaceSize,
    });
    values = r.values.slice().reverse();
    vectors = new DenseMatrix(m, d);
    for (let i = 0; i < m; i++)
      for (let c = 0; c < d; c++) vectors.data[i * d + c] = r.vectors.data[i * d + (d - 1 - c)]!;
  }
  const pinv = new Float64Array(d * m);
  const tiny = 1e-12 * Math.max(Math.abs(values[0]!), Number.MIN_VALUE);
  for (let c = 0; c < d; c++) {
    const lam = values[c]!;
    if (!(lam > tiny)) continue;
    // sign convention: the largest-magnitude landmark entry of each axis is positive
    let big = 0;
    for (let i = 0; i < m; i++)
      if (Math.abs(vectors.data[i * d + c]!) > Math.abs(big)) big = vectors.data[i * d + c]!;
    const f = (big < 0 ? -1 : 1) / Math.sqrt(lam);
    for (let i = 0; i < m; i++) pinv[c * m + i] = vectors.data[i * d + c]! * f;
  }
  return { m, d, eigenvalues: values, pinv, meanSquared, totalPositive };
}

/**
 * Places one point from its squared distances to the landmarks: y = −½·L#·(δ − δ_μ).
 * @param model - fitted model
 * @param squared - squared distances to the m landmarks
 * @param out - output row (length ≥ d)
 * @param offset - where to write in `out`
 */
export function triangulate(
  model: MdsModel,
  squared: ArrayLike<number>,
  out: Float64Array,
  offset = 0,
): void {
  const { m, d, pinv, meanSquared } = model;
  for (let c = 0; c < d; c++) {
    let s = 0;
    const base = c * m;
    for (let a = 0; a < m; a++) s += pinv[base + a]! * (squared[a]! - meanSquared[a]!);
    out[offset + c] = -0.5 * s;
  }
}

/** A centring and rotation to principal axes, fitted on an embedding and reusable on new points. */
export interface PrincipalAxes {
  /** Column means of the fitted embedding. */
  readonly mean: Float64Array;
  /** d × d rotation (columns = principal axes, descending variance, signs fixed). */
  readonly rotation: Float64Array;
}

/** Fits {@link PrincipalAxes} of Y (n × d) and returns them with the rotated copy of Y. */
export function fitPrincipalAxes(Y: DenseMatrix): { axes: PrincipalAxes; rotated: DenseMatrix } {
  const { rows: n, cols: d, data } = Y;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c]! += data[i * d + c]! / n;
  const C = new DenseMatrix(d, d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++)
        C.data[a * d + b]! += (data[i * d + a]! - mean[a]!) * (data[i * d + b]! - mean[b]!);
  const e = eigh(C);
  const rotation = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let c = 0; c < d; c++) rotation[a * d + c] = e.vectors.data[a * d + (d - 1 - c)]!;
  const axes = { mean, rotation };
  const rotated = applyPrincipalAxes(axes, Y);
  for (let c = 0; c < d; c++) {
    let big = 0;
    for (let i = 0; i < n; i++)
      if (Math.abs(rotated.data[i * d + c]!) > Math.abs(big)) big = rotated.data[i * d + c]!;
    if (big < 0) {
      for (let a = 0; a < d; a++) rotation[a * d + c] = -rotation[a * d + c]!;
      for (let i = 0; i < n; i++) rotated.data[i * d + c] = -rotated.data[i * d + c]!;
    }
  }
  return { axes, rotated };
}

/** (Y − mean)·rotation. */
export function applyPrincipalAxes(axes: PrincipalAxes, Y: DenseMatrix): DenseMatrix {
  const { rows: n, cols: d, data } = Y;
  const out = new DenseMatrix(n, d);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < d; c++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += (data[i * d + a]! - axes.mean[a]!) * axes.rotation[a * d + c]!;
      out.data[i * d + c] = s;
    }
  return out;
}
