import { bernoulli, normal } from '@infogeom/distributions';
import { DenseMatrix } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { exactFisher } from './exact-fisher.js';
import { familyModel } from './family-model.js';
import { logitLink } from './glm-link.js';
import { glmModel } from './glm-model.js';

/** The examples of the doc comments, executed. */
describe('doc-comment examples (estimators)', () => {
  it('familyModel', () => {
    const m = familyModel(normal, { mu: 0, sigma: 1 });
    expect(exactFisher(m, [0, 2]).value.toArray()).toEqual([
      [0.25, 0],
      [0, 0.5],
    ]);
  });

  it('glmModel and exactFisher', () => {
    const X = DenseMatrix.from([
      [1, 0.5],
      [1, -1],
      [1, 2],
    ]);
    expect(exactFisher(glmModel(bernoulli, X, logitLink), [0, 0]).value.toArray()).toEqual([
      [0.75, 0.375],
      [0.375, 1.3125],
    ]);
    const F = exactFisher(glmModel(bernoulli, X, logitLink), [0.5, -1]).value;
    let f00 = 0;
    for (let i = 0; i < 3; i++) {
      const p = 1 / (1 + Math.exp(-(0.5 - X.get(i, 1))));
      f00 += p * (1 - p);
    }
    expect(F.get(0, 0)).toBeCloseTo(f00, 15);
  });
});
