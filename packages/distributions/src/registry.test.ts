import { InvalidArgumentError } from '@infogeom/linalg';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { normal } from './families/normal.js';
import {
  family,
  familyByName,
  hasFamily,
  listFamilies,
  registerFamily,
  unregisterFamily,
} from './registry.js';
import './register-all.js';

describe('family registry', () => {
  afterEach(() => {
    registerFamily(normal);
  });

  it('register-all registers the built-ins and family() returns them, typed', () => {
    expect(hasFamily('normal')).toBe(true);
    const f = family('normal');
    expect(f).toBe(normal);
    expectTypeOf(f.logProb).parameter(0).toEqualTypeOf<{ readonly mu: number; readonly sigma: number }>();
    // @ts-expect-error a misspelt family name does not compile
    expect(() => family('normall')).toThrow(InvalidArgumentError);
  });

  it('registers all 20 built-in families', () => {
    expect(listFamilies()).toEqual([
      'bernoulli',
      'beta',
      'binomial',
      'categorical',
      'diagonalNormal',
      'dirichlet',
      'exponential',
      'gamma',
      'geometric',
      'laplace',
      'logNormal',
      'multinomial',
      'multivariateNormal',
      'negativeBinomial',
      'normal',
      'normalKnownSigma',
      'poisson',
      'studentT',
      'vonMises',
      'weibull',
    ]);
    expectTypeOf(family('vonMises').logProb)
      .parameter(0)
      .toEqualTypeOf<{ readonly mu: number; readonly kappa: number }>();
  });

  it('is shared through globalThis so two copies of the package see one registry', () => {
    const key = Symbol.for('infogeom.distributions.registry');
    const shared = (globalThis as Record<symbol, unknown>)[key] as Map<string, unknown>;
    expect(shared.get('normal')).toBe(normal);
  });

  it('warns on a duplicate name and replaces; unregister removes', () => {
    const copy = { ...normal };
    const warn = vi.fn();
    const undo = registerFamily(copy, { onDuplicate: warn });
    expect(warn).toHaveBeenCalledWith('normal');
    expect(familyByName('normal')).toBe(copy);
    undo();
    expect(hasFamily('normal')).toBe(false);
    registerFamily(normal);
    expect(unregisterFamily('normal')).toBe(true);
    expect(unregisterFamily('normal')).toBe(false);
    expect(() => familyByName('normal')).toThrow(/expected one of bernoulli, beta/);
  });

  it('refuses reserved and malformed names with a typed error', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', '', 'has space', '1abc']) {
      expect(() => registerFamily({ ...normal, name })).toThrow(InvalidArgumentError);
    }
    expect(listFamilies()).not.toContain('__proto__');
  });
});
