import { DenseMatrix } from '@infogeom/linalg';
import type { Constraint } from '../constraint.js';
import type { ParamSpec, Params } from '../parameter.js';

function badScalars(c: Constraint): number[] {
  switch (c.kind) {
    case 'real':
    case 'circle':
      return [Number.NaN, Number.POSITIVE_INFINITY];
    case 'positive':
      return [0, -1, Number.NaN];
    case 'unitInterval':
      return [0, 1, 1.5, Number.NaN];
    case 'interval':
      return [c.lower, c.upper, Number.NaN];
    case 'greaterThan':
      return [c.lower, c.lower - 1, Number.NaN];
    case 'positiveInteger':
      return [0, 1.5, -1];
    case 'nonNegativeInteger':
      return [-1, 0.5];
    default:
      return [Number.NaN];
  }
}

/** Copies of `params` with exactly one parameter made invalid, for every way each constraint can be broken. */
export function invalidVariants(specs: readonly ParamSpec[], params: Params): Params[] {
  const out: Params[] = [];
  for (const s of specs) {
    const v = params[s.name]!;
    const put = (value: unknown) => out.push({ ...params, [s.name]: value } as Params);
    if (s.shape === 'scalar') {
      for (const b of badScalars(s.constraint)) put(b);
    } else if (s.shape === 'vector') {
      const x = v as Float64Array;
      put(Array.from(x)); // a plain array instead of a Float64Array
      if (s.constraint.kind === 'simplex') {
        put(Float64Array.from(x, (p) => 2 * p));
        const neg = Float64Array.from(x);
        neg[0] = -neg[0]!;
        neg[1] = neg[1]! + 2 * x[0]!;
        put(neg);
      } else {
        for (const b of badScalars(s.constraint)) {
          const y = Float64Array.from(x);
          y[0] = b;
          put(y);
        }
      }
    } else {
      const m = v as DenseMatrix;
      if (s.constraint.kind === 'spd') {
        put(DenseMatrix.fromFunction(m.rows, m.cols, (i, j) => -m.get(i, j)));
        if (m.rows > 1) {
          const a = m.clone();
          a.set(0, 1, a.get(0, 1) + 1);
          put(a);
        }
      }
      const nan = m.clone();
      nan.data[0] = Number.NaN;
      put(nan);
    }
  }
  return out;
}
