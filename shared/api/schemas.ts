import { z } from 'zod';
import { normalizePhone } from '../roster/normalize';
import {
  AGENCIES,
  ASSIGNMENT_STATUSES,
  DECLINE_REASONS,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  LOCATION_PRECISIONS,
  RESPONDER_ROLES,
  TRAININGS,
  TRIAGE_LEVELS,
  VERIFICATION_OUTCOMES,
  WEEKDAYS,
} from '../domain/vocabulary';
import { SettingsSchema } from '../domain/settings';
import { LanguageTagSchema } from '../domain/languages';
import { wordedPattern } from './validation-errors';

/** Shared field schemas. Limits are generous for real use and small enough to refuse junk. */
export const Id = z.uuid({ message: 'Not a valid id' });
export const IsoTime = z.iso.datetime({ offset: true, message: 'Not a valid date and time' });
export const IsoDate = z.iso.date({ message: 'Not a valid date (YYYY-MM-DD)' });
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const requiredText = (max: number, what: string) =>
  z.string().trim().min(1, `${what} is required`).max(max, `At most ${max} characters`);

export const Latitude = z.number().min(-90).max(90);
export const Longitude = z.number().min(-180).max(180);

export const LocationSchema = z.object({
  text: requiredText(200, 'Location'),
  streetText: text(200).nullable().default(null),
  lat: Latitude,
  lon: Longitude,
  precision: z.enum(LOCATION_PRECISIONS),
  town: text(80).nullable().default(null),
});
export type Location = z.output<typeof LocationSchema>;

// ---------- responders ----------
export const PhoneSchema = z.object({
  e164: z
    .string()
    .regex(
      wordedPattern(/^\+[1-9]\d{6,14}$/, 'fieldError.format.phone'),
      'Phone must be in E.164 form, e.g. +14135550123',
    ),
  original: text(40),
  label: text(20).default(''),
  /** True when the person opted out of text messages at this number (call only). */
  noTexts: z.boolean().optional(),
});
export const TrainingRecordSchema = z.object({
  kind: z.enum(TRAININGS),
  /** Null when the person says they were trained but the date is not known. */
  completedOn: IsoDate.nullable(),
  expiresOn: IsoDate.nullable().default(null),
});
export const AvailabilityWindowSchema = z
  .object({
    day: z.enum(WEEKDAYS),
    start: z
      .string()
      .regex(
        wordedPattern(/^([01]\d|2[0-3]):[0-5]\d$/, 'fieldError.format.time'),
        'Time must be HH:MM',
      ),
    end: z
      .string()
      .regex(
        wordedPattern(/^([01]\d|2[0-4]):[0-5]\d$/, 'fieldError.format.time'),
        'Time must be HH:MM',
      ),
  })
  .refine((w) => w.start < w.end, {
    message: 'A window must end after it starts',
    path: ['end'],
    params: { kind: 'fieldError.windowOrder' },
  });

