import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, InvalidArgumentError, NonFiniteError } from '../core/errors.js';
import { createRng } from '../random/rng.js';
import { allPairsShortestPaths } from './all-pairs-shortest-paths.js';
import { CsrMatrix } from './csr-matrix.js';
import { ShortestPaths } from './shortest-paths.js';

/** A random graph: each ordered pair an edge with probability p, lengths in [0, 3) with some exact zeros and ties. */
function randomGraph(n: number, seed: number, p: number, undirected: boolean): CsrMatrix {
  const rng = createRng(seed);
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = undirected ? i + 1 : 0; j < n; j++) {
      if (i === j || rng.uniform() >= p) continue;
      const u = rng.uniform();
      const w = u < 0.1 ? 0 : u < 0.3 ? 1 : 3 * rng.uniform();
      r.push(i);
      c.push(j);
      v.push(w);
      if (undirected) {
        r.push(j);
        c.push(i);
        v.push(w);
      }
    }
  return CsrMatrix.fromCoo(n, n, r, c, v);
}

/** Floyd–Warshall on the dense length matrix: the brute-force reference. */
function floydWarshall(A: CsrMatrix): Float64Array {
  const n = A.rows;
  const D = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    D[i * n + i] = 0;
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++)
      D[i * n + A.colIdx[p]!] = Math.min(D[i * n + A.colIdx[p]!]!, A.values[p]!);
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const via = D[i * n + k]! + D[k * n + j]!;
        if (via < D[i * n + j]!) D[i * n + j] = via;
      }
  return D;
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  const bad: string[] = [];
  for (let t = 0; t < want.length; t++) {
    const w = want[t]!;
    const ok =
      w === Number.POSITIVE_INFINITY ? got[t] === w : Math.abs(got[t]! - w) <= 1e-12 * Math.max(1, w);
    if (!ok) bad.push(`[${t}] ${got[t]} ≠ ${w}`);
  }
  expect(bad).toEqual([]);
}

describe('ShortestPaths', () => {
  it('equals Floyd–Warshall from every source, directed and undirected (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.double({ min: 0.02, max: 0.6, noNaN: true }),
        fc.boolean(),
        (n, seed, p, undirected) => {
          const A = randomGraph(n, seed, p, undirected);
          const ref = floydWarshall(A);
          const sp = new ShortestPaths(A);
          for (let s = 0; s < n; s++) expectClose(sp.from(s), ref.subarray(s * n, (s + 1) * n));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('records predecessors along shortest paths and stops early at a target', () => {
    const A = randomGraph(40, 7, 0.1, true);
    const ref = floydWarshall(A);
    const sp = new ShortestPaths(A);
    const pred = new Int32Array(40);
    const d = sp.from(3, { predecessors: pred });
    expect(pred[3]).toBe(-1);
    for (let v = 0; v < 40; v++) {
      if (v === 3 || d[v] === Number.POSITIVE_INFINITY) continue;
      // walking the predecessors sums the edge lengths back to the source
      let len = 0;
      let steps = 0;
      for (let x = v; x !== 3; x = pred[x]!, steps++) {
        len += A.get(pred[x]!, x);
        expect(steps).toBeLessThan(40);
      }
      expect(len).toBeCloseTo(ref[3 * 40 + v]!, 12);
    }
    // early exit at the nearest other vertex: exact there, and far vertices were never reached
    let near = -1;
    for (let v = 0; v < 40; v++) if (v !== 3 && (near < 0 || d[v]! < d[near]!)) near = v;
    const early = sp.from(3, { target: near });
    expect(early[near]).toBeCloseTo(ref[3 * 40 + near]!, 12);
    expect(d.filter((x) => Number.isFinite(x)).length).toBeGreaterThan(
      early.filter((x) => Number.isFinite(x)).length,
    );
  });

  it('throws typed errors for negative or non-finite lengths and bad vertices', () => {
    expect(() => new ShortestPaths(CsrMatrix.fromCoo(2, 2, [0], [1], [-1]))).toThrow(InvalidArgumentError);
    expect(() => new ShortestPaths(CsrMatrix.fromCoo(2, 2, [0], [1], [Number.NaN]))).toThrow(NonFiniteError);
    expect(() => new ShortestPaths(CsrMatrix.fromCoo(2, 3, [0], [1], [1]))).toThrow(InvalidArgumentError);
    const sp = new ShortestPaths(CsrMatrix.fromCoo(2, 2, [0], [1], [1]));
    expect(() => sp.from(2)).toThrow(InvalidArgumentError);
    expect(() => sp.from(0, { target: -1 })).toThrow(InvalidArgumentError);
    expect(() => sp.from(0, { out: new Float64Array(3) })).toThrow(InvalidArgumentError);
  });
});

describe('allPairsShortestPaths', () => {
  it('equals Floyd–Warshall, with and without row reuse and relabelling (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        fc.boolean(),
        (n, seed, p, undirected) => {
          const A = randomGraph(n, seed, p, undirected);
          expectClose(allPairsShortestPaths(A), floydWarshall(A));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('handles graphs whose labels follow the geometry (path and grid graphs, relabelled internally)', () => {
    // a 12 × 12 grid in raster order (mean label gap 6.5 ≪ n/4) and a path: the relabelling branch
    for (const [n, edges] of [
      [
        144,
        Array.from({ length: 144 }, (_, i) => [
          i % 12 < 11 ? [i, i + 1] : [],
          i + 12 < 144 ? [i, i + 12] : [],
        ]).flat(),
      ],
      [50, Array.from({ length: 49 }, (_, i) => [i, i + 1])],
    ] as const) {
      const r: number[] = [];
      const c: number[] = [];
      const v: number[] = [];
      (edges as readonly (readonly number[])[]).forEach((e, t) => {
        if (e.length < 2) return;
        const w = 0.5 + ((t * 37) % 11) / 7;
        r.push(e[0]!, e[1]!);
        c.push(e[1]!, e[0]!);
        v.push(w, w);
      });
      const A = CsrMatrix.fromCoo(n, n, r, c, v);
      const G = allPairsShortestPaths(A);
      expectClose(G, floydWarshall(A));
      let asymmetric = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (G[i * n + j] !== G[j * n + i]) asymmetric++;
      expect(asymmetric).toBe(0);
    }
  });

  it('computes rows for given sources in their order, reports progress and aborts', () => {
    const A = randomGraph(70, 3, 0.08, true);
    const ref = floydWarshall(A);
    const sources = [5, 60, 0, 33];
    const G = allPairsShortestPaths(A, { sources });
    sources.forEach((s, r) => {
      expectClose(G.subarray(r * 70, (r + 1) * 70), ref.subarray(s * 70, (s + 1) * 70));
    });
    const seen: number[] = [];
    allPairsShortestPaths(A, { onProgress: (f) => seen.push(f) });
    expect(seen[seen.length - 1]).toBe(1);
    const ctl = new AbortController();
    ctl.abort('stop');
    expect(() => allPairsShortestPaths(A, { signal: ctl.signal })).toThrow(AbortError);
    expect(() => allPairsShortestPaths(A, { sources: [1, 1] })).toThrow(InvalidArgumentError);
    expect(() => allPairsShortestPaths(A, { sources: [70] })).toThrow(InvalidArgumentError);
    expect(() => allPairsShortestPaths(A, { out: new Float64Array(5) })).toThrow(InvalidArgumentError);
  });
});
