import { z } from 'zod';

/**
 * The schema of a partial update ("patch") of an object schema: every key optional, defaults
 * removed (zod would otherwise fill absent keys with their defaults and an update would silently
 * reset fields nobody touched), unknown keys refused, and at least one key required.
 */
export function patchOf<S extends z.ZodObject>(schema: S): z.ZodType<Partial<z.output<S>>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
    shape[key] = bare.optional();
  }
  return z.strictObject(shape).refine((patch) => Object.keys(patch).length > 0, {
    message: 'Nothing to change',
    params: { kind: 'fieldError.nothingToChange' },
  }) as unknown as z.ZodType<Partial<z.output<S>>>;
}
