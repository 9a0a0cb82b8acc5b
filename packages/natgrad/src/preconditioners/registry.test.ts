import { denseFisher } from '@infogeom/fisher';
import { InvalidArgumentError } from '@infogeom/linalg';
import { describe, expect, it } from 'vitest';
import { naturalGradient } from '../natural-gradient.js';
import type { PreconditionerConfig } from './preconditioner.js';
import {
  listPreconditioners,
  preconditioner,
  registerPreconditioner,
  resolvePreconditioner,
  unregisterPreconditioner,
} from './registry.js';

/** A third-party plugin: scaled identity, Δ = g / (s + λ). */
const scaledIdentity: PreconditionerConfig<{ scale: number }> = {
  name: 'scaledIdentity',
  description: 'g / (scale + λ)',
  defaults: { scale: 2 },
  prepare: (_fisher, { scale }) => ({
    lastIterations: 0,
    solve: (g, damping) => g.map((v) => v / (scale + damping)),
  }),
};

declare module './registry.js' {
  interface PreconditionerRegistry {
    scaledIdentity: typeof scaledIdentity;
  }
}

describe('preconditioner registry', () => {
  it('holds the built-ins and resolves names with merged options', () => {
    expect(listPreconditioners()).toEqual(
      expect.arrayContaining(['cg', 'dense', 'diagonal', 'kfac', 'operator']),
    );
    expect(preconditioner('cg').defaults.tol).toBe(1e-10);
    const r = resolvePreconditioner({ name: 'cg', options: { maxIterations: 3 } });
    expect(r.options).toEqual({ tol: 1e-10, maxIterations: 3, jacobi: true });
    expect(() => preconditioner('nope' as 'cg')).toThrow(InvalidArgumentError);
  });

  it('registers a plugin usable by name (typed via declaration merging), warns on duplicates, unregisters', () => {
    const unregister = registerPreconditioner(scaledIdentity);
    const dups: string[] = [];
    registerPreconditioner({ ...scaledIdentity }, { onDuplicate: (n) => dups.push(n) });
    expect(dups).toEqual(['scaledIdentity']);
    const opt = naturalGradient(
      {
        loss: (w) => w[0]! ** 2,
        gradient: (w) => Float64Array.of(2 * w[0]!),
        fisher: () => denseFisher([[1]]),
      },
      { init: [1], preconditioner: { name: 'scaledIdentity', options: { scale: 4 } } },
    );
    opt.step();
    expect(opt.parameters[0]).toBeCloseTo(0.5, 15);
    unregister(); // not the registered object any more (replaced): no-op
    expect(listPreconditioners()).toContain('scaledIdentity');
    expect(unregisterPreconditioner('scaledIdentity')).toBe(true);
    expect(listPreconditioners()).not.toContain('scaledIdentity');
  });

  it('refuses reserved and non-identifier names', () => {
    for (const name of ['__proto__', 'constructor', 'a b', ''])
      expect(() => registerPreconditioner({ ...scaledIdentity, name })).toThrow(InvalidArgumentError);
  });
});
