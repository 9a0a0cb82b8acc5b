import { DenseMatrix, InvalidArgumentError, jacobian, slogdet } from '@infogeom/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constraints } from './constraint.js';
import type { Params } from './parameter.js';
import { createParameterSpace } from './parameter-space.js';

type Mixed = {
  readonly loc: number;
  readonly scale: number;
  readonly p: Float64Array;
  readonly S: DenseMatrix;
  readonly angle: number;
  readonly n: number;
};

const space = createParameterSpace<Mixed>([
  { name: 'loc', shape: 'scalar', constraint: constraints.real, description: 'location' },
  { name: 'scale', shape: 'scalar', constraint: constraints.positive, description: 'scale' },
  { name: 'p', shape: 'vector', constraint: constraints.simplex, description: 'probabilities' },
  { name: 'S', shape: 'matrix', constraint: constraints.spd, description: 'covariance' },
  { name: 'angle', shape: 'scalar', constraint: constraints.circle, description: 'direction' },
  { name: 'n', shape: 'scalar', constraint: constraints.positiveInteger, fixed: true, description: 'trials' },
]);

const point: Mixed = {
  loc: -1.5,
  scale: 0.4,
  p: Float64Array.of(0.2, 0.5, 0.3),
  S: DenseMatrix.from([
    [2, 0.3, -0.4],
    [0.3, 1, 0.2],
    [-0.4, 0.2, 0.7],
  ]),
  angle: 2.5,
  n: 7,
};

describe('parameter space', () => {
  it('counts and names coordinates: 1 + 1 + (3 − 1) + 6 + 1, fixed n excluded', () => {
    expect(space.dimension(point)).toBe(11);
    expect(space.coordinateNames(point)).toEqual([
      'loc',
      'scale',
      'p[0]',
      'p[1]',
      'S[0][0]',
      'S[1][0]',
      'S[1][1]',
      'S[2][0]',
      'S[2][1]',
      'S[2][2]',
      'angle',
    ]);
  });

  it('round-trips θ and η, keeps fixed parameters', () => {
    const theta = space.toCoordinates(point);
    const back = space.fromCoordinates(theta, point);
    expect(Array.from(back.p)).toEqual([0.2, 0.5, 0.30000000000000004]);
    expect(back.n).toBe(7);
    const eta = space.toUnconstrained(point);
    const again = space.toCoordinates(space.fromUnconstrained(eta, point));
    for (let i = 0; i < theta.length; i++) expect(again[i]).toBeCloseTo(theta[i]!, 12);
  });

  it('Jacobian ∂θ/∂η and log|det| match finite differences at random η (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 11, maxLength: 11 }),
        (raw) => {
          const eta = Float64Array.from(raw);
          const J = space.jacobian(eta, point);
          const Jfd = jacobian(
            (e: Float64Array) => space.toCoordinates(space.fromUnconstrained(e, point)),
            eta,
          );
          for (let k = 0; k < J.data.length; k++)
            expect(Math.abs(J.data[k]! - Jfd.data[k]!)).toBeLessThan(1e-7 * (1 + Math.abs(Jfd.data[k]!)));
          expect(space.logAbsDetJacobian(eta, point)).toBeCloseTo(slogdet(J).logAbsDet, 9);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rejects each broken constraint with a typed error naming the parameter', () => {
    const cases: Array<[Partial<Params>, RegExp]> = [
      [{ scale: -1 }, /params\.scale/],
      [{ p: Float64Array.of(0.5, 0.6, 0.1) }, /sum of params\.p/],
      [{ p: Float64Array.of(0.5, 0.6, -0.1) }, /params\.p\[2\]/],
      [
        {
          S: DenseMatrix.from([
            [1, 2, 0],
            [2, 1, 0],
            [0, 0, 1],
          ]),
        },
        /params\.S/,
      ],
      [{ n: 2.5 }, /params\.n/],
      [{ loc: Number.NaN }, /params\.loc/],
    ];
    for (const [patch, message] of cases) {
      expect(() => space.validate({ ...point, ...patch } as Mixed)).toThrow(InvalidArgumentError);
      expect(() => space.validate({ ...point, ...patch } as Mixed)).toThrow(message);
    }
  });
});
