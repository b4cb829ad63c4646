import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, real, index, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * State tables. Invariants:
 * - Ids are UUIDv7 text, minted by whichever console created the record (never autoincrement).
 * - State tables change ONLY through the mutation path (backend/mutation), which in the same
 *   transaction appends an op (op_log), advances per-field clocks (field_clocks) and appends the
 *   human-readable activity entry. Times are ISO-8601 UTC strings.
 * - There is no column for immigration status or A-numbers, by design.
 */
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const bool = (name: string) => integer(name, { mode: 'boolean' });

export const responders = sqliteTable(
  'responders',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    phones:
      json<{ e164: string; original: string; label: string; noTexts?: boolean }[]>(
        'phones',
      ).notNull(),
    languages: json<string[]>('languages').notNull(),
    roles: json<string[]>('roles').notNull(),
    trainings:
      json<{ kind: string; completedOn: string | null; expiresOn: string | null }[]>(
        'trainings',
      ).notNull(),
    homeTown: text('home_town').notNull(),
    homeLat: real('home_lat').notNull(),
    homeLon: real('home_lon').notNull(),
    availability: json<{ day: string; start: string; end: string }[]>('availability').notNull(),
    onCall: bool('on_call').notNull(),
    hasCar: bool('has_car').notNull(),
    maxTravelMinutes: integer('max_travel_minutes').notNull(),
    avoidEnforcementScenes: bool('avoid_enforcement_scenes').notNull(),
    notes: text('notes').notNull(),
    active: bool('active').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('responders_town_idx').on(t.homeTown),
    index('responders_active_idx').on(t.active),
    // Covers the map's every-active-responder list: read from the index, not the wide rows.
    index('responders_map_points_idx').on(t.active, t.id, t.homeLat, t.homeLon, t.onCall),
    // The roster pages in name order (rowid breaks ties) without sorting everyone.
    index('responders_name_idx').on(t.name),
    index('responders_active_name_idx').on(t.active, t.name),
  ],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    triage: text('triage').notNull(),
    status: text('status').notNull(),
    statusChangedAt: text('status_changed_at').notNull(),
    verificationOutcome: text('verification_outcome'),
    verifiedBy: text('verified_by'),
    verifiedAt: text('verified_at'),
    locationText: text('location_text').notNull(),
    streetText: text('street_text'),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    precision: text('precision').notNull(),
    town: text('town'),
    agentsCount: integer('agents_count'),
    vehiclesCount: integer('vehicles_count'),
    activity: text('activity').notNull(),
    agency: text('agency').notNull(),
    timeSeen: text('time_seen'),
    equipment: text('equipment').notNull(),
    vehiclesPlates: text('vehicles_plates').notNull(),
    affectedAdults: integer('affected_adults').notNull(),
    affectedChildren: integer('affected_children').notNull(),
    affectedFirstNames: text('affected_first_names').notNull(),
    language: text('language').notNull(),
    description: text('description').notNull(),
    reporterName: text('reporter_name').notNull(),
    reporterPhone: text('reporter_phone').notNull(),
    reporterPurgedAt: text('reporter_purged_at'),
    outsideRegionReason: text('outside_region_reason'),
    mergedIntoId: text('merged_into_id'),
    /** The status an incident had before it went on hold, so it can return there. */
    heldFromStatus: text('held_from_status'),
    /** The dispatcher's edited team plan (shared/matching/team TeamPlan); null = the default. */
    teamPlan: json<unknown>('team_plan'),
    callReceivedAt: text('call_received_at').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [
    index('incidents_status_idx').on(t.status),
    index('incidents_created_idx').on(t.createdAt),
    index('incidents_merged_idx').on(t.mergedIntoId),
    // Open incidents newest first with what the map draws of each: the map reads every open
    // incident from these few thousand index entries instead of scanning the whole history.
    index('incidents_open_map_points_idx')
      .on(t.callReceivedAt, t.id, t.lat, t.lon, t.type, t.status, t.triage, t.locationText, t.town)
      .where(sql`status <> 'closed' AND merged_into_id IS NULL`),
  ],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull(),
    responderId: text('responder_id').notNull(),
    role: text('role').notNull(),
    status: text('status').notNull(),
    statusChangedAt: text('status_changed_at').notNull(),
    etaAt: text('eta_at'),
    declineReason: text('decline_reason'),
    overrideReason: text('override_reason'),
    lastCheckInAt: text('last_check_in_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('assignments_incident_idx').on(t.incidentId),
    index('assignments_responder_idx').on(t.responderId),
  ],
);

/**
 * Responder links (shared/links): one row per link made for an assignment. The key is synced
 * inside the E2E-encrypted op payload (every console of the network must open the answers) and
 * never leaves the network's consoles otherwise; the relay holds only the sealed envelope.
 */
