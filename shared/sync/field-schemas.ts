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

const FIELD_SCHEMAS: Record<EntityName, FieldSchemas> = {
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

/** Why one change of a received op cannot be applied, or null when every value fits. */
export function fieldProblem(
  entity: EntityName,
  id: string,
  fields: Readonly<Record<string, unknown>>,
): string | null {
  const schemas = FIELD_SCHEMAS[entity];
  for (const [field, value] of Object.entries(fields)) {
    const schema = entity === 'setting' && field === 'value' ? settingSchema(id) : schemas[field];
    if (!schema) return `${entity}.${field} is not a field this console knows`;
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
    if (!SET_FIELDS[entity]?.[field]) return `${entity}.${field} is not a set field`;
    const schema = FIELD_SCHEMAS[entity][field]!;
    for (const element of delta.add) {
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
  return (SettingsSchema.shape as Record<string, z.ZodType>)[key] ?? UNKNOWN_SETTING;
}
const UNKNOWN_SETTING = z.never({ message: 'not a setting this console knows' });

function omit<T extends Record<string, z.ZodType>>(
  shape: T,
  keys: readonly string[],
): FieldSchemas {
  return Object.fromEntries(Object.entries(shape).filter(([k]) => !keys.includes(k)));
}
