import { DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import type { FisherOperator } from './fisher-operator.js';
import { checkDamping, checkK, checkLength, outVec, topIndices } from './spectral.js';

/** A block-diagonal Fisher operator ({@link blockDiagonalFisher}). */
export interface BlockDiagonalFisher extends FisherOperator {
  /** Always 'blockDiagonal'. */
  readonly kind: 'blockDiagonal';
  /** The diagonal blocks, in parameter order. */
  readonly blocks: readonly FisherOperator[];
  /** Start index of each block in the concatenated parameter vector (length blocks.length + 1). */
  readonly offsets: readonly number[];
}

/**
 * F = blockdiag(F₁, …, F_L): one block per layer (any representation), parameters concatenated in
 * block order. Every operation is delegated blockwise — logdet and trace add, solve is blockwise,
 * `topEigen` merges the blocks' own top eigenpairs (exact when each block's is).
 * @param blocks - the diagonal blocks (at least one)
 * @throws InvalidArgumentError naming `blocks` when empty
 */
export function blockDiagonalFisher(blocks: readonly FisherOperator[]): BlockDiagonalFisher {
  if (blocks.length === 0) throw new InvalidArgumentError('blocks', blocks, 'at least one block');
  const offsets = [0];
  for (const b of blocks) offsets.push(offsets[offsets.length - 1]! + b.dim);
  const n = offsets[blocks.length]!;
  const each = (f: (b: FisherOperator, lo: number, hi: number) => void): void => {
    blocks.forEach((b, l) => {
      f(b, offsets[l]!, offsets[l + 1]!);
    });
  };
  return {
    kind: 'blockDiagonal',
    dim: n,
    shape: [n, n] as const,
    symmetric: true,
    blocks,
    offsets,
    mv(v, out) {
      checkLength(v, n, 'v');
      const y = outVec(n, out);
      each((b, lo, hi) => {
        b.mv(v.subarray(lo, hi), y.subarray(lo, hi));
      });
      return y;
    },
    solve(b, damping) {
      checkLength(b, n, 'b');
      checkDamping(damping);
      const x = new Float64Array(n);
      each((blk, lo, hi) => {
        x.set(blk.solve(b.subarray(lo, hi), damping), lo);
      });
      return x;
    },
    trace: () => blocks.reduce((s, b) => s + b.trace(), 0),
    logdet(damping = 0) {
      checkDamping(damping);
      return blocks.reduce((s, b) => s + b.logdet(damping), 0);
    },
    diag() {
      const d = new Float64Array(n);
      each((b, lo) => {
        d.set(b.diag(), lo);
      });
      return d;
    },
    topEigen(k, options) {
      checkK(k, n);
      const vals: number[] = [];
      const cols: { block: number; col: number; pairs: ReturnType<FisherOperator['topEigen']> }[] = [];
      blocks.forEach((b, l) => {
        const pairs = b.topEigen(Math.min(k, b.dim), options);
        for (let j = 0; j < pairs.values.length; j++) {
          vals.push(pairs.values[j]!);
          cols.push({ block: l, col: j, pairs });
        }
      });
      const idx = topIndices(vals, k);
      const vectors = new DenseMatrix(n, k);
      idx.forEach((t, j) => {
        const { block, col, pairs } = cols[t]!;
        const lo = offsets[block]!;
        const V = pairs.vectors;
        for (let i = 0; i < V.rows; i++) vectors.data[(lo + i) * k + j] = V.data[i * V.cols + col]!;
      });
      return { values: Float64Array.from(idx, (t) => vals[t]!), vectors };
    },
    toDense() {
      const M = new DenseMatrix(n, n);
      each((b, lo) => {
        const B = b.toDense();
        for (let i = 0; i < B.rows; i++) M.data.set(B.row(i), (lo + i) * n + lo);
      });
      return M;
    },
  };
}
