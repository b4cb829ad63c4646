import { z } from 'zod';
import type { ApiResult } from './result';
import { patchOf } from './patch';
import {
  AdvanceAssignmentInput,
  AdvanceAssignmentOutput,
  AlertTextSchema,
  AssignmentViewSchema,
  CreateAssignmentInput,
  ResponderBoardSchema,
} from './assignments';
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
import {
  CommitRosterImportInput,
  CommitRosterImportOutput,
  ExportRosterOutput,
  MatchCandidatesInput,
  MatchCandidatesOutput,
  PlanRosterImportInput,
  RosterImportPlanSchema,
  UndoImportMergeInput,
  UndoImportMergeOutput,
  SuggestTeamOutput,
  TeamPlanView,
  UpdateTeamPlanInput,
} from './roster-matching';
import {
  BriefingOutputSchema,
  DispatcherNameSchema,
  EndShiftOutputSchema,
  HandoffBriefSchema,
  PageLanguagesSchema,
  PaperSchema,
  PinSchema,
  ShiftMetricsSchema,
  ShiftSchema,
  ShiftStateSchema,
} from './shift-schemas';

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
  /** Only people whose notes hold an import review line (⚑): the "needs review" list. */
  needsReview: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(1000),
});

/** Relay sync (issue 6): what getSyncStatus and the sync operations return. */
export const SyncStatusSchema = z.object({
  configured: z.boolean(),
  relayUrl: z.string().nullable(),
  network: z.string().nullable(),
  relay: RelayStateSchema,
  /** How far this console has applied the relay's log. */
  lastSeq: z.number().int().min(0),
  /** Received changes not applied yet (clock too far ahead, record not received yet, ...). */
  waitingOps: z.array(
    z.object({
      opId: z.string(),
      reason: z.enum(['clock_drift', 'missing_record', 'rejected']),
      detail: z.string(),
      receivedAt: z.string(),
    }),
  ),
  waitingOpsCount: z.number().int().min(0),
  openConflicts: z.number().int().min(0),
  /** The latest problems (newest last): tampered or undecryptable changes, relay errors. */
  problems: z.array(z.object({ at: z.string(), code: z.string(), message: z.string() })),
  counters: z.object({
    applied: z.number().int(),
    duplicates: z.number().int(),
    parked: z.number().int(),
    undecryptable: z.number().int(),
    pushed: z.number().int(),
    conflicts: z.number().int(),
  }),
});
export type SyncStatus = z.output<typeof SyncStatusSchema>;

