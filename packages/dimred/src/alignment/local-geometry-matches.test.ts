import { createRng, DenseMatrix, InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { localGeometryMatches } from './local-geometry-matches.js';

/** The paper's pattern distance, literally: min over orderings h of min(‖R_y,h − k₁R_x‖_F, ‖R_x − k₂R_y,h‖_F). */
function referenceDistance(P: number[][], Q: number[][], k: number): (i: number, j: number) => number {
  const local = (M: number[][], i: number): number[][] => {
    const d = (a: number[], b: number[]) => Math.hypot(...a.map((v, t) => v - b[t]!));
    const order = M.map((_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => d(M[i]!, M[a]!) - d(M[i]!, M[b]!) || a - b)
      .slice(0, k);
    const ids = [i, ...order];
    return ids.map((a) => ids.map((b) => d(M[a]!, M[b]!)));
  };
  return (i: number, j: number): number => {
    const Rx = local(P, i);
    const Ry = local(Q, j);
    const perms = (xs: number[]): number[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, t) => perms([...xs.slice(0, t), ...xs.slice(t + 1)]).map((p) => [x, ...p]));
    let best = Number.POSITIVE_INFINITY;
    for (const h of perms([...Array(k).keys()].map((t) => t + 1))) {
      const pi = [0, ...h];
      const Ryh = Ry.map((_, a) => Ry.map((__, b) => Ry[pi[a]!]![pi[b]!]!));
      const tr = (A: number[][], B: number[][]) =>
        A.reduce((s, r, a) => s + r.reduce((u, v, b) => u + v * B[a]![b]!, 0), 0);
      const k1 = tr(Rx, Ryh) / tr(Rx, Rx);
      const k2 = tr(Ryh, Rx) / tr(Ryh, Ryh);
      const fro = (A: number[][], B: number[][], c: number) =>
        Math.sqrt(A.reduce((s, r, a) => s + r.reduce((u, v, b) => u + (v - c * B[a]![b]!) ** 2, 0), 0));
      best = Math.min(best, fro(Ryh, Rx, k1), fro(Rx, Ryh, k2));
    }
    return best;
  };
}

describe('localGeometryMatches', () => {
  it('equals the literal Wang–Mahadevan pattern distance over all orderings', () => {
    const rng = createRng(2);
    const P = Array.from({ length: 9 }, () => [rng.normal(), rng.normal()]);
    const Q = Array.from({ length: 7 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const k = 3;
    const C = localGeometryMatches(P, Q, { patternNeighbors: k, crossNeighbors: 7, delta2: 1 });
    const ref = referenceDistance(P, Q, k);
    for (let i = 0; i < 9; i++)
      for (let j = 0; j < 7; j++) expect(-Math.log(C.get(i, j))).toBeCloseTo(ref(i, j), 10);
  });

  it('is invariant to scaling and rotation: a scaled copy matches itself exactly', () => {
    const rng = createRng(3);
    const X = DenseMatrix.fromFunction(40, 2, () => rng.normal());
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    const Y = DenseMatrix.fromFunction(
      40,
      2,
      (i, j) => 3 * (j === 0 ? c * X.get(i, 0) - s * X.get(i, 1) : s * X.get(i, 0) + c * X.get(i, 1)),
    );
    const C = localGeometryMatches(X, Y, { patternNeighbors: 4 });
    for (let i = 0; i < 40; i++) expect(C.get(i, i)).toBeCloseTo(1, 12);
    expect(() => localGeometryMatches(X, Y, { patternNeighbors: 8 })).toThrow(InvalidArgumentError);
    expect(() => localGeometryMatches(X, Y, { crossNeighbors: 0 })).toThrow(InvalidArgumentError);
  });
});
