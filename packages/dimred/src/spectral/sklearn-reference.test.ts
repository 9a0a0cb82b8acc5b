import { readFileSync } from 'node:fs';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { sCurve } from '../generators/s-curve.js';
import { swissRoll } from '../generators/swiss-roll.js';
import { trustworthiness } from '../quality/trustworthiness.js';
import { isomap } from './isomap.js';
import { type LleMethod, lle } from './lle.js';

const here = new URL('./fixtures/', import.meta.url);
const load = (name: string) => JSON.parse(readFileSync(new URL(name, here), 'utf8'));
const ref = load('sklearn-reference.json');
const toMatrix = (rows: number[][]) =>
  new DenseMatrix(rows.length, rows[0]!.length, Float64Array.from(rows.flat()));
const sc = toMatrix(load('s-curve-1000.json').points);
const sw = toMatrix(load('swiss-roll-1500.json').points);

describe('agreement with scikit-learn on data from our generators', () => {
  it('the fixture data are what our generators produce', () => {
    expect(sCurve({ n: 1000, seed: 0 }).points.data).toEqual(sc.data);
    expect(swissRoll({ n: 1500, seed: 0 }).points.data).toEqual(sw.data);
  });
  it('trustworthiness equals scikit-learn’s on fixed projections', () => {
    const cols = (X: DenseMatrix, c: number[]) =>
      new DenseMatrix(
        X.rows,
        c.length,
        Float64Array.from(
          { length: X.rows * c.length },
          (_, t) => X.data[Math.floor(t / c.length) * 3 + c[t % c.length]!]!,
        ),
      );
    expect(trustworthiness(sc, cols(sc, [0, 1]), { k: 5 })).toBeCloseTo(ref.metric.sCurveXY, 12);
    expect(trustworthiness(sc, cols(sc, [0, 2]), { k: 10 })).toBeCloseTo(ref.metric.sCurveXZk10, 12);
    expect(trustworthiness(sw, cols(sw, [0, 2]), { k: 5 })).toBeCloseTo(ref.metric.swissXZ, 12);
  });
  it.each([
    ['lle', 'standard'],
    ['ltsa', 'ltsa'],
    ['hessianLle', 'hessian'],
    ['modifiedLle', 'modified'],
  ] as const)('S-curve n = 1000, k = 10: %s trustworthiness within 0.002', (key, method: LleMethod) => {
    const Y = lle(sc, { nNeighbors: 10, method }).embedding;
    expect(Math.abs(trustworthiness(sc, Y, { k: 5 }) - ref.sCurve1000k10[key].trustworthiness)).toBeLessThan(
      0.002,
    );
  });
  it('S-curve n = 1000, k = 10: Isomap trustworthiness within 0.002', () => {
    const Y = isomap(sc, { nNeighbors: 10 }).embedding;
    expect(
      Math.abs(trustworthiness(sc, Y, { k: 5 }) - ref.sCurve1000k10.isomap.trustworthiness),
    ).toBeLessThan(0.002);
  });
  it('swiss roll n = 1500, k = 12: Isomap ≥ 0.999 and LLE ≥ 0.997', () => {
    expect(trustworthiness(sw, isomap(sw, { nNeighbors: 12 }).embedding, { k: 5 })).toBeGreaterThanOrEqual(
      0.999,
    );
    expect(trustworthiness(sw, lle(sw, { nNeighbors: 12 }).embedding, { k: 5 })).toBeGreaterThanOrEqual(
      0.997,
    );
  });
});
