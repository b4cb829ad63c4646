import { ftsPrefixMatch } from '../fts-match';
import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { asIncidentRef } from '../../shared/briefing/ref';
import type { BackendContext, Handlers } from '../context';
import { activityLog, assignments, incidents } from '../../db/schema';
import {
  activityFromRow,
  assignmentFromRow,
  incidentFieldsToColumns,
  incidentFromRow,
} from '../rows';
import { mutate } from '../mutation';
import { uuidv7 } from '../../shared/ids';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { isInWesternMass } from '../../shared/geo/region';
import { loadIncident, reportCounts } from './queries';
import {
  addIncidentNote,
  correctActivity,
  findMergeCandidates,
  mergeIncidents,
  splitIncident,
  transitionIncident,
} from './workflow';
import { listTimings, timingChange } from './timings';
import { inEnglish, refusal } from '../refusal';

/** A point outside the four counties is allowed only with a reason (a border case, a mistake). */
function requireInRegionOrReason(
  location: { lat: number; lon: number },
  reason: string | null | undefined,
) {
  if (isInWesternMass(location.lat, location.lon) || (reason && reason.trim())) return;
  throw refusal(
    'invalid_input',
    'error.incident.outsideRegion',
    {},
    { location: inEnglish('error.incident.outsideRegion'), outsideRegionReason: 'Reason required' },
  );
}

export function listIncidents(
  ctx: BackendContext,
  input: ApiParsedInput<'listIncidents'>,
): ApiOutput<'listIncidents'> {
  const where = [isNull(incidents.mergedIntoId)];
  if (input.scope === 'open') where.push(ne(incidents.status, 'closed'));
  if (input.scope === 'history') where.push(eq(incidents.status, 'closed'));
  if (input.statuses.length) where.push(inArray(incidents.status, input.statuses));
  if (input.types.length) where.push(inArray(incidents.type, input.types));
  if (input.town) where.push(eq(incidents.town, input.town));
  const match = ftsPrefixMatch(input.query);
  const ref = asIncidentRef(input.query);
  const searches = [
    ...(match
      ? [
          sql`${incidents}.rowid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${match})`,
        ]
      : []),
    // The short reference printed on briefings (the id's last six characters).
    ...(ref ? [sql`upper(substr(${incidents.id}, -6)) = ${ref}`] : []),
  ];
  if (searches.length) where.push(or(...searches)!);
  else if (input.query) where.push(sql`0`); // only punctuation: nothing matches
  const rows = ctx.db
    .select()
    .from(incidents)
    .where(and(...where))
    .orderBy(desc(incidents.callReceivedAt))
    .limit(input.limit)
    .all();
  const counts = reportCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => incidentFromRow(r, counts.get(r.id) ?? 1));
}

export function getIncident(
  ctx: BackendContext,
  input: ApiParsedInput<'getIncident'>,
): ApiOutput<'getIncident'> {
  const incident = loadIncident(ctx, input.id);
  const timeline = ctx.db
    .select()
    .from(activityLog)
    .where(eq(activityLog.incidentId, input.id))
    .orderBy(activityLog.hlc)
    .all()
    .map(activityFromRow);
  const team = ctx.db
    .select()
    .from(assignments)
    .where(eq(assignments.incidentId, input.id))
    .all()
    .map(assignmentFromRow);
  const merged = ctx.db
    .select()
    .from(incidents)
    .where(eq(incidents.mergedIntoId, input.id))
    .orderBy(incidents.createdAt)
    .all()
    .map((r) => incidentFromRow(r));
  return { incident, timeline, assignments: team, mergedReports: merged };
}

export function createIncident(
  ctx: BackendContext,
  input: ApiParsedInput<'createIncident'>,
): ApiOutput<'createIncident'> {
  const now = new Date(ctx.now()).toISOString();
  const { callReceivedAt, ...fields } = input;
  if (callReceivedAt && Date.parse(callReceivedAt) > ctx.now() + 60_000) {
    throw refusal(
      'invalid_input',
      'error.incident.callInFuture',
      {},
      {
        callReceivedAt: inEnglish('error.incident.callInFuture'),
      },
    );
  }
  if (fields.salute.timeSeen && Date.parse(fields.salute.timeSeen) > ctx.now() + 5 * 60_000) {
    throw refusal(
      'invalid_input',
      'error.incident.seenInFuture',
      {},
      {
        'salute.timeSeen': inEnglish('error.incident.seenInFuture'),
      },
    );
  }
  requireInRegionOrReason(fields.location, fields.outsideRegionReason);
  const id = uuidv7(ctx.now());
  const columns = {
    ...incidentFieldsToColumns(fields),
    status: 'new',
    statusChangedAt: now,
    verificationOutcome: null,
    verifiedBy: null,
    verifiedAt: null,
    reporterPurgedAt: null,
    mergedIntoId: null,
    callReceivedAt: callReceivedAt ?? now,
    createdAt: now,
    createdBy: ctx.actor(),
    updatedAt: now,
    closedAt: null,
  };
  const place = fields.location.town ?? fields.location.text;
  mutate(ctx, {
    activity: {
      kind: 'incident.created',
      message: `Incident reported: ${fields.type.replace(/_/g, ' ')} at ${place}`,
      params: { type: fields.type, place, triage: fields.triage },
      entity: 'incident',
      entityId: id,
      incidentId: id,
    },
    changes: [
      { entity: 'incident', id, create: true, fields: columns },
      timingChange(ctx, id, 'call_to_saved', columns.callReceivedAt, now),
    ],
  });
  return loadIncident(ctx, id);
}

export function updateIncident(
  ctx: BackendContext,
  input: ApiParsedInput<'updateIncident'>,
): ApiOutput<'updateIncident'> {
  const before = loadIncident(ctx, input.id);
  if (input.changes.location) {
    requireInRegionOrReason(
      input.changes.location,
      input.changes.outsideRegionReason ?? before.outsideRegionReason,
    );
  }
  const columns = incidentFieldsToColumns(input.changes);
  const changed = Object.keys(input.changes);
  mutate(ctx, {
    activity: {
      kind: 'incident.updated',
      message: `Details changed: ${changed.join(', ')}`,
      params: { fields: changed.join(', ') },
      entity: 'incident',
      entityId: before.id,
      incidentId: before.id,
    },
    changes: [
      {
        entity: 'incident',
        id: before.id,
        create: false,
        fields: { ...columns, updatedAt: new Date(ctx.now()).toISOString() },
      },
    ],
  });
  return loadIncident(ctx, before.id);
}

export const incidentHandlers = {
  listIncidents,
  getIncident,
  createIncident,
  updateIncident,
  transitionIncident,
  addIncidentNote,
  correctActivity,
  findMergeCandidates,
  mergeIncidents,
  splitIncident,
  listTimings,
} satisfies Partial<Handlers>;
