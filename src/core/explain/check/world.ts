/**
 * A toy instance ("world") in which a derivation's claims are evaluated: random values for its
 * symbols, a joint model for each density letter, functions for its networks. Worlds are drawn
 * from a seed, so a check is the same on every run.
 */
import { Random } from '../../train/random';
import type { Model, Value } from './models';

/** Reads the current value of a symbol (with a gradient's perturbation, if one is in progress). */
export type Getter = (name: string) => Value;

/** Where a variable ranges, for an integral, a sum over its support or an arg max. */
export type Domain = { readonly kind: 'real' } | { readonly kind: 'support'; readonly values: readonly number[] };

/** One toy instance. */
export interface World {
  /** What it is, for messages: "a linear-Gaussian latent model". */
  readonly name: string;
  /**
   * The value of a symbol (`\beta`) or indexed symbol (`\theta_{4}`, base `\theta`, index 4) that
   * the world fixes outright: the start of a recurrence, data. Asked before definitions.
   */
  exact(key: string, base: string, index: number | undefined, get: Getter): Value | undefined;
  /** A value for any other symbol the world has a spec for; asked after definitions. */
  value(key: string, base: string): Value | undefined;
  /** The joint model a density letter stands for. */
  model(head: string, get: Getter): Model | undefined;
  /** A deterministic function (a network, a loss) applied to values. */
  call(head: string, args: readonly Value[], get: Getter): Value | undefined;
  /** The range of a variable. */
  domain(key: string): Domain;
}

/** Builds a world from a seed. */
export type WorldFactory = (seed: number) => World;

/** How a symbol's random value is drawn. */
export type Spec =
  | { readonly kind: 'real'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'int'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'fixed'; readonly value: Value }
  | { readonly kind: 'vector'; readonly dim: number; readonly lo: number; readonly hi: number };

/** A uniform real in [lo, hi]. */
export const real = (lo: number, hi: number): Spec => ({ kind: 'real', lo, hi });
/** A uniform integer in [lo, hi]. */
export const int = (lo: number, hi: number): Spec => ({ kind: 'int', lo, hi });
/** A fixed value. */
export const fixed = (value: Value): Spec => ({ kind: 'fixed', value });
/** A vector of `dim` uniform reals. */
export const vector = (dim: number, lo: number, hi: number): Spec => ({ kind: 'vector', dim, lo, hi });

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The symbol values of a world: each drawn from its spec by a generator seeded with the world's
 * seed and the symbol's key, so a value does not depend on the order symbols are asked for.
 * Indexed symbols (`\theta_{4}`) use their base's spec.
 */
export class SymbolTable {
  readonly #cache = new Map<string, Value>();
  constructor(readonly seed: number, readonly specs: Readonly<Record<string, Spec>>) {}

  /** The value of `key` (or of base `base` at an index), or undefined when no spec names it. */
  value(key: string, base: string = key): Value | undefined {
    const hit = this.#cache.get(key);
    if (hit !== undefined) return hit;
    const spec = this.specs[key] ?? this.specs[base];
    if (!spec) return undefined;
    const rng = new Random((hash(key) ^ Math.imul(this.seed + 1, 0x9e3779b1)) >>> 0);
    rng.next();
    let v: Value;
    switch (spec.kind) {
      case 'fixed': v = spec.value; break;
      case 'real': v = spec.lo + (spec.hi - spec.lo) * rng.next(); break;
      case 'int': v = spec.lo + rng.int(spec.hi - spec.lo + 1); break;
      case 'vector': v = Array.from({ length: spec.dim }, () => spec.lo + (spec.hi - spec.lo) * rng.next()); break;
    }
    this.#cache.set(key, v);
    return v;
  }

  /** A number-valued symbol; throws when the world has no such symbol. */
  num(key: string): number {
    const v = this.value(key);
    if (typeof v !== 'number') throw new Error(`toy symbol ${key} is not a number`);
    return v;
  }
}

/** A number from a getter, for worlds whose models read parameters. */
export function getNum(get: Getter, name: string): number {
  const v = get(name);
  if (typeof v !== 'number') throw new Error(`${name} is not a number`);
  return v;
}

/** The parts most worlds share: a symbol table, models by head, functions by head, domains by variable. */
export interface WorldParts {
  readonly name: string;
  readonly specs: Readonly<Record<string, Spec>>;
  readonly models?: Readonly<Record<string, (get: Getter) => Model>>;
  readonly functions?: Readonly<Record<string, (args: readonly Value[], get: Getter) => Value>>;
  readonly domains?: Readonly<Record<string, Domain>>;
  /** Extra symbol values computed from others (`\hat{\mu}` from the data). */
  readonly derived?: Readonly<Record<string, (table: SymbolTable) => Value>>;
  /** The spec of any plain symbol no other spec names (the formula's step sizes and coefficients). */
  readonly fallback?: Spec;
  /** Values fixed outright for indexed symbols (a recurrence's start), by base and index. */
  readonly exact?: (base: string, index: number | undefined, table: SymbolTable, get: Getter) => Value | undefined;
}

/** A world from its parts. */
export function makeWorld(seed: number, parts: WorldParts): World {
  const table = new SymbolTable(seed, parts.fallback ? new Proxy({ ...parts.specs }, {
    get: (target, key: string) => target[key] ?? (/^(?:\\[A-Za-z]+|[A-Za-z])(?:_\{?[A-Za-z0-9]\}?)?$/.test(key) ? parts.fallback : undefined),
  }) : parts.specs);
  return {
    name: parts.name,
    exact: (key, base, index, get) => {
      const d = parts.derived?.[key];
      if (d) return d(table);
      return parts.exact?.(base, index, table, get);
    },
    value: (key, base) => table.value(key, base),
    model: (head, get) => parts.models?.[head]?.(get),
    call: (head, args, get) => parts.functions?.[head]?.(args, get),
    domain: (key) => parts.domains?.[key] ?? { kind: 'real' },
  };
}
