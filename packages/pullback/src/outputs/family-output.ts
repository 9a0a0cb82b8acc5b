import type { Family, Observation, Params } from '@infogeom/distributions';
import { InvalidArgumentError } from '@infogeom/linalg';
import type { OutputFamily } from '../decoders/decoder.js';

/**
 * Independent outputs from any registered family (built-in or plugin): θ is `units` consecutive blocks of
 * the family's coordinates (`family.space.toCoordinates`), fixed hyperparameters taken from `base`. The
 * Fisher information is the family's own (closed form where it has one); its derivatives are central
 * differences of it.
 */
export function familyOutput<P extends Params>(family: Family<P, Observation>, base: P): OutputFamily {
  const p = family.space.dimension(base);
  const fisherAt = (block: Float64Array): Float64Array | undefined => {
    let params: P;
    try {
      params = family.space.fromCoordinates(block, base);
      family.validate(params);
    } catch (e) {
      if (e instanceof InvalidArgumentError) return undefined;
      throw e;
    }
    return family.fisher(params).data;
  };
  const blocks = (theta: Float64Array): number => {
    if (theta.length % p !== 0)
      throw new InvalidArgumentError(
        'theta.length',
        theta.length,
        `a multiple of ${family.name}'s ${p} coordinates`,
      );
    return theta.length / p;
  };
  const applyBlock = (
    theta: Float64Array,
    b: number,
    a: Float64Array,
    out: Float64Array,
    off: Float64Array | undefined,
  ): boolean => {
    const blk = theta.slice(b * p, (b + 1) * p);
    if (off !== undefined) for (let i = 0; i < p; i++) blk[i]! += off[i]!;
    const I = fisherAt(blk);
    if (I === undefined) return false;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += I[i * p + j]! * a[b * p + j]!;
      out[i] = s;
    }
    return true;
  };
  const step = (t: number): number => 1e-5 * Math.max(1, Math.abs(t));
  return {
    name: family.name,
    constantFisher: false,
    fisherApply(theta, a, out) {
      const m = blocks(theta);
      const tmp = new Float64Array(p);
      for (let b = 0; b < m; b++) {
        if (!applyBlock(theta, b, a, tmp, undefined)) return false;
        out.set(tmp, b * p);
      }
      return true;
    },
    fisherQuadGradient(theta, a, out) {
      const m = blocks(theta);
      const tmp = new Float64Array(p);
      const off = new Float64Array(p);
      for (let b = 0; b < m; b++)
        for (let k = 0; k < p; k++) {
          const h = step(theta[b * p + k]!);
          let q = 0;
          for (const sgn of [1, -1]) {
            off.fill(0);
            off[k] = sgn * h;
            if (!applyBlock(theta, b, a, tmp, off)) return false;
            let s = 0;
            for (let i = 0; i < p; i++) s += tmp[i]! * a[b * p + i]!;
            q += sgn * s;
          }
          out[b * p + k] = q / (2 * h);
        }
      return true;
    },
    fisherDirectional(theta, a, out) {
      const m = blocks(theta);
      const plus = new Float64Array(p);
      const minus = new Float64Array(p);
      const off = new Float64Array(p);
      for (let b = 0; b < m; b++) {
        let scale = 0;
        for (let i = 0; i < p; i++) scale = Math.max(scale, Math.abs(a[b * p + i]!));
        if (scale === 0) {
          for (let i = 0; i < p; i++) out[b * p + i] = 0;
          continue;
        }
        let h = Infinity;
        for (let i = 0; i < p; i++) h = Math.min(h, step(theta[b * p + i]!));
        h /= scale;
        for (let i = 0; i < p; i++) off[i] = h * a[b * p + i]!;
        if (!applyBlock(theta, b, a, plus, off)) return false;
        for (let i = 0; i < p; i++) off[i] = -h * a[b * p + i]!;
        if (!applyBlock(theta, b, a, minus, off)) return false;
        for (let i = 0; i < p; i++) out[b * p + i] = (plus[i]! - minus[i]!) / (2 * h);
      }
      return true;
    },
  };
}
