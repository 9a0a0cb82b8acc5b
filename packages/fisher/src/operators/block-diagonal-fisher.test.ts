import { createRng, DenseMatrix, InvalidArgumentError, SingularMatrixError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { blockDiagonalFisher } from './block-diagonal-fisher.js';
import { denseFisher } from './dense-fisher.js';
import { diagonalFisher } from './diagonal-fisher.js';
import { kfacFisher } from './kfac-fisher.js';
import { randomPsd } from './test-utils/brute-force.js';
import { checkAgainstDense } from './test-utils/conformance.js';

function blockDiag(blocks: DenseMatrix[]): DenseMatrix {
  const n = blocks.reduce((s, b) => s + b.rows, 0);
  const M = new DenseMatrix(n, n);
  let o = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.rows; j++) M.set(o + i, o + j, b.get(i, j));
    o += b.rows;
  }
  return M;
}

describe('blockDiagonalFisher', () => {
  it('agrees with dense brute force on mixed blocks (dense, diagonal, K-FAC)', () => {
    const rng = createRng(4);
    const D = randomPsd(4, rng);
    const d = Float64Array.from([0.5, 2, 3]);
    const A = randomPsd(3, rng);
    const G = randomPsd(2, rng);
    const K = kfacFisher(A, G);
    const op = blockDiagonalFisher([denseFisher(D), diagonalFisher(d), K]);
    const ref = blockDiag([D, DenseMatrix.diagonal(d), K.toDense()]);
    checkAgainstDense(op, ref, rng, { k: 5 });
    expect(op.offsets).toEqual([0, 4, 7, 13]);
  });

  it('typed errors', () => {
    expect(() => blockDiagonalFisher([])).toThrow(InvalidArgumentError);
    const op = blockDiagonalFisher([diagonalFisher([1]), diagonalFisher([0])]);
    expect(() => op.solve(new Float64Array(2), 0)).toThrow(SingularMatrixError);
    expect(() => op.logdet(-1)).toThrow(InvalidArgumentError);
  });
});