export const ConflictVersionSchema = z.object({
  opId: z.string(),
  deviceId: z.string(),
  actor: z.string(),
  at: z.string(),
  hlc: z.string(),
  value: z.string().nullable(),
  verifiedBy: z.string().nullable().optional(),
  assignmentId: z.string().optional(),
  incidentId: z.string().optional(),
  role: z.string().nullable().optional(),
  kept: z.boolean().optional(),
});
export const ConflictSchema = z.object({
  id: Id,
  kind: z.enum(['double_assignment', 'verification_outcome']),
  incidentId: Id,
  otherIncidentId: Id.nullable(),
  responderId: Id.nullable(),
  versions: z.array(ConflictVersionSchema),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type ConflictView = z.output<typeof ConflictSchema>;

export const JoinNetworkInput = z.strictObject({
  relayUrl: z
    .string()
    .trim()
    .max(300)
    .regex(
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i,
      'Relay address must start with http:// or https://',
    ),
  network: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Network names are 1-64 letters, digits, . _ or -'),
  passphrase: z.string().min(10, 'Use a passphrase of at least 10 characters').max(500),
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
  joinNetwork: op(
    JoinNetworkInput,
    SyncStatusSchema,
    'Joins a relay network: derives the keys from the passphrase (which is not stored) and starts syncing.',
  ),
  leaveNetwork: op(
    Empty,
    SyncStatusSchema,
    'Stops syncing and forgets the relay settings and key.',
  ),
  getSyncStatus: op(
    Empty,
    SyncStatusSchema,
    'Relay connection, queue, waiting changes and problems.',
  ),
  listConflicts: op(
    z.strictObject({ incidentId: Id.optional(), includeResolved: z.boolean().default(false) }),
    z.array(ConflictSchema),
    'Sync conflicts people must look at (double assignments, differing verification outcomes).',
  ),
  resolveConflict: op(
    z.strictObject({ id: Id, note: z.string().trim().min(1, 'Say how it was resolved').max(2000) }),
    ConflictSchema,
    'Marks a sync conflict resolved with a note, on every console.',
  ),

  planRosterImport: op(
    PlanRosterImportInput,
    RosterImportPlanSchema,
    'Dry run of a roster CSV import: column mapping, rows to add, likely duplicates, problem rows by line. Writes nothing.',
  ),
  commitRosterImport: op(
    CommitRosterImportInput,
    CommitRosterImportOutput,
    'Imports the good rows of a roster CSV in one transaction; duplicates merged or skipped per line.',
  ),
  undoImportMerge: op(
    UndoImportMergeInput,
    UndoImportMergeOutput,
    'Undoes one merge of an import: the responder goes back to how it was, the merged row is added as its own person.',
  ),
  exportRoster: op(
    Empty,
    ExportRosterOutput,
    'The whole roster as CSV in the columns import reads.',
  ),
  matchCandidates: op(
    MatchCandidatesInput,
    MatchCandidatesOutput,
    'Ranked candidates for one role at an incident, with explanations; busy and off-duty people apart.',
  ),
  createAssignment: op(
    CreateAssignmentInput,
    AssignmentViewSchema,
    'Assigns a responder to an incident (drag or keyboard). Guards need an override reason.',
  ),
  advanceAssignment: op(
    AdvanceAssignmentInput,
    AdvanceAssignmentOutput,
    'One step of the assignment lifecycle; a decline offers the next candidate.',
  ),
  logCheckIn: op(
    z.strictObject({ id: Id, note: z.string().trim().max(500).optional() }),
    AssignmentViewSchema,
    'Records that a responder in the field checked in.',
  ),
  undoLastAssignmentAction: op(
    z.strictObject({}),
    z.object({ undone: z.string() }),
    "Reverses this console's last assignment action with a compensating change.",
  ),
  listAssignments: op(
    z.strictObject({ incidentId: Id.optional(), activeOnly: z.boolean().default(false) }),
    z.array(AssignmentViewSchema),
    'Assignments, newest first, with names and overdue check-in flags.',
  ),
  getResponderBoard: op(
    z.strictObject({}),
    ResponderBoardSchema,
    'Everyone active today grouped by status, with incident, role and time in status.',
  ),
  getAlertText: op(
    z.strictObject({ assignmentId: Id }),
    AlertTextSchema,
    "A ready-to-send alert in the responder's language.",
  ),
  suggestTeam: op(
    z.strictObject({ incidentId: Id }),
    SuggestTeamOutput,
    "Fills the incident's team plan with the best distinct candidates; says which slots could not be filled and why.",
  ),
  getTeamPlan: op(
    z.strictObject({ incidentId: Id }),
    TeamPlanView,
    "The incident's team plan (saved, or the default for its type and triage).",
  ),
  updateTeamPlan: op(
    UpdateTeamPlanInput,
    TeamPlanView,
    "Edits the incident's team plan; null slots go back to the default.",
  ),

  // ---- Rally briefings and dispatch shifts (issue 7) ----
  getBriefing: op(
    z.strictObject({
      incidentId: Id,
      paper: PaperSchema.default('letter'),
      languages: PageLanguagesSchema.default(['en', 'es']),
      /** A public meeting place chosen by the dispatcher, printed instead of the block. */
      meetingPlace: z.string().trim().max(120).optional(),
    }),
    BriefingOutputSchema,
    'The one-page rally briefing for an incident (self-contained HTML) and what it is missing.',
  ),
  getShiftState: op(
    Empty,
    ShiftStateSchema,
    'Who is on shift at this console, whether it is locked, and any unacknowledged hand-off.',
  ),
  signOn: op(
    z.strictObject({
      name: DispatcherNameSchema,
      pin: PinSchema,
      /** First sign-on on this console: registers the name with this PIN. */
      newDispatcher: z.boolean().default(false),
      /** Ends a shift still open on this console (its brief is written automatically). */
      takeOver: z.boolean().default(false),
    }),
    ShiftStateSchema,
    'Signs a dispatcher on with name and PIN (rate-limited) and starts their shift.',
  ),
  previewHandoff: op(
    z.strictObject({ notes: z.string().trim().max(2000).default('') }),
    HandoffBriefSchema,
    'The hand-off brief that ending the shift now would write (nothing is stored).',
  ),
  endShift: op(
    z.strictObject({
      notes: z.string().trim().max(2000).default(''),
      /** Required when the brief has items needing attention (overdue verifications, check-ins). */
      confirmAttention: z.boolean().default(false),
    }),
    EndShiftOutputSchema,
    'Ends the shift on this console and writes the automatic hand-off brief.',
  ),
  acknowledgeHandoff: op(
    z.strictObject({ shiftId: Id }),
    ShiftSchema,
    'The arriving dispatcher acknowledges a hand-off brief (recorded).',
  ),
  lockConsole: op(Empty, ShiftStateSchema, 'Locks the console behind the PIN (idle lock).'),
  unlockConsole: op(
    z.strictObject({ pin: z.string().max(8) }),
    ShiftStateSchema,
    "Unlocks the console with the on-shift dispatcher's PIN (rate-limited).",
  ),
  getShiftMetrics: op(
    z.strictObject({ shiftId: Id.optional() }),
    ShiftMetricsSchema,
    'p50/p90 of the four dispatch intervals in a shift (the open one by default) vs the 60 s target.',
  ),
  getHandoffBriefPage: op(
    z.strictObject({
      shiftId: Id,
      paper: PaperSchema.default('letter'),
      locale: z.enum(['en', 'es']).default('en'),
    }),
    BriefingOutputSchema.omit({ missing: true }),
    'A hand-off brief as a printable page (self-contained HTML).',
  ),
  listShifts: op(
    z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    z.array(ShiftSchema),
    'Recent shifts on every console, newest first.',
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
