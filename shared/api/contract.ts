import { z } from 'zod';
import type { ApiResult } from './result';
import { patchOf } from './patch';
import { API_OPERATION_NAMES, type ApiOperationName } from './operation-names';
import {
  ActivityEntrySchema,
  AssignmentSchema,
  Id,
  IncidentFieldsSchema,
  IncidentSchema,
  IsoTime,
  ResponderFieldsSchema,
  ResponderSchema,
  SettingsSchema,
  TimingSchema,
} from './schemas';
import { INCIDENT_STATUSES, INCIDENT_TYPES, RESPONDER_ROLES } from '../domain/vocabulary';

/**
 * THE contract between the renderer and the backend. The preload (Electron), the browser-mode
 * host and the backend dispatcher all derive their channels from this one table, and validate
 * every argument with its `input` schema. Adding an operation here is the only way to add one.
 */
const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) => ({
  input,
  output,
  doc,
});

const Empty = z.strictObject({});

export const IncidentSummarySchema = IncidentSchema;
export const MergeCandidateSchema = z.object({
  incident: IncidentSchema,
  distanceMeters: z.number(),
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

export const RelayStateSchema = z.object({
  state: z.enum([
    'local_only',
    'connecting',
    'connected',
    'reconnecting',
    'offline',
    'wrong_passphrase',
    'protocol_too_old',
  ]),
  pendingChanges: z.number().int().min(0),
  peers: z.array(z.string()),
});
export type RelayState = z.output<typeof RelayStateSchema>;

export const SessionSchema = z.object({
  deviceId: Id,
  dispatcherName: z.string(),
  relay: RelayStateSchema,
  settings: SettingsSchema,
  mode: z.enum(['electron', 'browser']),
});
export type Session = z.output<typeof SessionSchema>;

export const ListIncidentsInput = z.strictObject({
  scope: z.enum(['open', 'history', 'all']).default('open'),
  query: z.string().trim().max(100).default(''),
  statuses: z.array(z.enum(INCIDENT_STATUSES)).max(INCIDENT_STATUSES.length).default([]),
  types: z.array(z.enum(INCIDENT_TYPES)).max(INCIDENT_TYPES.length).default([]),
  town: z.string().trim().max(80).default(''),
  limit: z.number().int().min(1).max(1000).default(500),
});

export const CreateIncidentInput = IncidentFieldsSchema.extend({
  /** When the hotline call was answered (the intake form opened); defaults to now. */
  callReceivedAt: IsoTime.optional(),
}).strict();

export const ListRespondersInput = z.strictObject({
  query: z.string().trim().max(100).default(''),
  includeInactive: z.boolean().default(false),
  town: z.string().trim().max(80).default(''),
  role: z.enum(RESPONDER_ROLES).optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const apiContract = {
  getSession: op(
    Empty,
    SessionSchema,
    'Who is on this console, its device id, relay state and settings.',
  ),
  setDispatcherName: op(
    z.strictObject({ name: z.string().trim().min(1, 'Name is required').max(60) }),
    SessionSchema,
    'Names the dispatcher that changes on this console are attributed to.',
  ),
  updateSettings: op(patchOf(SettingsSchema), SettingsSchema, 'Changes network settings.'),

  listIncidents: op(
    ListIncidentsInput,
    z.array(IncidentSummarySchema),
    'Incidents for the board or history.',
  ),
  getIncident: op(
    z.strictObject({ id: Id }),
    IncidentDetailSchema,
    'One incident with its timeline.',
  ),
  createIncident: op(CreateIncidentInput, IncidentSchema, 'Saves a new incident from intake.'),
  updateIncident: op(
    z.strictObject({ id: Id, changes: patchOf(IncidentFieldsSchema) }),
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

  listResponders: op(ListRespondersInput, z.array(ResponderSchema), 'The roster, filtered.'),
  getResponder: op(z.strictObject({ id: Id }), ResponderSchema, 'One responder.'),
  createResponder: op(
    ResponderFieldsSchema.strict(),
    ResponderSchema,
    'Adds a responder to the roster.',
  ),
  updateResponder: op(
    z.strictObject({ id: Id, changes: patchOf(ResponderFieldsSchema) }),
    ResponderSchema,
    'Edits a responder. Deactivate with { active: false }; responders are never deleted.',
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

export type ApiContract = typeof apiContract;
export type ApiName = keyof ApiContract;
export const API_NAMES: readonly ApiName[] = API_OPERATION_NAMES;
// Compile-time check that the dependency-free name list and the contract agree both ways.
type Missing = Exclude<ApiName, ApiOperationName> | Exclude<ApiOperationName, ApiName>;
const namesMatchContract: [Missing] extends [never] ? true : Missing = true;
void namesMatchContract;
/** What a caller passes (defaults may be omitted). */
export type ApiInput<N extends ApiName> = z.input<ApiContract[N]['input']>;
/** What the handler receives after validation. */
export type ApiParsedInput<N extends ApiName> = z.output<ApiContract[N]['input']>;
export type ApiOutput<N extends ApiName> = z.output<ApiContract[N]['output']>;

/** The renderer's view of the backend: one named async function per operation. */
export type ConsoleApi = {
  [N in ApiName]: (input: ApiInput<N>) => Promise<ApiResult<ApiOutput<N>>>;
};

export function isApiName(name: unknown): name is ApiName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}
