import { and, between, eq, ne } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { activityLog, incidents } from '../../db/schema';
import { activityFromRow } from '../rows';
import { mutate } from '../mutation';
import { loadIncident, loadIncidents } from './queries';
import { isOpen, notMerged } from './board-query';
import { timingChange } from './timings';
import { loadSettings } from '../session/handlers';
import { runRetention } from './retention';
import { ApiFailure } from '../../shared/api/result';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { checkTransition, isVerificationOutcome } from '../../shared/domain/incident-status';
import { findMergeCandidates as nearbyReports } from '../../shared/domain/duplicates';
import type { OpChange } from '../../shared/sync/op';
import type { LocationPrecision } from '../../shared/domain/vocabulary';
import { refusal } from '../refusal';

const iso = (ms: number) => new Date(ms).toISOString();
const statusLabel = (s: string) => s.replace(/_/g, ' ');

export function transitionIncident(
  ctx: BackendContext,
  input: ApiParsedInput<'transitionIncident'>,
): ApiOutput<'transitionIncident'> {
  const incident = loadIncident(ctx, input.id);
  if (input.expectedFrom && input.expectedFrom !== incident.status) {
    throw refusal('conflict', 'error.incident.changed', {
      current: incident.status,
      expected: input.expectedFrom,
    });
  }
  if (incident.mergedIntoId) {
    throw refusal('refused', 'error.incident.merged');
  }
  const check = checkTransition(incident.status, input.to, incident.heldFromStatus);
  if (!check.ok) {
    const why =
      incident.status === input.to
        ? refusal('refused', 'error.incident.alreadyStatus', { status: input.to })
        : incident.status === 'closed'
          ? refusal('refused', 'error.incident.closedNoChange')
          : refusal('refused', 'error.incident.cannotGo', { from: incident.status, to: input.to });
    throw new ApiFailure(why.code, why.message, { to: why.message }, why.text);
  }

  const now = iso(ctx.now());
  const fields: Record<string, unknown> = {
    status: input.to,
    statusChangedAt: now,
    updatedAt: now,
  };
  const changes: OpChange[] = [];
  if (input.to === 'on_hold') fields.heldFromStatus = incident.status;
  if (incident.status === 'on_hold') fields.heldFromStatus = null;
  if (isVerificationOutcome(input.to)) {
    fields.verificationOutcome = input.to;
    fields.verifiedBy = input.verifiedBy || ctx.actor();
    fields.verifiedAt = now;
    if (!incident.verifiedAt)
      changes.push(timingChange(ctx, incident.id, 'saved_to_verified', incident.createdAt, now));
  }
  if (input.to === 'closed') fields.closedAt = now;
  changes.unshift({ entity: 'incident', id: incident.id, create: false, fields });
  // Reports merged into an incident share its fate when it closes.
  if (input.to === 'closed') {
    for (const r of ctx.db
      .select({ id: incidents.id })
      .from(incidents)
      .where(eq(incidents.mergedIntoId, incident.id))
      .all()) {
      changes.push({
        entity: 'incident',
        id: r.id,
        create: false,
        fields: { status: 'closed', statusChangedAt: now, closedAt: now, updatedAt: now },
      });
    }
  }

  const note = input.note ? ` - ${input.note}` : '';
  const verifier = isVerificationOutcome(input.to)
    ? ` (verifier: ${fields.verifiedBy as string})`
    : '';
  mutate(ctx, {
    activity: {
      kind: 'incident.status',
      message: `Status: ${statusLabel(incident.status)} -> ${statusLabel(input.to)}${verifier}${note}`,
      params: {
        from: incident.status,
        to: input.to,
        verifiedBy: (fields.verifiedBy as string) ?? null,
        note: input.note ?? null,
      },
      entity: 'incident',
      entityId: incident.id,
      incidentId: incident.id,
    },
    changes,
  });
  // Closing purges caller contact at once (its own op, so the timeline says it happened).
  if (input.to === 'closed') runRetention(ctx);
  return loadIncident(ctx, incident.id);
}

export function addIncidentNote(
  ctx: BackendContext,
  input: ApiParsedInput<'addIncidentNote'>,
): ApiOutput<'addIncidentNote'> {
  const incident = loadIncident(ctx, input.incidentId);
  const { op } = mutate(ctx, {
    activity: {
      kind: 'incident.note',
      message: input.text,
      params: { text: input.text },
      entity: 'incident',
      entityId: incident.id,
      incidentId: incident.id,
    },
    changes: [],
  });
  return activityFromRow(
    ctx.db.select().from(activityLog).where(eq(activityLog.id, op.opId)).get()!,
  );
}

