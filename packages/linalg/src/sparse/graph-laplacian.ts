import { InvalidArgumentError } from '../core/errors.js';
import { CsrMatrix } from './csr-matrix.js';

/** Options for {@link graphLaplacian}. */
export interface GraphLaplacianOptions {
  /**
   * 'none': L = D − W; 'symmetric': L = I − D^{-1/2} W D^{-1/2}; 'randomWalk': L = I − D⁻¹W
   * (not symmetric). Default 'none'.
   */
  normalized?: 'none' | 'symmetric' | 'randomWalk';
}

/**
 * The graph Laplacian of a symmetric, non-negative weighted adjacency matrix W (CSR), degrees
 * dᵢ = Σⱼ wᵢⱼ (a self-loop counts once). Isolated vertices (dᵢ = 0) get a zero row in 'none' and
 * a unit diagonal in the normalised forms, as in scikit-learn's `csgraph.laplacian`.
 * @param W - symmetric adjacency with non-negative finite weights
 * @param options - normalisation
 */
export function graphLaplacian(W: CsrMatrix, options: GraphLaplacianOptions = {}): CsrMatrix {
  const mode = options.normalized ?? 'none';
  if (mode !== 'none' && mode !== 'symmetric' && mode !== 'randomWalk') {
    throw new InvalidArgumentError('normalized', mode, "'none', 'symmetric' or 'randomWalk'");
  }
  if (!W.isSymmetric(1e-12)) throw new InvalidArgumentError('W', W, 'a symmetric adjacency matrix');
  const n = W.rows;
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) {
      const w = W.values[p]!;
      if (!(w >= 0)) throw new InvalidArgumentError(`W.values[${p}]`, w, 'a non-negative weight');
      deg[i]! += w;
    }
  const scale = Float64Array.from(deg, (d) => (d > 0 ? 1 / d : 0));
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    r.push(i);
    c.push(i);
    v.push(mode === 'none' ? deg[i]! : 1);
    for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) {
      const j = W.colIdx[p]!;
      const w = W.values[p]!;
      r.push(i);
      c.push(j);
      if (mode === 'none') v.push(-w);
      else if (mode === 'symmetric')
        v.push(deg[i]! > 0 && deg[j]! > 0 ? -w / Math.sqrt(deg[i]! * deg[j]!) : 0);
      else v.push(-w * scale[i]!);
    }
  }
  return CsrMatrix.fromCoo(n, n, r, c, v);
}