export const responderLinks = sqliteTable(
  'responder_links',
  {
    id: text('id').primaryKey(),
    assignmentId: text('assignment_id').notNull(),
    incidentId: text('incident_id').notNull(),
    linkKey: text('link_key').notNull(),
    sealedEnvelope: text('sealed_envelope').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    openedAt: text('opened_at'),
    lastAnswerKind: text('last_answer_kind'),
    lastAnswerAt: text('last_answer_at'),
    lastEtaMinutes: integer('last_eta_minutes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('responder_links_assignment_idx').on(t.assignmentId)],
);

/**
 * Dispatch intervals (call received -> saved, saved -> verification outcome, ...), one row per
 * measured interval, for the per-shift 90th-percentile report against the 60 s target.
 */
export const timings = sqliteTable(
  'timings',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull(),
    kind: text('kind').notNull(),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [
    index('timings_ended_idx').on(t.endedAt),
    index('timings_incident_idx').on(t.incidentId, t.kind),
  ],
);

/** Network settings, one row per key, value as JSON. Synced like any entity. */
export const settings = sqliteTable('settings', {
  id: text('id').primaryKey(),
  value: json<unknown>('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Append-only, human-readable log: one entry per op (same id as the op). Corrections never erase:
 * they set struck_at/struck_by/correction on the old entry through an op of their own.
 */
export const activityLog = sqliteTable(
  'activity_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    deviceId: text('device_id').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    params: json<Record<string, string | number | boolean | null>>('params').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    incidentId: text('incident_id'),
    struckAt: text('struck_at'),
    struckBy: text('struck_by'),
    correction: text('correction'),
    hlc: text('hlc').notNull(),
  },
  (t) => [
    index('activity_incident_idx').on(t.incidentId, t.hlc),
    index('activity_entity_idx').on(t.entityId),
    // The sync status lists recent settings changes by kind and time on every poll.
    index('activity_kind_at_idx').on(t.kind, t.at),
  ],
);

/**
 * The operation log: every change this console made or received, self-describing and idempotent
 * to apply (keyed by op id; fields win per field by HLC). It is also the outbound sync queue:
 * local ops with relay_seq NULL have not been acknowledged by the relay yet.
 */
export const opLog = sqliteTable(
  'op_log',
  {
    opId: text('op_id').primaryKey(),
    hlc: text('hlc').notNull(),
    deviceId: text('device_id').notNull(),
    actor: text('actor').notNull(),
    /**
     * Local ops: the whole op as JSON (changes + activity), exactly as shipped to other consoles.
     * Received ops: its header only (v, opId, hlc, deviceId, actor, at); see backend/mutation.
     */
    body: json<unknown>('body').notNull(),
    origin: text('origin', { enum: ['local', 'remote'] }).notNull(),
    relaySeq: integer('relay_seq'),
    appliedAt: text('applied_at').notNull(),
  },
  (t) => [index('op_log_hlc_idx').on(t.hlc), index('op_log_unsent_idx').on(t.origin, t.relaySeq)],
);

/** Last-writer-wins bookkeeping: the HLC of the op that last set each field. */
export const fieldClocks = sqliteTable(
  'field_clocks',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId, t.field] })],
);

/** Facts about this device only (its id, its clock, who is signed on); never synced. */
export const localMeta = sqliteTable('local_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Sync conflicts that matter to people: the same responder actively assigned to two
 * incidents by two dispatchers at once, or two different verification outcomes for one incident.
 * Detected independently by every console when it applies remote ops (the id is derived from the
 * two ops, so all consoles agree on it); never synced as state. Resolving one appends a synced
 * activity entry ('sync.conflict_resolved') that marks it resolved on every console.
 */
export const conflicts = sqliteTable(
  'conflicts',
  {
    id: text('id').primaryKey(),
    kind: text('kind', {
      enum: [
        'double_assignment',
        'verification_outcome',
        'concurrent_text',
        'status_transition',
        'invariant_repair',
      ],
    }).notNull(),
    incidentId: text('incident_id').notNull(),
    /** The other incident of a double assignment. */
    otherIncidentId: text('other_incident_id'),
    responderId: text('responder_id'),
    /** Both versions: [{ opId, deviceId, actor, at, hlc, value, ... }], LWW winner first. */
    versions: json<unknown[]>('versions').notNull(),
    detectedAt: text('detected_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    index('conflicts_incident_idx').on(t.incidentId),
    index('conflicts_other_incident_idx').on(t.otherIncidentId),
  ],
);

/**
 * Remote ops received but not applied yet, so none is lost: a clock too far ahead (drift guard),
 * a change to a record this console does not have yet, or a field this version cannot store.
 * Retried after every batch and periodically; applied ops leave the table.
 */
export const syncInbox = sqliteTable('sync_inbox', {
  opId: text('op_id').primaryKey(),
  relaySeq: integer('relay_seq').notNull(),
  knownSeq: integer('known_seq').notNull(),
  body: json<unknown>('body').notNull(),
  reason: text('reason', { enum: ['clock_drift', 'missing_record', 'rejected'] }).notNull(),
  detail: text('detail').notNull(),
  receivedAt: text('received_at').notNull(),
  attempts: integer('attempts').notNull(),
});

/**
 * Dispatch shifts, synced like any entity (entity 'shift'): who was on which console
 * from when to when, the automatic hand-off brief written when the shift ended (JSON, built by
 * shared/shifts/handoff.ts; never caller data) and who acknowledged it.
 */
export const shifts = sqliteTable(
  'shifts',
  {
    id: text('id').primaryKey(),
    dispatcherName: text('dispatcher_name').notNull(),
    deviceId: text('device_id').notNull(),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    endedBy: text('ended_by'),
    notes: text('notes').notNull(),
    handoffBrief: json<unknown>('handoff_brief'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    /** The shift whose hand-off brief this one started from, if any. */
    handoffFromShiftId: text('handoff_from_shift_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('shifts_started_idx').on(t.startedAt), index('shifts_device_idx').on(t.deviceId)],
);

/**
 * Dispatcher PINs, LOCAL to this console (never in the op log, never synced): a scrypt hash with
 * its salt, and the failure counter behind the PIN rate limit. Keyed by the normalized name.
 */
export const dispatcherPins = sqliteTable('dispatcher_pins', {
  nameKey: text('name_key').primaryKey(),
  displayName: text('display_name').notNull(),
  salt: text('salt').notNull(),
  hash: text('hash').notNull(),
  failedCount: integer('failed_count').notNull(),
  lockLevel: integer('lock_level').notNull(),
  lockedUntil: text('locked_until'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});
