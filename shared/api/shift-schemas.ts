/**
 * API shapes for rally briefings, shifts, hand-off briefs and shift metrics. The types
 * mirror the pure builders in shared/briefing and shared/shifts; the contract validates with these.
 */
import { z } from 'zod';
import {
  ASSIGNMENT_STATUSES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  RESPONDER_ROLES,
} from '../domain/vocabulary';
import { Id, IsoTime, TIMING_KINDS } from './schemas';
import { MISSING_CODES } from '../briefing/content';
import {
  ENTERED_PIN_PATTERN,
  NEW_PIN_MESSAGE,
  NEW_PIN_PATTERN,
  PIN_MAX_DIGITS,
  PIN_MIN_DIGITS,
} from '../shifts/pin-rules';
import { wordedPattern } from './validation-errors';

export const PaperSchema = z.enum(['letter', 'a4']);
export const PageLanguagesSchema = z
  .array(z.enum(['en', 'es']))
  .min(1, 'Choose at least one language')
  .max(2)
  .refine((l) => new Set(l).size === l.length, {
    message: 'Each language once',
    params: { kind: 'fieldError.languageOnce' },
  });

/** A PIN being set (shared/shifts/pin-rules). The backend stores only a memory-hard hash. */
export const NewPinSchema = z.string().regex(NEW_PIN_PATTERN, NEW_PIN_MESSAGE);
/** A PIN typed to sign on or unlock: PINs set under the older 4-digit rule still pass. */
export const EnteredPinSchema = z.string().regex(
  wordedPattern(ENTERED_PIN_PATTERN, 'fieldError.newPin', {
    min: PIN_MIN_DIGITS,
    max: PIN_MAX_DIGITS,
  }),
  NEW_PIN_MESSAGE,
);
/** Proof for taking over a locked console (verified by the backend, never stored). */
export const ConsolePassphraseSchema = z.string().min(1).max(1024);
export const DispatcherNameSchema = z.string().trim().min(1, 'Name is required').max(60);

export const BriefingOutputSchema = z.object({
  html: z.string(),
  fragment: z.string(),
  title: z.string(),
  missing: z.array(z.enum(MISSING_CODES)),
});

export const IntervalStatsSchema = z.object({
  kind: z.enum(TIMING_KINDS),
  count: z.number().int().min(0),
  p50Ms: z.number().nullable(),
  p90Ms: z.number().nullable(),
  withinTarget: z.number().nullable(),
  meetsTarget: z.boolean().nullable(),
});
export const ShiftMetricsSchema = z.object({
  from: IsoTime,
  to: IsoTime,
  targetMs: z.number(),
  intervals: z.array(IntervalStatsSchema),
});

const HandoffIncidentSchema = z.object({
  id: z.string(),
  ref: z.string(),
  type: z.enum(INCIDENT_TYPES),
  status: z.enum(INCIDENT_STATUSES),
  place: z.string(),
  ageMs: z.number(),
  statusAgeMs: z.number(),
});
export const HandoffBriefSchema = z.object({
  shiftId: z.string(),
  dispatcherName: z.string(),
  startedAt: IsoTime,
  endedAt: IsoTime,
  notes: z.string(),
  openIncidents: z.array(HandoffIncidentSchema),
  pendingVerifications: z.array(HandoffIncidentSchema.extend({ overdue: z.boolean() })),
  respondersOut: z.array(
    z.object({
      assignmentId: z.string(),
      incidentId: z.string(),
      ref: z.string(),
      place: z.string(),
      name: z.string(),
      role: z.enum(RESPONDER_ROLES),
      status: z.enum(ASSIGNMENT_STATUSES),
      sinceCheckInMs: z.number(),
      overdue: z.boolean(),
    }),
  ),
  staleProposals: z.array(
    z.object({
      assignmentId: z.string(),
      incidentId: z.string(),
      ref: z.string(),
      place: z.string(),
      name: z.string(),
      role: z.enum(RESPONDER_ROLES),
      proposedForMs: z.number(),
    }),
  ),
  followUps: z.array(HandoffIncidentSchema),
  attention: z.array(
    z.object({
      kind: z.enum(['verification_overdue', 'checkin_overdue', 'proposal_stale']),
      incidentId: z.string(),
      what: z.string(),
    }),
  ),
  metrics: ShiftMetricsSchema,
});
export type HandoffBriefView = z.output<typeof HandoffBriefSchema>;

export const ShiftSchema = z.object({
  id: Id,
  dispatcherName: z.string(),
  deviceId: z.string(),
  startedAt: IsoTime,
  endedAt: IsoTime.nullable(),
  endedBy: z.string().nullable(),
  notes: z.string(),
  handoffBrief: HandoffBriefSchema.nullable(),
  acknowledgedAt: IsoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  handoffFromShiftId: z.string().nullable(),
});
export type Shift = z.output<typeof ShiftSchema>;

export const ShiftStateSchema = z.object({
  /** The open shift on this console, if anyone is signed on. */
  shift: ShiftSchema.nullable(),
  /** The console is behind the idle lock (the renderer hides the map and lists). */
  locked: z.boolean(),
  /** Names with a PIN on this console (for the sign-on list). */
  dispatchers: z.array(z.string()),
  /** The latest hand-off brief on this console that nobody acknowledged yet. */
  pendingHandoff: ShiftSchema.nullable(),
});
export type ShiftState = z.output<typeof ShiftStateSchema>;

export const EndShiftOutputSchema = z.object({ shift: ShiftSchema, brief: HandoffBriefSchema });
