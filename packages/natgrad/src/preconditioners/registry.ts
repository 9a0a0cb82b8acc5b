import { InvalidArgumentError } from '@infogeom/linalg';
import { cgPreconditioner } from './cg-preconditioner.js';
import { densePreconditioner } from './dense-preconditioner.js';
import { diagonalPreconditioner } from './diagonal-preconditioner.js';
import { kfacPreconditioner, operatorPreconditioner } from './operator-preconditioner.js';
import type { PreconditionerConfig, PreconditionerOptionsOf } from './preconditioner.js';

/**
 * The type-level registry of preconditioners, augmented by declaration merging so that a choice such as
 * `{ name: 'cg', options: { tol: 1e-8 } }` is typed and a misspelt name fails to compile. The built-ins
 * are always present; a plugin adds itself beside its registration:
 *
 * ```ts
 * declare module '@infogeom/natgrad' {
 *   interface PreconditionerRegistry { shampoo: typeof shampoo }
 * }
 * ```
 */
export interface PreconditionerRegistry {
  /** {@link operatorPreconditioner}: the operator's own damped solve (default). */
  operator: typeof operatorPreconditioner;
  /** {@link densePreconditioner}: Cholesky of the dense Fisher. */
  dense: typeof densePreconditioner;
  /** {@link diagonalPreconditioner}: the diagonal of F. */
  diagonal: typeof diagonalPreconditioner;
  /** {@link kfacPreconditioner}: Kronecker-factored damped inverse. */
  kfac: typeof kfacPreconditioner;
  /** {@link cgPreconditioner}: conjugate gradients on Fisher-vector products. */
  cg: typeof cgPreconditioner;
}

/** A registered preconditioner name. */
export type PreconditionerName = keyof PreconditionerRegistry & string;

/**
 * How an optimiser is told which preconditioner to use: a registered name, a name with (partial)
 * options, or a config object (unregistered plugins work too).
 */
export type PreconditionerChoice =
  | {
      [N in PreconditionerName]:
        | N
        | {
            /** The registered name. */
            name: N;
            /** Options overriding the preconditioner's defaults. */
            options?: Partial<PreconditionerOptionsOf<PreconditionerRegistry[N]>>;
          };
    }[PreconditionerName]
  | AnyPreconditioner;

/** A preconditioner of any options (what the runtime registry stores). */
// biome-ignore lint/suspicious/noExplicitAny: the registry stores configs of every options type
export type AnyPreconditioner = PreconditionerConfig<any>;

const REGISTRY_KEY = Symbol.for('infogeom.natgrad.preconditioners');
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const BUILT_INS: readonly AnyPreconditioner[] = [
  operatorPreconditioner,
  densePreconditioner,
  diagonalPreconditioner,
  kfacPreconditioner,
  cgPreconditioner,
];

/** The registry Map, kept on globalThis so two copies of this package share it; seeded with the built-ins. */
function registry(): Map<string, AnyPreconditioner> {
  const g = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Map<string, AnyPreconditioner> };
  if (g[REGISTRY_KEY] === undefined) {
    g[REGISTRY_KEY] = new Map();
    for (const p of BUILT_INS) g[REGISTRY_KEY].set(p.name, p);
  }
  return g[REGISTRY_KEY];
}

/** Options of {@link registerPreconditioner}. */
export interface RegisterPreconditionerOptions {
  /** Called instead of console.warn when a name is registered twice (the newer config wins). */
  onDuplicate?: (name: string) => void;
}

/**
 * Registers a preconditioner config under its name (the object is stored as is). A duplicate name warns
 * and replaces; names must be identifiers other than `__proto__`, `constructor`, ….
 * @returns a function that unregisters it
 */
export function registerPreconditioner<O extends object>(
  config: PreconditionerConfig<O>,
  options: RegisterPreconditionerOptions = {},
): () => void {
  const name = config?.name;
  if (typeof name !== 'string' || !NAME.test(name) || RESERVED.has(name))
    throw new InvalidArgumentError(
      'config.name',
      name,
      'an identifier other than __proto__, constructor or prototype',
    );
  if (typeof config.prepare !== 'function')
    throw new InvalidArgumentError('config.prepare', config.prepare, 'a function');
  const reg = registry();
  if (reg.has(name) && reg.get(name) !== config) {
    if (options.onDuplicate !== undefined) options.onDuplicate(name);
    else console.warn(`@infogeom/natgrad: preconditioner "${name}" was already registered; replacing it.`);
  }
  reg.set(name, config);
  return () => {
    if (reg.get(name) === config) reg.delete(name);
  };
}

/** Removes a preconditioner from the registry; returns whether it was registered. */
export function unregisterPreconditioner(name: string): boolean {
  return registry().delete(name);
}

/** The names of the registered preconditioners, sorted. */
export function listPreconditioners(): string[] {
  return [...registry().keys()].sort();
}

/**
 * The registered preconditioner `name`, typed through {@link PreconditionerRegistry}.
 * @throws InvalidArgumentError naming the registered preconditioners when `name` is not registered
 */
export function preconditioner<N extends PreconditionerName>(name: N): PreconditionerRegistry[N] {
  const p = registry().get(name);
  if (p === undefined)
    throw new InvalidArgumentError('name', name, `one of ${listPreconditioners().join(', ')}`);
  return p as PreconditionerRegistry[N];
}

/** A preconditioner choice resolved to its config and complete options. */
export interface ResolvedPreconditioner {
  /** The config. */
  config: AnyPreconditioner;
  /** Its defaults merged with the caller's options. */
  options: object;
}

/** Resolves a {@link PreconditionerChoice} (default `'operator'`) against the registry. */
export function resolvePreconditioner(choice: PreconditionerChoice = 'operator'): ResolvedPreconditioner {
  if (typeof choice === 'string') {
    const config = preconditioner(choice);
    return { config, options: { ...config.defaults } };
  }
  if ('prepare' in choice) return { config: choice, options: { ...choice.defaults } };
  const config = preconditioner(choice.name);
  return { config, options: { ...config.defaults, ...(choice.options ?? {}) } };
}
