import { InvalidArgumentError } from '@infogeom/linalg';
import type { Family } from './family.js';
import type { Params } from './parameter.js';
import type { Observation } from './support.js';

/**
 * The type-level registry of families, augmented by declaration merging so that `family(name)` is typed
 * with the family's parameters and a misspelt name fails to compile. Built-ins augment it in
 * `@infogeom/distributions/register-all`; a plugin augments it beside its registration:
 *
 * ```ts
 * declare module '@infogeom/distributions' {
 *   interface FamilyRegistry { kumaraswamy: typeof kumaraswamy }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by declaration merging
export interface FamilyRegistry {}

/** A family of any parameters and observations (what the runtime registry stores). */
export type AnyFamily = Family<Params, Observation>;

const REGISTRY_KEY = Symbol.for('infogeom.distributions.registry');
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The registry Map, kept on globalThis so two copies of this package share it. */
function registry(): Map<string, AnyFamily> {
  const g = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Map<string, AnyFamily> };
  g[REGISTRY_KEY] ??= new Map();
  return g[REGISTRY_KEY];
}

/** Options of {@link registerFamily}. */
export interface RegisterOptions {
  /** Called instead of console.warn when a name is registered twice (the newer family wins). */
  onDuplicate?: (name: string) => void;
}

/**
 * Registers a family under its name (data, not code: the family object is stored as is). Registering a
 * name twice warns and replaces. Names must be identifiers and not `__proto__`, `constructor`, ….
 * @returns a function that unregisters it
 */
export function registerFamily<P extends Params, X extends Observation>(
  family: Family<P, X>,
  options: RegisterOptions = {},
): () => void {
  const name = family?.name;
  if (typeof name !== 'string' || !NAME.test(name) || RESERVED.has(name)) {
    throw new InvalidArgumentError(
      'family.name',
      name,
      'an identifier other than __proto__, constructor or prototype',
    );
  }
  const reg = registry();
  if (reg.has(name) && reg.get(name) !== family) {
    if (options.onDuplicate !== undefined) options.onDuplicate(name);
    else console.warn(`@infogeom/distributions: family "${name}" was already registered; replacing it.`);
  }
  reg.set(name, family as unknown as AnyFamily);
  return () => {
    if (reg.get(name) === (family as unknown as AnyFamily)) reg.delete(name);
  };
}

/** Removes a family from the registry; returns whether it was registered. */
export function unregisterFamily(name: string): boolean {
  return registry().delete(name);
}

/** The names of the registered families, sorted. */
export function listFamilies(): string[] {
  return [...registry().keys()].sort();
}

/** `true` when a family of that name is registered. */
export function hasFamily(name: string): boolean {
  return registry().has(name);
}

/**
 * The registered family `name`, typed through {@link FamilyRegistry}.
 * @throws InvalidArgumentError naming the registered families when `name` is not registered
 * @example
 * ```ts
 * import '@infogeom/distributions/register-all'; // registers the built-ins
 * import { family, hasFamily } from '@infogeom/distributions';
 *
 * const poisson = family('poisson'); // typed: a Family<PoissonParams, number>
 * console.log(poisson.name, poisson.mean({ rate: 3 }), poisson.fisher({ rate: 4 }).toArray());
 * console.log(hasFamily('normal'), hasFamily('kumaraswamy'));
 * ```
 *
 * ```txt [output]
 * poisson 3 [ [ 0.25 ] ]
 * true false
 * ```
 */
export function family<N extends keyof FamilyRegistry & string>(name: N): FamilyRegistry[N] {
  return familyByName(name) as unknown as FamilyRegistry[N];
}

/** The registered family `name`, untyped (for names only known at run time). */
export function familyByName(name: string): AnyFamily {
  const f = registry().get(name);
  if (f === undefined) {
    const known = listFamilies();
    throw new InvalidArgumentError(
      'name',
      name,
      known.length === 0
        ? "a registered family (none is registered: import '@infogeom/distributions/register-all' or call registerFamily)"
        : `one of ${known.join(', ')}`,
    );
  }
  return f;
}
