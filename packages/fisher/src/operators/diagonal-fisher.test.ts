import {
  createRng,
  DenseMatrix,
  InvalidArgumentError,
  NotPositiveDefiniteError,
  SingularMatrixError,
} from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { diagonalFisher } from './diagonal-fisher.js';
import { checkAgainstDense } from './test-utils/conformance.js';

describe('diagonalFisher', () => {
  it('agrees with dense brute force', () => {
    const rng = createRng(3);
    const d = Float64Array.from({ length: 9 }, () => rng.uniform() * 3 + 0.01);
    checkAgainstDense(diagonalFisher(d), DenseMatrix.diagonal(d), rng);
    const z = Float64Array.from([0, 2, 0, 1]);
    checkAgainstDense(diagonalFisher(z), DenseMatrix.diagonal(z), rng);
  });

  it('typed errors', () => {
    expect(() => diagonalFisher([1, -1])).toThrow(NotPositiveDefiniteError);
    expect(() => diagonalFisher([1, Number.NaN])).toThrow(InvalidArgumentError);
    expect(() => diagonalFisher([1, 0]).solve(new Float64Array(2), 0)).toThrow(SingularMatrixError);
    expect(() => diagonalFisher([1, 0]).logdet()).toThrow(SingularMatrixError);
  });
});
