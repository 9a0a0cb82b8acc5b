import { DimensionMismatchError, InvalidArgumentError } from '../core/errors.js';
import type { LinearOperator } from '../core/linear-operator.js';
import { checkInput, outVector, squareSize } from './util.js';

/**
 * The operator A₁ + A₂ + … (all of the same shape). `rmv` and `diag` exist when every term has them.
 * @param terms - at least one operator
 */
export function sumOperator(...terms: LinearOperator[]): LinearOperator {
  if (terms.length === 0) throw new InvalidArgumentError('terms', terms, 'at least one operator');
  const [rows, cols] = terms[0]!.shape;
  terms.forEach((t, i) => {
    if (t.shape[0] !== rows || t.shape[1] !== cols) {
      throw new DimensionMismatchError(`terms[${i}].shape`, `${t.shape[0]}×${t.shape[1]}`, `${rows}×${cols}`);
    }
  });
  const tmpR = new Float64Array(rows);
  const tmpC = new Float64Array(cols);
  const op: { -readonly [K in keyof LinearOperator]: LinearOperator[K] } = {
    shape: [rows, cols] as const,
    symmetric: terms.every((t) => t.symmetric === true),
    mv(x, out) {
      checkInput(x, cols);
      const y = outVector(rows, out);
      terms[0]!.mv(x, y);
      for (let k = 1; k < terms.length; k++) {
        terms[k]!.mv(x, tmpR);
        for (let i = 0; i < rows; i++) y[i]! += tmpR[i]!;
      }
      return y;
    },
  };
  if (terms.every((t) => t.rmv !== undefined || t.symmetric === true)) {
    op.rmv = (x, out) => {
      checkInput(x, rows);
      const y = outVector(cols, out);
      y.fill(0);
      for (const t of terms) {
        if (t.rmv !== undefined) t.rmv(x, tmpC);
        else t.mv(x, tmpC);
        for (let i = 0; i < cols; i++) y[i]! += tmpC[i]!;
      }
      return y;
    };
  }
  if (terms.every((t) => t.diag !== undefined)) {
    op.diag = () => {
      const d = terms[0]!.diag!().slice();
      for (let k = 1; k < terms.length; k++) {
        const dk = terms[k]!.diag!();
        for (let i = 0; i < d.length; i++) d[i]! += dk[i]!;
      }
      return d;
    };
  }
  return op;
}

/**
 * The operator αA.
 * @param A - the operator
 * @param alpha - finite scale factor
 */
export function scaledOperator(A: LinearOperator, alpha: number): LinearOperator {
  if (!Number.isFinite(alpha)) throw new InvalidArgumentError('alpha', alpha, 'a finite number');
  const [rows, cols] = A.shape;
  const op: { -readonly [K in keyof LinearOperator]: LinearOperator[K] } = {
    shape: [rows, cols] as const,
    mv(x, out) {
      const y = A.mv(x, outVector(rows, out));
      for (let i = 0; i < rows; i++) y[i]! *= alpha;
      return y;
    },
  };
  if (A.symmetric !== undefined) op.symmetric = A.symmetric;
  const rmv = A.rmv;
  if (rmv !== undefined) {
    op.rmv = (x, out) => {
      const y = rmv.call(A, x, outVector(cols, out));
      for (let i = 0; i < cols; i++) y[i]! *= alpha;
      return y;
    };
  }
  const diag = A.diag;
  if (diag !== undefined) op.diag = () => diag.call(A).map((v) => alpha * v);
  return op;
}

/**
 * The operator A + σI for a square A (the shift used by shift-invert and damping).
 * @param A - a square operator
 * @param sigma - finite shift σ
 */
export function shiftedOperator(A: LinearOperator, sigma: number): LinearOperator {
  if (!Number.isFinite(sigma)) throw new InvalidArgumentError('sigma', sigma, 'a finite number');
  const n = squareSize(A);
  const op: { -readonly [K in keyof LinearOperator]: LinearOperator[K] } = {
    shape: [n, n] as const,
    mv(x, out) {
      checkInput(x, n);
      const y = A.mv(x, outVector(n, out));
      for (let i = 0; i < n; i++) y[i]! += sigma * x[i]!;
      return y;
    },
  };
  if (A.symmetric !== undefined) op.symmetric = A.symmetric;
  const rmv = A.rmv;
  if (rmv !== undefined) {
    op.rmv = (x, out) => {
      checkInput(x, n);
      const y = rmv.call(A, x, outVector(n, out));
      for (let i = 0; i < n; i++) y[i]! += sigma * x[i]!;
      return y;
    };
  }
  const diag = A.diag;
  if (diag !== undefined) op.diag = () => diag.call(A).map((v) => v + sigma);
  return op;
}

/**
 * The product A₁A₂⋯Aₘ, applied right to left. `rmv` exists when every factor has it (or is symmetric).
 * @param factors - at least one operator, with matching inner dimensions
 */
export function productOperator(...factors: LinearOperator[]): LinearOperator {
  if (factors.length === 0) throw new InvalidArgumentError('factors', factors, 'at least one operator');
  for (let k = 1; k < factors.length; k++) {
    const left = factors[k - 1]!.shape[1];
    const right = factors[k]!.shape[0];
    if (left !== right) throw new DimensionMismatchError(`factors[${k}].shape[0]`, right, `${left}`);
  }
  const rows = factors[0]!.shape[0];
  const cols = factors[factors.length - 1]!.shape[1];
  const op: { -readonly [K in keyof LinearOperator]: LinearOperator[K] } = {
    shape: [rows, cols] as const,
    mv(x, out) {
      checkInput(x, cols);
      let v = x;
      for (let k = factors.length - 1; k > 0; k--) v = factors[k]!.mv(v);
      return factors[0]!.mv(v, outVector(rows, out));
    },
  };
  if (factors.length === 1 && factors[0]!.symmetric !== undefined) op.symmetric = factors[0]!.symmetric;
  if (factors.every((f) => f.rmv !== undefined || f.symmetric === true)) {
    const t = (f: LinearOperator, v: Float64Array, out?: Float64Array): Float64Array =>
      f.rmv !== undefined ? f.rmv(v, out) : f.mv(v, out);
    op.rmv = (x, out) => {
      checkInput(x, rows);
      let v = x;
      for (let k = 0; k < factors.length - 1; k++) v = t(factors[k]!, v);
      return t(factors[factors.length - 1]!, v, outVector(cols, out));
    };
  }
  return op;
}

/**
 * The transpose Aᵀ of an operator that has `rmv` (or is symmetric).
 * @param A - the operator
 */
export function transposeOperator(A: LinearOperator): LinearOperator {
  const rmv = A.rmv;
  if (rmv === undefined && A.symmetric !== true) {
    throw new InvalidArgumentError('A', A, 'an operator with rmv (or a symmetric one)');
  }
  const op: { -readonly [K in keyof LinearOperator]: LinearOperator[K] } = {
    shape: [A.shape[1], A.shape[0]] as const,
    mv: (x, out) => (rmv !== undefined ? rmv.call(A, x, out) : A.mv(x, out)),
    rmv: (x, out) => A.mv(x, out),
  };
  if (A.symmetric !== undefined) op.symmetric = A.symmetric;
  const diag = A.diag;
  if (diag !== undefined) op.diag = () => diag.call(A);
  return op;
}
