import type { z } from 'zod';

/**
 * A plain-JavaScript acceptor compiled from a zod schema: `accept(value)` is true only when
 * `schema.safeParse(value).success` is true. Catch-up checks every field of tens of thousands of
 * received ops, and zod's parse machinery (issue objects, output copies, transforms) costs many
 * times a typeof and a comparison. The schema stays the source of truth: the acceptor is derived
 * from its definition, and anything it does not understand compiles to null, which sends that
 * field to zod itself. A false answer means "ask zod" (which then explains the refusal).
 *
 * Understood: string (length checks, overwrites such as trim, regex and format patterns, refines),
 * number (bounds, integer formats, refines), boolean, enum, literal, null, nullable, optional,
 * default, array (length checks), object (strip or strict, no refine), record with string keys,
 * union, custom, unknown/any, and a pipe into a transform listed as total (one that never refuses
 * a value of its input type). Acceptance only: an accepted value is the input as given, so a
 * caller that relies on zod's output (stripped keys, defaults) must not take it as parsed.
 */
export type Acceptor = (value: unknown) => boolean;

export interface CompileOptions {
  /** Transform functions that accept every value their input schema accepts. */
  totalTransforms?: readonly ((value: never) => unknown)[];
}

interface CheckDef {
  check: string;
  [key: string]: unknown;
}

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] =>
  ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def);

const PATTERN_FORMATS = new Set(['uuid', 'guid', 'datetime', 'date', 'time', 'regex']);

export function compileAcceptor(schema: z.ZodType, options: CompileOptions = {}): Acceptor | null {
  const total = new Set<unknown>(options.totalTransforms ?? []);
  const compile = (s: unknown): Acceptor | null => {
    const def = defOf(s);
    switch (def.type) {
      case 'string':
        return stringAcceptor(def);
      case 'number':
        return numberAcceptor(def);
      case 'boolean':
        return checksOf(def).length === 0 ? (v) => typeof v === 'boolean' : null;
      case 'null':
        return (v) => v === null;
      case 'unknown':
      case 'any':
        return () => true;
      case 'enum': {
        const values = new Set(Object.values(def.entries as Record<string, unknown>));
        return (v) => values.has(v);
      }
      case 'literal': {
        const values = new Set(def.values as unknown[]);
        return (v) => values.has(v);
      }
      case 'nullable': {
        const inner = compile(def.innerType);
        return inner && ((v) => v === null || inner(v));
      }
      case 'optional': {
        const inner = compile(def.innerType);
        return inner && ((v) => v === undefined || inner(v));
      }
      case 'default': {
        // zod gives undefined the default value without checking it again.
        const inner = compile(def.innerType);
        return inner && ((v) => v === undefined || inner(v));
      }
      case 'array':
        return arrayAcceptor(def, compile);
      case 'custom': {
        // z.custom(fn): zod calls fn on the input.
        const refine = refineOf({ check: 'custom', fn: def.fn });
        return refine && checksOf(def).length === 0 ? refine : null;
      }
      case 'union': {
        const options = (def.options as unknown[]).map(compile);
        if (options.some((o) => o === null)) return null;
        const accepts = options as Acceptor[];
        return (v) => accepts.some((accept) => accept(v));
      }
      case 'record':
        return recordAcceptor(def, compile);
      case 'object':
        return objectAcceptor(def, compile);
      case 'pipe': {
        const out = defOf(def.out);
        if (out.type !== 'transform' || !total.has(out.transform)) return null;
        return compile(def.in);
      }
      default:
        return null;
    }
  };
  return compile(schema);
}

/** A refine on a value (`.refine(fn)`): zod calls `fn` on the value as it stands, as here. */
function refineOf(c: CheckDef): Acceptor | null {
  if (c.check !== 'custom' || typeof c.fn !== 'function') return null;
  const fn = c.fn as (v: unknown) => unknown;
  return (v) => {
    const result = fn(v);
    // A promise means an async refine, which a synchronous parse refuses to run: ask zod.
    return result instanceof Promise ? false : Boolean(result);
  };
}

function lengthCheck(c: CheckDef): ((n: number) => boolean) | null {
  if (c.check === 'min_length') return (n) => n >= (c.minimum as number);
  if (c.check === 'max_length') return (n) => n <= (c.maximum as number);
  if (c.check === 'length_equals') return (n) => n === (c.length as number);
  return null;
}