export function correctActivity(
  ctx: BackendContext,
  input: ApiParsedInput<'correctActivity'>,
): ApiOutput<'correctActivity'> {
  const entry = ctx.db.select().from(activityLog).where(eq(activityLog.id, input.entryId)).get();
  if (!entry) throw refusal('not_found', 'error.notFound.timelineEntry');
  if (entry.struckAt) throw refusal('refused', 'error.timeline.alreadyCorrected');
  const now = iso(ctx.now());
  mutate(ctx, {
    activity: {
      kind: 'activity.corrected',
      message: `Correction: ${input.correction}`,
      params: { correction: input.correction, entryId: entry.id },
      entity: 'activity',
      entityId: entry.id,
      incidentId: entry.incidentId,
    },
    changes: [
      {
        entity: 'activity',
        id: entry.id,
        create: false,
        fields: { struckAt: now, struckBy: ctx.actor(), correction: input.correction },
      },
    ],
  });
  return activityFromRow(
    ctx.db.select().from(activityLog).where(eq(activityLog.id, entry.id)).get()!,
  );
}

/**
 * Metres to degrees with a margin, for a box around a point that holds every point within the
 * radius (the exact distance is measured after).
 */
function boxAround(lat: number, lon: number, radiusMeters: number) {
  const margin = 1.1;
  const dLat = (radiusMeters * margin) / 111_320;
  const dLon = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLon: lon - dLon, maxLon: lon + dLon };
}

export function findMergeCandidates(
  ctx: BackendContext,
  input: ApiParsedInput<'findMergeCandidates'>,
): ApiOutput<'findMergeCandidates'> {
  const report = loadIncident(ctx, input.incidentId);
  const settings = loadSettings(ctx);
  // Only the open incidents inside the radius's box are read, not every open one.
  const box = boxAround(report.location.lat, report.location.lon, settings.duplicateRadiusMeters);
  const near = ctx.db
    .select({
      id: incidents.id,
      lat: incidents.lat,
      lon: incidents.lon,
      callReceivedAt: incidents.callReceivedAt,
      precision: incidents.precision,
      town: incidents.town,
    })
    .from(incidents)
    .where(
      and(
        isOpen,
        notMerged,
        ne(incidents.id, report.id),
        between(incidents.lat, box.minLat, box.maxLat),
        between(incidents.lon, box.minLon, box.maxLon),
      ),
    )
    .all();
  const found = nearbyReports(
    {
      id: report.id,
      lat: report.location.lat,
      lon: report.location.lon,
      reportedAt: report.callReceivedAt,
      precision: report.location.precision,
      town: report.location.town,
    },
    near.map((r) => ({
      id: r.id,
      lat: r.lat,
      lon: r.lon,
      reportedAt: r.callReceivedAt,
      precision: r.precision as LocationPrecision,
      town: r.town,
    })),
    {
      radiusMeters: settings.duplicateRadiusMeters,
      windowMinutes: settings.duplicateWindowMinutes,
    },
  );
  const loaded = loadIncidents(
    ctx,
    found.map((c) => c.id),
  );
  return found.map((c) => ({
    incident: loaded.get(c.id)!,
    distanceMeters: c.distanceMeters,
    distanceKind: c.distanceKind,
    minutesApart: c.minutesApart,
  }));
}

export function mergeIncidents(
  ctx: BackendContext,
  input: ApiParsedInput<'mergeIncidents'>,
): ApiOutput<'mergeIncidents'> {
  if (input.intoId === input.reportId) {
    throw refusal('refused', 'error.merge.self', {}, { reportId: 'Choose a different report' });
  }
  const into = loadIncident(ctx, input.intoId);
  const report = loadIncident(ctx, input.reportId);
  if (into.mergedIntoId) throw refusal('refused', 'error.merge.intoMerged');
  if (report.mergedIntoId) throw refusal('refused', 'error.merge.alreadyMerged');
  if (into.status === 'closed' || report.status === 'closed') {
    throw refusal('refused', 'error.merge.closed');
  }
  const now = iso(ctx.now());
  // Reports already merged into the duplicate move with it, so there is one level of merging.
  const children = ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(eq(incidents.mergedIntoId, report.id))
    .all();
  const reports = 1 + children.length + into.reportCount;
  mutate(ctx, {
    activity: {
      kind: 'incident.merged',
      message: `Report merged in (now ${reports} reports): ${report.location.text}, reported ${report.callReceivedAt}`,
      params: { reportId: report.id, reports, place: report.location.text },
      entity: 'incident',
      entityId: into.id,
      incidentId: into.id,
    },
    changes: [report.id, ...children.map((c) => c.id)].map((id) => ({
      entity: 'incident' as const,
      id,
      create: false,
      fields: { mergedIntoId: into.id, updatedAt: now },
    })),
  });
  return loadIncident(ctx, into.id);
}

export function splitIncident(
  ctx: BackendContext,
  input: ApiParsedInput<'splitIncident'>,
): ApiOutput<'splitIncident'> {
  const report = loadIncident(ctx, input.reportId);
  if (!report.mergedIntoId) throw refusal('refused', 'error.merge.notMerged');
  const primaryId = report.mergedIntoId;
  mutate(ctx, {
    activity: {
      kind: 'incident.split',
      message: `Report split out again: ${report.location.text}`,
      params: { reportId: report.id, place: report.location.text },
      entity: 'incident',
      entityId: primaryId,
      incidentId: primaryId,
    },
    changes: [
      {
        entity: 'incident',
        id: report.id,
        create: false,
        fields: { mergedIntoId: null, updatedAt: iso(ctx.now()) },
      },
    ],
  });
  return loadIncident(ctx, report.id);
}
