import { z } from 'zod';
import type { EntityName } from '../api/events';
import {
  AssignmentSchema,
  IncidentSchema,
  LocationSchema,
  ResponderFieldsSchema,
  SaluteSchema,
  TimingSchema,
} from '../api/schemas';
import { ShiftSchema } from '../api/shift-schemas';
import { ResponderLinkSchema } from '../api/links';
import { SettingsSchema } from '../domain/settings';
import type { OpChange } from './op';
import { SET_FIELDS } from './merge-semantics';
import { compileAcceptor, type Acceptor, type CompileOptions } from './fast-accept';
import { canonicalLanguage } from '../domain/languages';

/** Transforms in these schemas that never refuse a value (./fast-accept.ts). */
const ACCEPTOR_OPTIONS: CompileOptions = { totalTransforms: [canonicalLanguage] };

/**
 * What each field of a synced entity may hold, by the op's field names (the table's property
 * names: an incident's location and SALUTE are flattened into columns). A received op is checked
 * field by field against these before it is applied, so another console's op can never store a
 * value this console's own forms would refuse (`status: "pwned"`, `lat: "not-a-number"`).
 * A field with no schema here is refused: an op may only set what this version knows.
 */
type FieldSchemas = Readonly<Record<string, z.ZodType>>;

const nullableText = z.string().max(4000).nullable();
const anyJson = z.unknown();

const INCIDENT_FIELDS: FieldSchemas = {
  ...omit(IncidentSchema.shape, ['id', 'location', 'salute']),
  locationText: LocationSchema.shape.text,
  streetText: LocationSchema.shape.streetText,
  lat: LocationSchema.shape.lat,
  lon: LocationSchema.shape.lon,
  precision: LocationSchema.shape.precision,
  town: LocationSchema.shape.town,
  ...SaluteSchema.shape,
  teamPlan: anyJson,
};

const RESPONDER_FIELDS: FieldSchemas = {
  ...ResponderFieldsSchema.shape,
  createdAt: IncidentSchema.shape.createdAt,
  updatedAt: IncidentSchema.shape.updatedAt,
};

const ACTIVITY_FIELDS: FieldSchemas = {
  struckAt: IncidentSchema.shape.closedAt,
  struckBy: z.string().max(80).nullable(),
  correction: nullableText,
};

const SETTING_FIELDS: FieldSchemas = {
  value: anyJson,
  updatedAt: IncidentSchema.shape.updatedAt,
};

const RESPONDER_LINK_FIELDS: FieldSchemas = {
  ...omit(ResponderLinkSchema.shape, ['linkId', 'url', 'live']),
  linkKey: z.string().min(1).max(200),
  sealedEnvelope: z.string().max(500_000),
  updatedAt: IncidentSchema.shape.updatedAt,
};

export const FIELD_SCHEMAS: Record<EntityName, FieldSchemas> = {
  incident: INCIDENT_FIELDS,
  responder: RESPONDER_FIELDS,
  assignment: omit(AssignmentSchema.shape, ['id']),
  timing: omit(TimingSchema.shape, ['id']),
  shift: {
    ...omit(ShiftSchema.shape, ['id', 'handoffBrief']),
    handoffBrief: anyJson,
    createdAt: IncidentSchema.shape.createdAt,
    updatedAt: IncidentSchema.shape.updatedAt,
  },
  setting: SETTING_FIELDS,
  activity: ACTIVITY_FIELDS,
  responderLink: RESPONDER_LINK_FIELDS,
};

/**
 * Each field's schema compiled to a plain acceptor (./fast-accept.ts): a catch-up checks every
 * field of tens of thousands of ops, and most values need only a typeof and a comparison. A
 * field the acceptor does not vouch for (or cannot compile) is parsed by its zod schema, which
 * then has the last word and the message.
 */
export const FIELD_ACCEPTORS: Record<
  EntityName,
  Readonly<Record<string, Acceptor | null>>
> = Object.fromEntries(
  Object.entries(FIELD_SCHEMAS).map(([entity, schemas]) => [
    entity,
    Object.fromEntries(
      Object.entries(schemas).map(([field, schema]) => [
        field,
        entity === 'setting' && field === 'value'
          ? null
          : compileAcceptor(schema, ACCEPTOR_OPTIONS),
      ]),
    ),
  ]),
) as Record<EntityName, Readonly<Record<string, Acceptor | null>>>;

/**
 * Why one change of a received op cannot be applied, or null when every value fits. Field names
 * come from another console: they are looked up as own properties only, so `constructor` or
 * `__proto__` is an unknown field like any other, never something inherited.
 */
export function fieldProblem(
  entity: EntityName,
  id: string,
  fields: Readonly<Record<string, unknown>>,
): string | null {
  const schemas = FIELD_SCHEMAS[entity];
  const acceptors = FIELD_ACCEPTORS[entity];
  for (const field of Object.keys(fields)) {
    if (!Object.hasOwn(schemas, field))
      return `${entity}.${field} is not a field this console knows`;
    const value = fields[field];
    if (acceptors[field]?.(value)) continue;
    const schema = entity === 'setting' && field === 'value' ? settingSchema(id) : schemas[field]!;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return `${entity}.${field}: ${parsed.error.issues[0]?.message ?? 'not a valid value'}`;
    }
  }
  return null;
}

/** Why a change's set deltas cannot be applied: each added element must fit its field. */
export function setsProblem(entity: EntityName, sets: OpChange['sets']): string | null {
  if (!sets) return null;
  for (const [field, delta] of Object.entries(sets)) {
    const setFields = SET_FIELDS[entity];
    if (!setFields || !Object.hasOwn(setFields, field))
      return `${entity}.${field} is not a set field`;
    const schema = FIELD_SCHEMAS[entity][field]!;
    const accept = FIELD_ACCEPTORS[entity][field];
    for (const element of delta.add) {
      if (accept?.([element])) continue;
      const parsed = schema.safeParse([element]);
      if (!parsed.success)
        return `${entity}.${field}: ${parsed.error.issues[0]?.message ?? 'not a valid value'}`;
    }
  }
  return null;
}

/** A network setting's value schema; the session row (this console's own name) is free text. */
function settingSchema(key: string): z.ZodType {
  if (key === 'session') return anyJson;
  const shape = SettingsSchema.shape as Record<string, z.ZodType>;
  return Object.hasOwn(shape, key) ? shape[key]! : UNKNOWN_SETTING;
}
const UNKNOWN_SETTING = z.never({ message: 'not a setting this console knows' });

function omit<T extends Record<string, z.ZodType>>(
  shape: T,
  keys: readonly string[],
): FieldSchemas {
  return Object.fromEntries(Object.entries(shape).filter(([k]) => !keys.includes(k)));
}
