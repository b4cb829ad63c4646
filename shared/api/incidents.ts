import { z } from 'zod';
import { op } from './operation';
import { patchOf } from './patch';
import {
  ActivityEntrySchema,
  AssignmentSchema,
  Id,
  CallbackPhoneSchema,
  IncidentFieldsSchema,
  IncidentSchema,
  IsoTime,
  TimingSchema,
} from './schemas';
import { IdempotencyKey } from './idempotency';
import { INCIDENT_STATUSES, INCIDENT_TYPES } from '../domain/vocabulary';

export const IncidentSummarySchema = IncidentSchema;
export const MergeCandidateSchema = z.object({
  incident: IncidentSchema,
  distanceMeters: z.number(),
  /** 'same_town': either point is a town or village point, so the metres mean nothing. */
  distanceKind: z.enum(['measured', 'same_town', 'approximate']),
  minutesApart: z.number(),
});
export type MergeCandidateView = z.output<typeof MergeCandidateSchema>;
export const IncidentDetailSchema = z.object({
  incident: IncidentSchema,
  timeline: z.array(ActivityEntrySchema),
  assignments: z.array(AssignmentSchema),
  mergedReports: z.array(IncidentSchema),
});
export type IncidentDetail = z.output<typeof IncidentDetailSchema>;

export const ListIncidentsInput = z.strictObject({
  scope: z.enum(['open', 'history', 'all']).default('open'),
  query: z.string().trim().max(100).default(''),
  statuses: z.array(z.enum(INCIDENT_STATUSES)).max(INCIDENT_STATUSES.length).default([]),
  types: z.array(z.enum(INCIDENT_TYPES)).max(INCIDENT_TYPES.length).default([]),
  town: z.string().trim().max(80).default(''),
  /** Up to 20,000: the map shows every open incident of a statewide network. */
  limit: z.number().int().min(1).max(20_000).default(500),
  /** Only these incidents (those that match the rest of the filter): a change patched in place. */
  ids: z.array(Id).max(500).optional(),
});

/** What the board shows: scope, search and filters, without a length. */
export const BoardFilterInput = ListIncidentsInput.omit({ limit: true, ids: true });

/** One page of the board in its order (open: by urgency; history: newest first). */
export const IncidentPageSchema = z.object({
  /** Every incident the filter matches, however many pages that is. */
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(IncidentSummarySchema),
});
export type IncidentPage = z.output<typeof IncidentPageSchema>;

/** The fields a dispatcher types, with the callback number checked like the roster's phones. */
const EnteredIncidentFields = IncidentFieldsSchema.extend({ reporterPhone: CallbackPhoneSchema });

export const CreateIncidentInput = EnteredIncidentFields.extend({
  /** When the hotline call was answered (the intake form opened); defaults to now. */
  callReceivedAt: IsoTime.optional(),
  idempotencyKey: IdempotencyKey,
}).strict();

/** Incidents: intake, the board, the status workflow, merges and the timeline. */
export const incidentOperations = {
  listIncidents: op(
    ListIncidentsInput,
    z.array(IncidentSummarySchema),
    'Incidents for the board or history.',
  ),
  listIncidentPage: op(
    BoardFilterInput.extend({
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    IncidentPageSchema,
    'One page of the board in its order, with the total the filter matches.',
  ),
  countIncidents: op(
    BoardFilterInput,
    z.object({ total: z.number().int() }),
    'How many incidents the filter matches (the status bar: every open one).',
  ),
  locateIncident: op(
    BoardFilterInput.extend({ id: Id }),
    z.object({ index: z.number().int().nullable() }),
    "Where an incident sits in the board's order (null: the filter does not show it).",
  ),
  getIncident: op(
    z.strictObject({ id: Id }),
    IncidentDetailSchema,
    'One incident with its timeline.',
  ),
  createIncident: op(CreateIncidentInput, IncidentSchema, 'Saves a new incident from intake.'),
  updateIncident: op(
    z.strictObject({ id: Id, changes: patchOf(EnteredIncidentFields) }),
    IncidentSchema,
    'Edits the details of an incident (not its status).',
  ),
  transitionIncident: op(
    z.strictObject({
      id: Id,
      to: z.enum(INCIDENT_STATUSES),
      /** The status the dispatcher saw; a different current status means the board was stale. */
      expectedFrom: z.enum(INCIDENT_STATUSES).optional(),
      /** For a verification outcome: the verifier who reported back. */
      verifiedBy: z.string().trim().max(80).optional(),
      note: z.string().trim().max(2000).optional(),
    }),
    IncidentSchema,
    'Moves an incident through the status workflow; refuses steps the workflow does not allow.',
  ),
  addIncidentNote: op(
    z.strictObject({
      incidentId: Id,
      text: z.string().trim().min(1, 'Write the note first').max(2000),
      idempotencyKey: IdempotencyKey,
    }),
    ActivityEntrySchema,
    'Appends a note to the incident timeline.',
  ),
  correctActivity: op(
    z.strictObject({
      entryId: Id,
      correction: z.string().trim().min(1, 'Say what was wrong').max(2000),
    }),
    ActivityEntrySchema,
    'Strikes through a timeline entry with the correction; nothing is erased.',
  ),
  findMergeCandidates: op(
    z.strictObject({ incidentId: Id }),
    z.array(MergeCandidateSchema),
    'Open incidents close enough in space and time to be the same event.',
  ),
  mergeIncidents: op(
    z.strictObject({ intoId: Id, reportId: Id }),
    IncidentSchema,
    'Merges a duplicate report into an incident; every report is kept.',
  ),
  splitIncident: op(
    z.strictObject({ reportId: Id }),
    IncidentSchema,
    'Splits a merged report back out into an incident of its own.',
  ),
  listTimings: op(
    z.strictObject({ since: IsoTime.optional(), until: IsoTime.optional() }),
    z.array(TimingSchema),
    'Measured dispatch intervals, for shift metrics.',
  ),
  listActivity: op(
    z.strictObject({
      incidentId: Id.optional(),
      entityId: Id.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    z.array(ActivityEntrySchema),
    'The append-only activity log, newest first.',
  ),
} as const;
