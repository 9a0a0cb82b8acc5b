import { conformanceChecks } from '@infogeom/distributions/testing';
import { describe, it } from 'vitest';
import { inverseGaussian } from './index.js';

// The same kit every built-in family runs.
describe('inverseGaussian passes the @infogeom/distributions conformance kit', () => {
  for (const c of conformanceChecks(inverseGaussian))
    it.skipIf(c.skipped !== undefined)(c.name, () => c.run());
});
