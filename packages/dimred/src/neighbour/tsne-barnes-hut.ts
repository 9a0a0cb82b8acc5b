import type { CsrMatrix } from '@infogeom/linalg';
import { buildSpaceTree } from './tsne-space-tree.js';

const FLOAT32_TINY = 1.1754943508222875e-38;

/**
 * Barnes–Hut t-SNE gradient (van der Maaten 2014; scikit-learn `_barnes_hut_tsne.gradient`, with the
 * exact Student-t derivative (1 + d²/ν)⁻¹ as the force kernel also when ν ≠ 1):
 * attractive forces exactly over the sparse P, repulsive forces from a space-partitioning tree where a
 * cell of squared width w² at squared distance r² from the point is summarised when w²/r² < θ².
 * Writes ∂KL/∂Y into `grad` and returns the KL divergence estimated with the tree's normaliser when
 * `withError`, else NaN.
 * @param P - sparse symmetric joint probabilities (rows sum to the total 1)
 * @param Y - n × dim embedding
 * @param dim - embedding dimension (2 or 3)
 * @param dof - degrees of freedom ν
 * @param theta - accuracy θ (0 = exact summation)
 * @param grad - n × dim output
 * @param withError - also compute the KL divergence
 */
export function barnesHutKlGradient(
  P: CsrMatrix,
  Y: Float64Array,
  dim: number,
  dof: number,
  theta: number,
  grad: Float64Array,
  withError: boolean,
): number {
  const n = Y.length / dim;
  const tree = buildSpaceTree(Y, dim);
  const { count, com, width2, firstChild, nChildren, start, order } = tree;
  const expo = (dof + 1) / 2;
  const theta2 = theta * theta;
  const neg = new Float64Array(n * dim);
  const stack = new Int32Array(64 * (1 << dim) + 16);
  const delta = new Float64Array(dim);
  let sumQ = 0;
  for (let i = 0; i < n; i++) {
    let top = 0;
    stack[top++] = 0;
    const yi = i * dim;
    while (top > 0) {
      const cell = stack[--top]!;
      const cnt = count[cell]!;
      if (cnt === 0) continue;
      const leaf = firstChild[cell] === -1;
      let d2 = 0;
      for (let d = 0; d < dim; d++) {
        delta[d] = Y[yi + d]! - com[cell * dim + d]!;
        d2 += delta[d]! * delta[d]!;
      }
      if (leaf) {
        // exact sum over the (coinciding) points of the leaf, skipping i itself
        for (let t = start[cell]!; t < start[cell]! + cnt; t++) {
          const j = order[t]!;
          if (j === i) continue;
          let e2 = 0;
          for (let d = 0; d < dim; d++) {
            const u = Y[yi + d]! - Y[j * dim + d]!;
            e2 += u * u;
          }
          const base = dof / (dof + e2);
          const q = dof === 1 ? base : base ** expo;
          sumQ += q;
          const mult = q * base;
          for (let d = 0; d < dim; d++) neg[yi + d]! += mult * (Y[yi + d]! - Y[j * dim + d]!);
        }
      } else if (width2[cell]! < theta2 * d2) {
        const base = dof / (dof + d2);
        const q = dof === 1 ? base : base ** expo;
        sumQ += cnt * q;
        const mult = cnt * q * base;
        for (let d = 0; d < dim; d++) neg[yi + d]! += mult * delta[d]!;
      } else {
        const fc = firstChild[cell]!;
        for (let c = 0; c < nChildren[cell]!; c++) stack[top++] = fc + c;
      }
    }
  }
  // attractive forces and the error
  let kl = 0;
  const c = (2 * (dof + 1)) / dof;
  for (let i = 0; i < n; i++) {
    const yi = i * dim;
    for (let d = 0; d < dim; d++) delta[d] = 0;
    for (let p = P.rowPtr[i]!; p < P.rowPtr[i + 1]!; p++) {
      const j = P.colIdx[p]!;
      const pij = P.values[p]!;
      let e2 = 0;
      for (let d = 0; d < dim; d++) {
        const u = Y[yi + d]! - Y[j * dim + d]!;
        e2 += u * u;
      }
      const base = dof / (dof + e2);
      const q = dof === 1 ? base : base ** expo;
      const mult = pij * base;
      for (let d = 0; d < dim; d++) delta[d]! += mult * (Y[yi + d]! - Y[j * dim + d]!);
      if (withError) {
        const qn = q / sumQ;
        kl += pij * Math.log(Math.max(pij, FLOAT32_TINY) / Math.max(qn, FLOAT32_TINY));
      }
    }
    for (let d = 0; d < dim; d++) grad[yi + d] = c * (delta[d]! - neg[yi + d]! / sumQ);
  }
  return withError ? kl : Number.NaN;
}
