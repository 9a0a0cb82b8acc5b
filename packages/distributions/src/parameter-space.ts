import { cholesky, DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { describeConstraint, satisfiesScalar, scalarBijection } from './constraint.js';
import type { ParamSpec, Params, ParamValue } from './parameter.js';

/**
 * The coordinate systems of a family's parameter space, derived from its {@link ParamSpec}s:
 * θ, the family's own coordinates (free parameters flattened: a simplex of k entries contributes its
 * first k − 1, an SPD d×d matrix its lower triangle row by row), in which score and Fisher information
 * are expressed; and η ∈ ℝᵖ, unconstrained coordinates (log, logit, additive log-ratio, log-Cholesky)
 * for optimisers, with the Jacobian ∂θ/∂η that transforms the Fisher information as Jᵀ I J.
 */
export interface ParameterSpace<P extends Params> {
  /** The parameter declarations, in coordinate order. */
  readonly specs: readonly ParamSpec[];
  /** Throws InvalidArgumentError naming `params.<name>` unless every parameter satisfies its constraint. */
  validate(params: P, argument?: string): void;
  /** Number of coordinates p (depends on vector lengths / matrix sizes in `params`). */
  dimension(params: P): number;
  /** Names of the coordinates, e.g. `['mu', 'sigma']`, `['p[0]', 'p[1]']`, `['Sigma[1][0]', …]`. */
  coordinateNames(params: P): string[];
  /** The declaration each coordinate of θ (and η) belongs to, in order. */
  coordinateSpecs(params: P): ParamSpec[];
  /** θ: the free parameters flattened. */
  toCoordinates(params: P): Float64Array;
  /** The params with free parameters read from θ and fixed ones (and shapes) taken from `base`. */
  fromCoordinates(theta: ArrayLike<number>, base: P): P;
  /** η: unconstrained coordinates of `params`. */
  toUnconstrained(params: P): Float64Array;
  /** The params at unconstrained coordinates η (fixed ones taken from `base`). */
  fromUnconstrained(eta: ArrayLike<number>, base: P): P;
  /** J = ∂θ/∂η at η (p×p, block diagonal by parameter). */
  jacobian(eta: ArrayLike<number>, base: P): DenseMatrix;
  /** log|det ∂θ/∂η| at η. */
  logAbsDetJacobian(eta: ArrayLike<number>, base: P): number;
}

function vectorLength(v: ParamValue): number {
  return v instanceof Float64Array ? v.length : 0;
}

function paramDimension(spec: ParamSpec, v: ParamValue): number {
  if (spec.fixed === true) return 0;
  if (spec.shape === 'scalar') return 1;
  if (spec.shape === 'vector')
    return spec.constraint.kind === 'simplex' ? vectorLength(v) - 1 : vectorLength(v);
  const d = (v as DenseMatrix).rows;
  return spec.constraint.kind === 'spd' ? (d * (d + 1)) / 2 : d * (v as DenseMatrix).cols;
}

function validateParam(spec: ParamSpec, v: ParamValue, argument: string): void {
  const where = `${argument}.${spec.name}`;
  const expected = describeConstraint(spec.constraint);
  if (spec.shape === 'scalar') {
    if (typeof v !== 'number' || !satisfiesScalar(spec.constraint, v))
      throw new InvalidArgumentError(where, v, expected);
    return;
  }
  if (spec.shape === 'vector') {
    if (!(v instanceof Float64Array))
      throw new InvalidArgumentError(where, v, `a Float64Array (${expected})`);
    if (spec.constraint.kind === 'simplex') {
      if (v.length < 2) throw new InvalidArgumentError(`${where}.length`, v.length, 'at least 2 categories');
      let s = 0;
      for (let i = 0; i < v.length; i++) {
        if (!(v[i]! > 0) || !Number.isFinite(v[i]!))
          throw new InvalidArgumentError(`${where}[${i}]`, v[i], 'a probability > 0');
        s += v[i]!;
      }
      if (Math.abs(s - 1) > 1e-9 * v.length)
        throw new InvalidArgumentError(`sum of ${where}`, s, '1 (a probability vector)');
      return;
    }
    for (let i = 0; i < v.length; i++) {
      if (!satisfiesScalar(spec.constraint, v[i]!))
        throw new InvalidArgumentError(`${where}[${i}]`, v[i], expected);
    }
    return;
  }
  if (!(v instanceof DenseMatrix) || v.rows !== v.cols)
    throw new InvalidArgumentError(where, v, `a square DenseMatrix (${expected})`);
  if (spec.constraint.kind === 'spd') {
    if (!v.isSymmetric(1e-10)) throw new InvalidArgumentError(where, v, 'a symmetric matrix');
    try {
      cholesky(v);
    } catch {
      throw new InvalidArgumentError(where, v, expected);
    }
  }
}

/** Adds the unconstrained coordinates of a simplex vector (additive log-ratio against the last entry). */
function simplexToEta(p: Float64Array, out: Float64Array, o: number): void {
  const k = p.length;
  const logLast = Math.log(p[k - 1]!);
  for (let i = 0; i < k - 1; i++) out[o + i] = Math.log(p[i]!) - logLast;
}

function simplexFromEta(eta: ArrayLike<number>, o: number, k: number): Float64Array {
  let m = 0;
  for (let i = 0; i < k - 1; i++) m = Math.max(m, eta[o + i]!);
  const p = new Float64Array(k);
  let s = Math.exp(-m);
  p[k - 1] = s;
  for (let i = 0; i < k - 1; i++) s += p[i] = Math.exp(eta[o + i]! - m);
  for (let i = 0; i < k; i++) p[i]! /= s;
  return p;
}

/** Lower-triangle (row-major, i ≥ j) index list for a d×d matrix. */
function lowerIndices(d: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < d; i++) for (let j = 0; j <= i; j++) out.push([i, j]);
  return out;
}

