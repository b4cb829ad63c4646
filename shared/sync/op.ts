import { z } from 'zod';
import { isHlc } from '../clock/hlc';
import { ENTITY_NAMES } from '../api/events';

/**
 * An op is one atomic change made by one dispatcher on one console: the field values it sets on
 * one or more entities, plus the human-readable activity entry that describes it. Ops are
 * self-describing (no reference to local state), identified by a UUIDv7, ordered by HLC, and
 * idempotent to apply: applying the same op twice, or ops in any order, ends in the same state,
 * because each field keeps the value from the op with the greatest HLC (last writer wins).
 */
export const OP_FORMAT_VERSION = 1;

/**
 * A plain object keyed by short names. A loop, not z.record: zod checks each of a create's ~35
 * keys through its machinery (8 us per op), and catch-up validates tens of thousands of ops.
 * Values are not re-validated: every op arrives through JSON.parse, so each value is JSON
 * already, and field names are checked against the target table's columns when applied.
 */
function isFieldValues(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key in value) if (key.length > 64) return false;
  return true;
}

export const OpChangeSchema = z.object({
  entity: z.enum(ENTITY_NAMES),
  id: z.string().min(1).max(80),
  /** True when this op creates the entity; every field of the row is then present. */
  create: z.boolean(),
  fields: z.custom<Record<string, unknown>>(
    isFieldValues,
    'Field values must be an object keyed by field names of at most 64 characters',
  ),
  /**
   * For set-valued fields (shared/sync/merge-semantics SET_FIELDS): what the author added and
   * removed, merged element by element (add-wins). `fields` still holds the author's whole set,
   * which is what a console that does not know `sets` applies (last writer wins).
   */
  sets: z
    .record(
      z.string().max(64),
      z.object({
        add: z.array(z.unknown()).max(100),
        remove: z
          .array(
            z.object({
              key: z.string().max(200),
              seen: z.string().refine(isHlc, 'Not an HLC timestamp'),
            }),
          )
          .max(100),
      }),
    )
    .optional(),
});
export type OpChange = z.output<typeof OpChangeSchema>;

export const ActivityParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

export const OpActivitySchema = z.object({
  kind: z.string().min(1).max(60),
  message: z.string().max(2000),
  params: ActivityParamsSchema,
  entity: z.enum(ENTITY_NAMES),
  entityId: z.string().min(1).max(80),
  incidentId: z.string().max(80).nullable(),
});
export type OpActivity = z.output<typeof OpActivitySchema>;

export const OpSchema = z.object({
  v: z.literal(OP_FORMAT_VERSION),
  opId: z.uuid(),
  hlc: z.string().refine(isHlc, 'Not an HLC timestamp'),
  deviceId: z.uuid(),
  actor: z.string().min(1).max(80),
  at: z.iso.datetime({ offset: true }),
  activity: OpActivitySchema.nullable(),
  changes: z.array(OpChangeSchema).max(500),
});
export type Op = z.output<typeof OpSchema>;
