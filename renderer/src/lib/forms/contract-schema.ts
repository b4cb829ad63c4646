import type { z } from 'zod';

/**
 * Reads limits out of the contract's zod schemas, so a form's maxLength, counters and range
 * messages follow the backend's validation instead of restating it. Works on zod 4's public
 * definition objects (`_zod.def`); wrappers (optional, nullable, default, pipe...) are looked
 * through.
 */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number; value?: number } } }[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema itself with optional / nullable / default / pipe wrappers removed. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The schema of the field at `path` ("salute.activity", "phones.0.label"); throws if absent. */
export function fieldSchema(schema: z.ZodType, path: string): z.ZodType {
  let current = unwrap(schema);
  for (const part of path.split('.')) {
    const def = defOf(current);
    const next = def.type === 'array' ? def.element : def.shape?.[part];
    if (!next) throw new Error(`The schema has no field "${path}"`);
    current = unwrap(next);
  }
  return current;
}

function bound(schema: z.ZodType, path: string, check: string, key: 'maximum' | 'value') {
  const found = defOf(fieldSchema(schema, path)).checks?.find((c) => c._zod.def.check === check);
  const value = found?._zod.def[key];
  if (value === undefined) throw new Error(`"${path}" has no ${check} limit in the schema`);
  return value;
}

/** The most characters a text field (or items a list) accepts. */
export function maxLengthAt(schema: z.ZodType, path: string): number {
  return bound(schema, path, 'max_length', 'maximum');
}

/** The largest number a numeric field accepts. */
export function maxValueAt(schema: z.ZodType, path: string): number {
  return bound(schema, path, 'less_than', 'value');
}

/** The smallest number a numeric field accepts. */
export function minValueAt(schema: z.ZodType, path: string): number {
  return bound(schema, path, 'greater_than', 'value');
}

/** Every text limit of `paths` at once, for a form's constants. */
export function maxLengths<P extends string>(
  schema: z.ZodType,
  paths: readonly P[],
): Record<P, number> {
  return Object.fromEntries(paths.map((p) => [p, maxLengthAt(schema, p)])) as Record<P, number>;
}

/**
 * The form field that owns a server error path: the field itself or its nearest listed ancestor
 * ("location.text" belongs to "location"). Fields are matched longest first.
 */
export function ownerOf<K extends string>(path: string, fields: readonly K[]): K | undefined {
  let best: K | undefined;
  for (const field of fields) {
    if ((path === field || path.startsWith(`${field}.`)) && (!best || field.length > best.length))
      best = field;
  }
  return best;
}

/** The first field, in tab order, that has an error at it or below it. */
export function firstInvalid<K extends string>(
  order: readonly K[],
  errors: Readonly<Record<string, unknown>>,
): K | undefined {
  const paths = Object.keys(errors);
  return order.find((field) => paths.some((p) => ownerOf(p, [field]) === field));
}