function spdFromEta(eta: ArrayLike<number>, o: number, d: number): { S: DenseMatrix; L: DenseMatrix } {
  const L = new DenseMatrix(d, d);
  let k = o;
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++, k++) L.data[i * d + j] = i === j ? Math.exp(eta[k]!) : eta[k]!;
  const S = new DenseMatrix(d, d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t <= j; t++) s += L.data[i * d + t]! * L.data[j * d + t]!;
      S.data[i * d + j] = S.data[j * d + i] = s;
    }
  return { S, L };
}

/** Builds the {@link ParameterSpace} of a list of parameter declarations. */
export function createParameterSpace<P extends Params>(specs: readonly ParamSpec[]): ParameterSpace<P> {
  const free = specs.filter((s) => s.fixed !== true);
  const value = (params: P, s: ParamSpec): ParamValue => params[s.name]!;

  const space: ParameterSpace<P> = {
    specs,
    validate(params, argument = 'params') {
      if (typeof params !== 'object' || params === null)
        throw new InvalidArgumentError(argument, params, 'a params object');
      for (const s of specs) {
        if (!(s.name in params))
          throw new InvalidArgumentError(
            `${argument}.${s.name}`,
            undefined,
            describeConstraint(s.constraint),
          );
        validateParam(s, value(params, s), argument);
      }
    },
    dimension(params) {
      let p = 0;
      for (const s of free) p += paramDimension(s, value(params, s));
      return p;
    },
    coordinateNames(params) {
      const names: string[] = [];
      for (const s of free) {
        const v = value(params, s);
        if (s.shape === 'scalar') names.push(s.name);
        else if (s.shape === 'vector')
          for (let i = 0; i < paramDimension(s, v); i++) names.push(`${s.name}[${i}]`);
        else if (s.constraint.kind === 'spd')
          for (const [i, j] of lowerIndices((v as DenseMatrix).rows)) names.push(`${s.name}[${i}][${j}]`);
        else
          for (let i = 0; i < (v as DenseMatrix).rows; i++)
            for (let j = 0; j < (v as DenseMatrix).cols; j++) names.push(`${s.name}[${i}][${j}]`);
      }
      return names;
    },
    coordinateSpecs(params) {
      const out: ParamSpec[] = [];
      for (const s of free) for (let i = paramDimension(s, value(params, s)); i > 0; i--) out.push(s);
      return out;
    },
    toCoordinates(params) {
      const out = new Float64Array(space.dimension(params));
      let o = 0;
      for (const s of free) {
        const v = value(params, s);
        if (s.shape === 'scalar') out[o++] = v as number;
        else if (s.shape === 'vector') {
          const n = paramDimension(s, v);
          out.set((v as Float64Array).subarray(0, n), o);
          o += n;
        } else if (s.constraint.kind === 'spd') {
          const m = v as DenseMatrix;
          for (const [i, j] of lowerIndices(m.rows)) out[o++] = m.data[i * m.cols + j]!;
        } else {
          out.set((v as DenseMatrix).data, o);
          o += (v as DenseMatrix).data.length;
        }
      }
      return out;
    },
    fromCoordinates(theta, base) {
      const out: Record<string, ParamValue> = { ...base };
      let o = 0;
      for (const s of free) {
        const v = value(base, s);
        if (s.shape === 'scalar') out[s.name] = theta[o++]!;
        else if (s.shape === 'vector') {
          const k = vectorLength(v);
          const n = paramDimension(s, v);
          const x = new Float64Array(k);
          let sum = 0;
          for (let i = 0; i < n; i++) sum += x[i] = theta[o + i]!;
          if (s.constraint.kind === 'simplex') x[k - 1] = 1 - sum;
          out[s.name] = x;
          o += n;
        } else {
          const d = (v as DenseMatrix).rows;
          const c = (v as DenseMatrix).cols;
          const m = new DenseMatrix(d, c);
          if (s.constraint.kind === 'spd') {
            for (const [i, j] of lowerIndices(d)) m.data[i * d + j] = m.data[j * d + i] = theta[o++]!;
          } else for (let k = 0; k < d * c; k++) m.data[k] = theta[o++]!;
          out[s.name] = m;
        }
      }
      return out as P;
    },
    toUnconstrained(params) {
      const out = new Float64Array(space.dimension(params));
      let o = 0;
      for (const s of free) {
        const v = value(params, s);
        if (s.constraint.kind === 'simplex') {
          simplexToEta(v as Float64Array, out, o);
          o += (v as Float64Array).length - 1;
        } else if (s.constraint.kind === 'spd') {
          const L = cholesky(v as DenseMatrix);
          const d = L.rows;
          for (const [i, j] of lowerIndices(d))
            out[o++] = i === j ? Math.log(L.data[i * d + j]!) : L.data[i * d + j]!;
        } else {
          const b = scalarBijection(s.constraint);
          if (s.shape === 'scalar') out[o++] = b.inverse(v as number);
          else for (const x of v as Float64Array) out[o++] = b.inverse(x);
        }
      }
      return out;
    },
    fromUnconstrained(eta, base) {
      const out: Record<string, ParamValue> = { ...base };
      let o = 0;
      for (const s of free) {
        const v = value(base, s);
        if (s.constraint.kind === 'simplex') {
          const k = vectorLength(v);
          out[s.name] = simplexFromEta(eta, o, k);
          o += k - 1;
        } else if (s.constraint.kind === 'spd') {
          const d = (v as DenseMatrix).rows;
          out[s.name] = spdFromEta(eta, o, d).S;
          o += (d * (d + 1)) / 2;
        } else {
          const b = scalarBijection(s.constraint);
          if (s.shape === 'scalar') out[s.name] = b.forward(eta[o++]!);
          else out[s.name] = Float64Array.from(v as Float64Array, () => b.forward(eta[o++]!));
        }
      }
      return out as P;
    },
    jacobian(eta, base) {
      const p = eta.length;
      const J = new DenseMatrix(p, p);
      let o = 0;
      for (const s of free) {
        const v = value(base, s);
        if (s.constraint.kind === 'simplex') {
          const k = vectorLength(v);
          const prob = simplexFromEta(eta, o, k);
          for (let i = 0; i < k - 1; i++)
            for (let j = 0; j < k - 1; j++)
              J.data[(o + i) * p + o + j] = prob[i]! * ((i === j ? 1 : 0) - prob[j]!);
          o += k - 1;
        } else if (s.constraint.kind === 'spd') {
          const d = (v as DenseMatrix).rows;
          const { L } = spdFromEta(eta, o, d);
          const idx = lowerIndices(d);
          // dΣ = dL Lᵀ + L dLᵀ with dL = E_ab (times L_aa on the diagonal: log-Cholesky).
          idx.forEach(([a, b], col) => {
            const f = a === b ? L.data[a * d + a]! : 1;
            idx.forEach(([i, j], row) => {
              let dS = 0;
              if (i === a) dS += L.data[j * d + b]!; // (E_ab Lᵀ)_ij = δ_ia L_jb
              if (j === a) dS += L.data[i * d + b]!; // (L E_ba)_ij = L_ib δ_ja
              J.data[(o + row) * p + o + col] = f * dS;
            });
          });
          o += idx.length;
        } else {
          const b = scalarBijection(s.constraint);
          const n = s.shape === 'scalar' ? 1 : vectorLength(v);
          for (let i = 0; i < n; i++, o++) J.data[o * p + o] = b.dForward(eta[o]!);
        }
      }
      return J;
    },
    logAbsDetJacobian(eta, base) {
      let total = 0;
      let o = 0;
      for (const s of free) {
        const v = value(base, s);
        if (s.constraint.kind === 'simplex') {
          // det(diag(p) − ppᵀ) restricted to the first k − 1 entries = ∏ᵢ₌₁ᵏ pᵢ.
          const k = vectorLength(v);
          for (const x of simplexFromEta(eta, o, k)) total += Math.log(x);
          o += k - 1;
        } else if (s.constraint.kind === 'spd') {
          // vech(L) ↦ vech(LLᵀ) has det 2ᵈ ∏ L_ii^(d−i+1) (i from 1); log-diagonal adds ∏ L_ii.
          const d = (v as DenseMatrix).rows;
          let k = o;
          total += d * Math.LN2;
          for (let i = 0; i < d; i++)
            for (let j = 0; j <= i; j++, k++) if (i === j) total += (d - i + 1) * eta[k]!;
          o += (d * (d + 1)) / 2;
        } else {
          const b = scalarBijection(s.constraint);
          const n = s.shape === 'scalar' ? 1 : vectorLength(v);
          for (let i = 0; i < n; i++, o++) total += b.logDet(eta[o]!);
        }
      }
      return total;
    },
  };
  return space;
}
