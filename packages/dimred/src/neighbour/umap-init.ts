import { CsrMatrix, graphLaplacian, lanczos, type Rng } from '@infogeom/linalg';

/** Connected components of a symmetric sparse graph: a label per vertex and the count. */
export function connectedComponents(W: CsrMatrix): { labels: Int32Array; count: number } {
  const n = W.rows;
  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1) continue;
    let top = 0;
    stack[top++] = s;
    labels[s] = count;
    while (top > 0) {
      const i = stack[--top]!;
      for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) {
        const j = W.colIdx[p]!;
        if (labels[j] === -1 && W.values[p]! > 0) {
          labels[j] = count;
          stack[top++] = j;
        }
      }
    }
    count++;
  }
  return { labels, count };
}

/** The induced subgraph on `members` (sorted vertex ids). */
function subgraph(W: CsrMatrix, members: Int32Array, labelOf: Int32Array, label: number): CsrMatrix {
  const local = new Map<number, number>();
  for (let t = 0; t < members.length; t++) local.set(members[t]!, t);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let t = 0; t < members.length; t++) {
    const i = members[t]!;
    for (let p = W.rowPtr[i]!; p < W.rowPtr[i + 1]!; p++) {
      const j = W.colIdx[p]!;
      if (labelOf[j] !== label) continue;
      r.push(t);
      c.push(local.get(j)!);
      v.push(W.values[p]!);
    }
  }
  return CsrMatrix.fromCoo(members.length, members.length, r, c, v);
}

/**
 * Spectral coordinates of a connected graph: eigenvectors 2..dim+1 of the symmetric normalised
 * Laplacian I − D^{-1/2} W D^{-1/2} by linalg's thick-restart Lanczos (umap-learn `spectral_layout`: tol
 * 1e-4; 3× less work than sparseEigsh's extra missed-eigenvector check on a 10,000-point graph);
 * `undefined` when the solver does not converge or the graph is too small.
 */
function spectral(W: CsrMatrix, dim: number, rng: Rng): Float64Array | undefined {
  const n = W.rows;
  if (n <= dim + 1) return undefined;
  const L = graphLaplacian(W, { normalized: 'symmetric' });
  try {
    const res = lanczos(L, { k: dim + 1, which: 'smallest', tol: 1e-4, rng });
    if (!res.converged) return undefined;
    const out = new Float64Array(n * dim);
    for (let i = 0; i < n; i++)
      for (let d = 0; d < dim; d++) out[i * dim + d] = res.vectors.data[i * (dim + 1) + d + 1]!;
    return out;
  } catch {
    return undefined;
  }
}

/**
 * UMAP's initial layout (umap-learn `simplicial_set_embedding`): spectral coordinates of the fuzzy
 * graph scaled to a maximum of 10 plus N(0, 1e-4²) noise, then each axis rescaled to [0, 10].
 * Disconnected graph (documented fallback): each component is laid out spectrally on its own (randomly
 * when too small or when the solver fails), scaled to a unit box and the boxes placed on a square grid
 * with gaps, so no coordinate is NaN. `init: 'random'` draws uniformly in [−10, 10] as umap-learn.
 * @returns the n × dim coordinates and the method used (`'spectral'`, `'spectral-components'`, `'random'`)
 */
export function umapInitialLayout(
  W: CsrMatrix,
  dim: number,
  init: 'spectral' | 'random',
  rng: Rng,
): { layout: Float64Array; method: string; components: number } {
  const n = W.rows;
  const { labels, count } = connectedComponents(W);
  let layout: Float64Array | undefined;
  let method = 'random';
  if (init === 'spectral' && count === 1) {
    layout = spectral(W, dim, rng);
    if (layout !== undefined) method = 'spectral';
  } else if (init === 'spectral') {
    layout = new Float64Array(n * dim);
    const side = Math.ceil(count ** (1 / dim));
    for (let c = 0; c < count; c++) {
      const members = Int32Array.from(
        labels.reduce<number[]>((acc, l, i) => {
          if (l === c) acc.push(i);
          return acc;
        }, []),
      );
      const m = members.length;
      const sub = m > dim + 1 ? spectral(subgraph(W, members, labels, c), dim, rng) : undefined;
      const local = sub ?? Float64Array.from({ length: m * dim }, () => rng.uniform());
      for (let d = 0; d < dim; d++) {
        let lo = Number.POSITIVE_INFINITY;
        let hi = Number.NEGATIVE_INFINITY;
        for (let t = 0; t < m; t++) {
          lo = Math.min(lo, local[t * dim + d]!);
          hi = Math.max(hi, local[t * dim + d]!);
        }
        const cell = Math.floor(c / side ** d) % side;
        for (let t = 0; t < m; t++) {
          const u = hi > lo ? (local[t * dim + d]! - lo) / (hi - lo) : 0.5;
          layout[members[t]! * dim + d] = 2 * cell + u;
        }
      }
    }
    method = 'spectral-components';
  }
  if (layout === undefined) {
    const out = new Float64Array(n * dim);
    for (let s = 0; s < out.length; s++) out[s] = rng.uniform() * 20 - 10;
    return { layout: out, method: 'random', components: count };
  }
  let maxAbs = 0;
  for (let s = 0; s < layout.length; s++) maxAbs = Math.max(maxAbs, Math.abs(layout[s]!));
  const expansion = maxAbs > 0 ? 10 / maxAbs : 1;
  for (let s = 0; s < layout.length; s++) layout[s] = layout[s]! * expansion + 1e-4 * rng.normal();
  for (let d = 0; d < dim; d++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, layout[i * dim + d]!);
      hi = Math.max(hi, layout[i * dim + d]!);
    }
    const s = hi > lo ? 10 / (hi - lo) : 1;
    for (let i = 0; i < n; i++) layout[i * dim + d] = (layout[i * dim + d]! - lo) * s;
  }
  return { layout, method, components: count };
}