export const ResponderFieldsSchema = z.object({
  name: requiredText(80, 'Name'),
  phones: z.array(PhoneSchema).max(4).default([]),
  languages: z.array(LanguageTagSchema).min(1, 'At least one language').max(8),
  roles: z.array(z.enum(RESPONDER_ROLES)).max(RESPONDER_ROLES.length).default([]),
  trainings: z.array(TrainingRecordSchema).max(20).default([]),
  homeTown: requiredText(80, 'Home town'),
  homeLat: Latitude,
  homeLon: Longitude,
  availability: z.array(AvailabilityWindowSchema).max(50).default([]),
  onCall: z.boolean().default(false),
  hasCar: z.boolean().default(false),
  maxTravelMinutes: z.number().int().min(5).max(240).default(30),
  avoidEnforcementScenes: z.boolean().default(false),
  notes: text(1000).default(''),
  active: z.boolean().default(true),
});
export const ResponderSchema = ResponderFieldsSchema.extend({
  id: Id,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Responder = z.output<typeof ResponderSchema>;
export type ResponderFields = z.output<typeof ResponderFieldsSchema>;

// ---------- incidents ----------
export const SaluteSchema = z.object({
  agentsCount: z.number().int().min(0).max(500).nullable().default(null),
  vehiclesCount: z.number().int().min(0).max(200).nullable().default(null),
  activity: text(500).default(''),
  agency: z.enum(AGENCIES).default('unknown'),
  timeSeen: IsoTime.nullable().default(null),
  equipment: text(300).default(''),
});

/**
 * What intake and edits accept as the callback number: empty, or a number the roster would
 * accept (a callback must be dialable). Stored incidents are not re-checked.
 */
export const CallbackPhoneSchema = text(40)
  .refine((v) => v === '' || normalizePhone(v).ok, {
    message: 'Enter a callback number like (413) 555-0123, or leave it empty',
    params: { kind: 'fieldError.callbackPhone' },
  })
  .default('');

export const IncidentFieldsSchema = z.object({
  type: z.enum(INCIDENT_TYPES),
  triage: z.enum(TRIAGE_LEVELS),
  location: LocationSchema,
  salute: SaluteSchema.default(SaluteSchema.parse({})),
  vehiclesPlates: text(300).default(''),
  affectedAdults: z.number().int().min(0).max(500).default(0),
  affectedChildren: z.number().int().min(0).max(500).default(0),
  /** First names at most: the schema refuses anything longer than a short list of words. */
  affectedFirstNames: text(120).default(''),
  language: LanguageTagSchema.default('es'),
  description: text(4000).default(''),
  reporterName: text(80).default(''),
  reporterPhone: text(40).default(''),
  outsideRegionReason: text(300).nullable().default(null),
});
export type IncidentFields = z.output<typeof IncidentFieldsSchema>;

export const IncidentSchema = IncidentFieldsSchema.extend({
  id: Id,
  status: z.enum(INCIDENT_STATUSES),
  statusChangedAt: IsoTime,
  verificationOutcome: z.enum(VERIFICATION_OUTCOMES).nullable(),
  verifiedBy: z.string().nullable(),
  verifiedAt: IsoTime.nullable(),
  mergedIntoId: Id.nullable(),
  /** Set while on hold: the status to return to. */
  heldFromStatus: z.enum(INCIDENT_STATUSES).nullable(),
  reportCount: z.number().int().min(1),
  reporterPurgedAt: IsoTime.nullable(),
  callReceivedAt: IsoTime,
  createdAt: IsoTime,
  createdBy: z.string(),
  updatedAt: IsoTime,
  closedAt: IsoTime.nullable(),
});
export type Incident = z.output<typeof IncidentSchema>;

export const TIMING_KINDS = [
  'call_to_saved',
  'saved_to_verified',
  'verified_to_assigned',
  'notified_to_accepted',
] as const;
export const TimingSchema = z.object({
  id: Id,
  incidentId: Id,
  kind: z.enum(TIMING_KINDS),
  startedAt: IsoTime,
  endedAt: IsoTime,
  durationMs: z.number().int().min(0),
  actor: z.string(),
});
export type Timing = z.output<typeof TimingSchema>;

// ---------- assignments ----------
export const AssignmentSchema = z.object({
  id: Id,
  incidentId: Id,
  responderId: Id,
  role: z.enum(RESPONDER_ROLES),
  status: z.enum(ASSIGNMENT_STATUSES),
  statusChangedAt: IsoTime,
  etaAt: IsoTime.nullable(),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  overrideReason: z.string().nullable(),
  lastCheckInAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Assignment = z.output<typeof AssignmentSchema>;

// ---------- activity log ----------
export const ActivityEntrySchema = z.object({
  id: Id,
  at: IsoTime,
  actor: z.string(),
  deviceId: z.string(),
  kind: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  entity: z.string(),
  entityId: z.string(),
  incidentId: z.string().nullable(),
  struckAt: IsoTime.nullable(),
  struckBy: z.string().nullable(),
  correction: z.string().nullable(),
});
export type ActivityEntry = z.output<typeof ActivityEntrySchema>;

export { SettingsSchema };
