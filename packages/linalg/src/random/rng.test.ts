import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../core/errors.js';
import { createRng, rngFromState } from './rng.js';
import { chiSquareZ, expectMoments, ksStatistic } from './test-utils/stats.js';

const take = (f: () => number, n: number): number[] => Array.from({ length: n }, f);

describe('createRng', () => {
  it('gives bit-identical streams for the same seed and different ones otherwise', () => {
    const a = createRng(42);
    const b = createRng(42);
    const mixed = (r: ReturnType<typeof createRng>) => [
      ...take(() => r.uniform(), 5),
      ...take(() => r.normal(), 5),
      r.standardGamma(0.4),
      r.standardGamma(3.2),
      r.beta(0.5, 0.7),
      r.beta(3, 4),
      r.poisson(2),
      r.poisson(200),
      r.int(7),
      r.uint32(),
    ];
    expect(mixed(a)).toEqual(mixed(b));
    const seeds = [0, 1, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    const firsts = new Set(seeds.map((s) => createRng(s).uniform()));
    expect(firsts.size).toBe(seeds.length);
  });

  it('pins the stream of seed 0 (a silent change of algorithm would break saved results)', () => {
    const r = createRng(0);
    expect(r.uniform()).toBe(0.11948730290448273);
    expect(r.normal()).toBe(-1.180781501264127);
  });

  it('rejects non-integer seeds with a typed error', () => {
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3' as unknown as number]) {
      expect(() => createRng(bad)).toThrow(InvalidArgumentError);
    }
    expect(() => createRng(1.5)).toThrow(/seed/);
  });

  it('forks reproducible, independent child streams', () => {
    const p1 = createRng(7);
    const p2 = createRng(7);
    const c1 = p1.fork();
    const c2 = p2.fork();
    const s1 = take(() => c1.uniform(), 20);
    expect(take(() => c2.uniform(), 20)).toEqual(s1);
    expect(p1.uniform()).toBe(p2.uniform());
    const c3 = p1.fork();
    expect(take(() => c3.uniform(), 20)).not.toEqual(s1);
    // Child and parent are uncorrelated.
    const n = 20000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const child = createRng(3).fork();
    const parent = createRng(3);
    parent.fork();
    parent.fillNormal(x);
    child.fillNormal(y);
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += x[i]! * y[i]!;
    expect(Math.abs(sxy / n)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('saves and restores state (getState/setState, rngFromState, clone)', () => {
    const r = createRng(11);
    r.normal();
    const snap = r.getState();
    const json = JSON.parse(JSON.stringify(snap));
    const ahead = [r.normal(), r.standardGamma(2), r.poisson(3), r.uniform()];
    r.setState(json);
    expect([r.normal(), r.standardGamma(2), r.poisson(3), r.uniform()]).toEqual(ahead);
    const other = rngFromState(snap);
    expect([other.normal(), other.standardGamma(2), other.poisson(3), other.uniform()]).toEqual(ahead);
    const c = r.clone();
    expect(c.normal()).toBe(r.normal());
    // A forked child's state (longer seed) can be loaded into any generator.
    const child = r.fork();
    const q = createRng(0);
    q.setState(child.getState());
    expect(q.uniform()).toBe(child.uniform());
    expect(() => r.setState({ algorithm: 'mt19937', words: [1, 2, 3] })).toThrow(InvalidArgumentError);
    expect(() => r.setState({ algorithm: 'pcg' } as never)).toThrow(/state/);
    const bad = { algorithm: 'mt19937' as const, words: [...snap.words] };
    bad.words[5] = -1;
    expect(() => r.setState(bad)).toThrow(/state\.words\[5\]/);
  });

  it('fills arrays with the same values as single draws', () => {
    const a = createRng(5);
    const b = createRng(5);
    expect(Array.from(a.fillNormal(new Float64Array(10)))).toEqual(take(() => b.normal(), 10));
    expect(Array.from(a.fillUniform(new Float64Array(10)))).toEqual(take(() => b.uniform(), 10));
  });

  it('draws uniforms in [0, 1) matching Uniform(0, 1) (KS) and normals matching N(0, 1)', () => {
    const r = createRng(2024);
    const u = r.fillUniform(new Float64Array(50000));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(ksStatistic(u, (x) => x)).toBeLessThan(1.95); // p ≈ 0.001
    expectMoments(u, 0.5, 1 / 12);
    const z = r.fillNormal(new Float64Array(100000));
    expectMoments(z, 0, 1);
  });

  it('draws unbiased integers (chi-square) and validates n', () => {
    const r = createRng(9);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70000; i++) counts[r.int(7)]!++;
    expect(Math.abs(chiSquareZ(counts, new Array(7).fill(1 / 7)))).toBeLessThan(5);
    const big = r.int(2 ** 40);
    expect(Number.isInteger(big) && big >= 0 && big < 2 ** 40).toBe(true);
    expect(r.int(1)).toBe(0);
    for (const bad of [0, -1, 2.5, Number.NaN, 2 ** 54])
      expect(() => r.int(bad)).toThrow(InvalidArgumentError);
  });
});
