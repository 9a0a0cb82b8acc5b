import type { Observation, Params } from '@infogeom/distributions';
import { DenseMatrix, type Rng, spdSolve } from '@infogeom/linalg';
import { exactFisher } from '../exact-fisher.js';
import type { Model } from '../model.js';
import { modelScore } from '../model-jacobian.js';

/** An n×p design with an intercept column and standard normal features. */
export function randomDesign(rng: Rng, n: number, p: number): DenseMatrix {
  return DenseMatrix.fromFunction(n, p, (_, j) => (j === 0 ? 1 : rng.normal()));
}

/** Labels drawn from a conditional model at w, one per default input. */
export function simulateLabels<P extends Params, X extends Observation>(
  model: Model<P, X, Float64Array>,
  w: ArrayLike<number>,
  rng: Rng,
): X[] {
  const wv = Float64Array.from(w);
  return model.inputs!.map((x) => model.family.sample(model.params(wv, x), rng, 1)[0]!);
}

/** Maximum likelihood by Fisher scoring (Newton for canonical links). */
export function fitModel<P extends Params, X extends Observation>(
  model: Model<P, X, Float64Array>,
  ys: readonly X[],
  start: ArrayLike<number>,
): Float64Array {
  let w = Float64Array.from(start);
  for (let it = 0; it < 100; it++) {
    const g = new Float64Array(model.dimension);
    model.inputs!.forEach((x, i) => {
      const s = modelScore(model, w, ys[i]!, x);
      for (let j = 0; j < g.length; j++) g[j]! += s[j]!;
    });
    const step = spdSolve(exactFisher(model, w).value, g);
    w = w.map((v, j) => v + step[j]!);
    if (Math.hypot(...step) < 1e-12) break;
  }
  return w;
}

/** max |A − B| / max |B|. */
export function relativeError(A: DenseMatrix, B: DenseMatrix): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < A.data.length; i++) {
    num = Math.max(num, Math.abs(A.data[i]! - B.data[i]!));
    den = Math.max(den, Math.abs(B.data[i]!));
  }
  return num / den;
}
