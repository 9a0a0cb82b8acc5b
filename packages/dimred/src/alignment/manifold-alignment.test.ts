import { createRng, DenseMatrix, InvalidArgumentError, matmul, qr, shuffle } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../embedder/fit-transform.js';
import { swissRoll } from '../generators/swiss-roll.js';
import { manifoldAlignment, manifoldAlignmentEmbedder } from './manifold-alignment.js';

/** A second view of X: scaled by 2.5, rotated into R⁵ by a random isometry, plus noise, rows shuffled. */
function secondView(
  X: DenseMatrix,
  seed: number,
  noise: number,
): { Y: DenseMatrix; partner: Int32Array; map: (x: Float64Array) => Float64Array } {
  const rng = createRng(seed);
  const G = DenseMatrix.fromFunction(5, 3, () => rng.normal());
  const Q = qr(G).Q; // 5 × 3, orthonormal columns
  const n = X.rows;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffle(rng, order);
  const Y = new DenseMatrix(n, 5);
  const partner = new Int32Array(n); // partner[i] = row of Y that is X's row i
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    partner[i] = r;
    for (let c = 0; c < 5; c++) {
      let s = 0;
      for (let a = 0; a < 3; a++) s += X.data[i * 3 + a]! * Q.data[c * 3 + a]!;
      Y.data[r * 5 + c] = 2.5 * s + noise * rng.normal();
    }
  }
  const map = (x: Float64Array): Float64Array =>
    Float64Array.from(
      { length: 5 },
      (_, c) => 2.5 * (x[0]! * Q.data[c * 3]! + x[1]! * Q.data[c * 3 + 1]! + x[2]! * Q.data[c * 3 + 2]!),
    );
  return { Y, partner, map };
}

/** Mean distance between corresponding points over the mean distance between all cross pairs. */
function alignmentRatio(F: DenseMatrix, G: DenseMatrix, partner: Int32Array): number {
  const d = F.cols;
  const dist = (i: number, j: number): number => {
    let s = 0;
    for (let c = 0; c < d; c++) s += (F.data[i * d + c]! - G.data[j * d + c]!) ** 2;
    return Math.sqrt(s);
  };
  let matched = 0;
  let all = 0;
  const n = F.rows;
  for (let i = 0; i < n; i++) {
    matched += dist(i, partner[i]!);
    for (let j = 0; j < G.rows; j++) all += dist(i, j);
  }
  return matched / n / (all / (n * G.rows));
}

describe('manifoldAlignment', () => {
  const { points: X } = swissRoll({ n: 300, seed: 4 });
  const exact = secondView(X, 9, 0);
  const noisy = secondView(X, 9, 0.5); // 0.2 in X's units, ~15 % of a neighbour distance

  it('aligns two views of a swiss roll from 10 % known correspondences (Ham, Lee & Saul)', () => {
    for (const [name, { Y, partner }] of [
      ['exact', exact],
      ['noisy', noisy],
    ] as const) {
      const rng = createRng(1);
      const known = Int32Array.from({ length: 300 }, (_, i) => i);
      shuffle(rng, known);
      const pairs: number[] = [];
      for (const i of known.subarray(0, 30)) pairs.push(i, partner[i]!);
      const r = manifoldAlignment(X, Y, { correspondences: pairs, mu: 10, nComponents: 2, seed: 0 });
      const ratio = alignmentRatio(r.first, r.second, partner);
      // Measured: exact copy 4e-12, noisy copy 0.036 (random pairs: 1).
      expect(ratio).toBeLessThan(name === 'exact' ? 1e-6 : 0.05);
      expect(r.converged).toBe(true);
    }
  });

  it('aligns them without correspondences by local-geometry matching (Wang & Mahadevan)', () => {
    for (const [name, { Y, partner }] of [
      ['exact', exact],
      ['noisy', noisy],
    ] as const) {
      const r = manifoldAlignment(X, Y, { nComponents: 2, seed: 0 });
      const C = r.crossWeights;
      let correct = 0;
      for (let i = 0; i < 300; i++)
        for (let p = C.rowPtr[i]!; p < C.rowPtr[i + 1]!; p++) if (C.colIdx[p] === partner[i]) correct++;
      const ratio = alignmentRatio(r.first, r.second, partner);
      // Measured: exact copy 3e-14 (all 300 true partners found); noisy copy 0.177, 174 true partners among
      // the 456 kept matches (random pairs: 1).
      if (name === 'exact') {
        expect(correct).toBe(300);
        expect(ratio).toBeLessThan(1e-6);
      } else expect(ratio).toBeLessThan(0.25);
    }
  });

  it('learns linear maps at the feature level that also align new points', () => {
    const rng = createRng(1);
    const pairs: number[] = [];
    const known = Int32Array.from({ length: 300 }, (_, i) => i);
    shuffle(rng, known);
    for (const i of known.subarray(0, 30)) pairs.push(i, noisy.partner[i]!);
    const r = manifoldAlignment(X, noisy.Y, { correspondences: pairs, level: 'feature', nComponents: 2 });
    const ratio = alignmentRatio(r.first, r.second, noisy.partner);
    expect(ratio).toBeLessThan(0.1);
    // new corresponding points (a fresh sample, mapped into the second view) land together
    const fresh = swissRoll({ n: 100, seed: 77 }).points;
    const Fx = matmul(fresh, r.projectionFirst!);
    const Ynew = DenseMatrix.fromFunction(100, 5, () => 0);
    for (let i = 0; i < 100; i++) Ynew.data.set(noisy.map(fresh.row(i)), i * 5);
    const Gy = matmul(Ynew, r.projectionSecond!);
    // Measured: 0.023 on the training points, 0.011 on the fresh noise-free pairs (random pairs: 1).
    const freshRatio = alignmentRatio(
      Fx,
      Gy,
      Int32Array.from({ length: 100 }, (_, i) => i),
    );
    expect(freshRatio).toBeLessThan(0.1);
  });

  it('runs as an embedder and rejects bad input', () => {
    const { Y, partner } = exact;
    const r = fitTransform(manifoldAlignmentEmbedder, X, {
      other: Y,
      correspondences: [0, partner[0]!, 5, partner[5]!],
    });
    expect(r.embedding.rows).toBe(600);
    expect(r.info['nFirst']).toBe(300);
    const fractions: number[] = [];
    manifoldAlignment(X, Y, {
      correspondences: [0, partner[0]!],
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(fractions.at(-1)).toBe(1);
    const ctrl = new AbortController();
    ctrl.abort();
    expect(() => manifoldAlignment(X, Y, { correspondences: [0, partner[0]!], signal: ctrl.signal })).toThrow(
      /abort/,
    );
    expect(() => fitTransform(manifoldAlignmentEmbedder, X, {})).toThrow(InvalidArgumentError);
    expect(() => manifoldAlignment(X, Y, { correspondences: [0] })).toThrow(InvalidArgumentError);
    expect(() => manifoldAlignment(X, Y, { correspondences: [0, 300] })).toThrow(InvalidArgumentError);
    expect(() => manifoldAlignment(X, Y, { correspondences: [0, 1], mu: 0 })).toThrow(InvalidArgumentError);
    // two clusters per view coupled only inside the first cluster: the joint graph is disconnected
    const two = DenseMatrix.fromFunction(20, 2, (i, j) => (i < 10 ? i * 0.1 : 100 + i * 0.1) + j);
    expect(() => manifoldAlignment(two, two, { correspondences: [0, 0], nNeighbors: 3 })).toThrow(
      /disconnected|component/,
    );
  });
});