function patternTest(pattern: unknown): ((v: string) => boolean) | null {
  if (!(pattern instanceof RegExp)) return null;
  return (v) => {
    pattern.lastIndex = 0;
    return pattern.test(v);
  };
}

function stringAcceptor(def: Def): Acceptor | null {
  const steps: ((v: string) => string | false)[] = [];
  if (def.format !== undefined) {
    if (!PATTERN_FORMATS.has(String(def.format))) return null;
    const test = patternTest(def.pattern);
    if (!test) return null;
    steps.push((v) => test(v) && v);
  }
  for (const c of checksOf(def)) {
    const length = lengthCheck(c);
    if (length) {
      steps.push((v) => length(v.length) && v);
      continue;
    }
    if (c.check === 'overwrite' && typeof c.tx === 'function') {
      const tx = c.tx as (v: string) => unknown;
      steps.push((v) => {
        const next = tx(v);
        return typeof next === 'string' ? next : false;
      });
      continue;
    }
    const refine = refineOf(c);
    if (refine) {
      steps.push((v) => refine(v) && v);
      continue;
    }
    if (c.check === 'string_format' && PATTERN_FORMATS.has(String(c.format))) {
      const test = patternTest(c.pattern);
      if (!test) return null;
      steps.push((v) => test(v) && v);
      continue;
    }
    return null;
  }
  return (v) => {
    if (typeof v !== 'string') return false;
    let current: string | false = v;
    for (const step of steps) {
      current = step(current);
      if (current === false) return false;
    }
    return true;
  };
}

function numberAcceptor(def: Def): Acceptor | null {
  const tests: ((n: number) => boolean)[] = [];
  for (const c of checksOf(def)) {
    const value = c.value as number;
    if (c.check === 'greater_than') tests.push(c.inclusive ? (n) => n >= value : (n) => n > value);
    else if (c.check === 'less_than')
      tests.push(c.inclusive ? (n) => n <= value : (n) => n < value);
    else if (c.check === 'number_format' && c.format === 'safeint')
      tests.push((n) => Number.isSafeInteger(n));
    else if (refineOf(c)) tests.push(refineOf(c)!);
    else return null;
  }
  return (v) => typeof v === 'number' && Number.isFinite(v) && tests.every((t) => t(v));
}

function arrayAcceptor(def: Def, compile: (s: unknown) => Acceptor | null): Acceptor | null {
  const element = compile(def.element);
  if (!element) return null;
  const lengths: ((n: number) => boolean)[] = [];
  for (const c of checksOf(def)) {
    const length = lengthCheck(c);
    if (!length) return null;
    lengths.push(length);
  }
  return (v) => {
    if (!Array.isArray(v) || !lengths.every((l) => l(v.length))) return false;
    // By index, as zod reads it: a hole is undefined, not skipped.
    for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
    return true;
  };
}

function recordAcceptor(def: Def, compile: (s: unknown) => Acceptor | null): Acceptor | null {
  // Only string keys: an enum key type makes zod require every key, which this does not model.
  if (checksOf(def).length > 0 || defOf(def.keyType).type !== 'string') return null;
  const key = compile(def.keyType);
  const value = compile(def.valueType);
  if (!key || !value) return null;
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    if (Object.getOwnPropertySymbols(v).length > 0) return false;
    const record = v as Record<string, unknown>;
    for (const k of Object.keys(record)) if (!key(k) || !value(record[k])) return false;
    return true;
  };
}

function objectAcceptor(def: Def, compile: (s: unknown) => Acceptor | null): Acceptor | null {
  if (checksOf(def).length > 0) return null;
  const catchall = def.catchall === undefined ? 'strip' : defOf(def.catchall).type;
  if (catchall !== 'strip' && catchall !== 'never') return null;
  const shape = def.shape as Record<string, unknown>;
  const keys = Object.keys(shape);
  const known = new Set(keys);
  const fields: [string, Acceptor][] = [];
  for (const key of keys) {
    const field = compile(shape[key]);
    if (!field) return null;
    fields.push([key, field]);
  }
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const record = v as Record<string, unknown>;
    for (const [key, field] of fields) {
      const own = Object.hasOwn(record, key);
      // A key zod would read from the prototype: let zod decide.
      if (!own && key in record) return false;
      if (!field(own ? record[key] : undefined)) return false;
    }
    if (catchall === 'never')
      for (const key of Object.keys(record)) if (!known.has(key)) return false;
    return true;
  };
}
