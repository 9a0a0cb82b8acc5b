import { InvalidArgumentError } from '@infogeom/linalg';
import type { Embedder } from './embedder.js';

/**
 * The type-level registry of embedders, augmented by declaration merging so that `embedder(name)` is
 * typed with the method's options and a misspelt name fails to compile:
 *
 * ```ts
 * declare module '@infogeom/dimred' {
 *   interface EmbedderRegistry { myMethod: typeof myMethod }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by declaration merging
export interface EmbedderRegistry {}

// biome-ignore lint/suspicious/noExplicitAny: the runtime registry stores embedders of any options
type AnyEmbedder = Embedder<any>;

const REGISTRY_KEY = Symbol.for('infogeom.dimred.registry');
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function registry(): Map<string, AnyEmbedder> {
  const g = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Map<string, AnyEmbedder> };
  g[REGISTRY_KEY] ??= new Map();
  return g[REGISTRY_KEY];
}

/** Options of {@link registerEmbedder}. */
export interface RegisterEmbedderOptions {
  /** Called instead of console.warn when a name is registered twice (the newer embedder wins). */
  onDuplicate?: (name: string) => void;
}

/**
 * Registers an embedder under its name. A duplicate name warns and replaces; names must be identifiers
 * other than `__proto__`, `constructor`, ….
 * @returns a function that unregisters it
 */
export function registerEmbedder<O extends object>(
  embedder: Embedder<O>,
  options: RegisterEmbedderOptions = {},
): () => void {
  const name = embedder?.name;
  if (typeof name !== 'string' || !NAME.test(name) || RESERVED.has(name)) {
    throw new InvalidArgumentError(
      'embedder.name',
      name,
      'an identifier other than __proto__, constructor or prototype',
    );
  }
  const reg = registry();
  if (reg.has(name) && reg.get(name) !== embedder) {
    if (options.onDuplicate !== undefined) options.onDuplicate(name);
    else console.warn(`@infogeom/dimred: embedder "${name}" was already registered; replacing it.`);
  }
  reg.set(name, embedder as AnyEmbedder);
  return () => {
    if (reg.get(name) === (embedder as AnyEmbedder)) reg.delete(name);
  };
}

/** Removes an embedder from the registry; returns whether it was registered. */
export function unregisterEmbedder(name: string): boolean {
  return registry().delete(name);
}

/** The names of the registered embedders, sorted. */
export function listEmbedders(): string[] {
  return [...registry().keys()].sort();
}

/**
 * The registered embedder `name`, typed through {@link EmbedderRegistry}.
 * @throws InvalidArgumentError naming the registered embedders when `name` is not registered
 */
export function embedder<N extends keyof EmbedderRegistry & string>(name: N): EmbedderRegistry[N] {
  return embedderByName(name) as unknown as EmbedderRegistry[N];
}

/** The registered embedder `name`, untyped (for names known only at run time). */
export function embedderByName(name: string): Embedder<object> {
  const e = registry().get(name);
  if (e === undefined) {
    const known = listEmbedders();
    throw new InvalidArgumentError(
      'name',
      name,
      known.length === 0
        ? "a registered embedder (none is registered: import '@infogeom/dimred/register-all' or call registerEmbedder)"
        : `one of ${known.join(', ')}`,
    );
  }
  return e;
}
