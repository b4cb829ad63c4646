import type { Incident, Responder, Assignment, ActivityEntry } from '../shared/api/schemas';
import type { activityLog, assignments, incidents, responders } from '../db/schema';

/** Row <-> API shape mappers. The API nests location and SALUTE; the table keeps them flat. */
type IncidentRow = typeof incidents.$inferSelect;
type ResponderRow = typeof responders.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;
type ActivityRow = typeof activityLog.$inferSelect;

export function incidentFromRow(row: IncidentRow, reportCount = 1): Incident {
  return {
    id: row.id,
    type: row.type as Incident['type'],
    triage: row.triage as Incident['triage'],
    status: row.status as Incident['status'],
    statusChangedAt: row.statusChangedAt,
    verificationOutcome: row.verificationOutcome as Incident['verificationOutcome'],
    verifiedBy: row.verifiedBy,
    verifiedAt: row.verifiedAt,
    location: {
      text: row.locationText,
      streetText: row.streetText,
      lat: row.lat,
      lon: row.lon,
      precision: row.precision as Incident['location']['precision'],
      town: row.town,
    },
    salute: {
      agentsCount: row.agentsCount,
      vehiclesCount: row.vehiclesCount,
      activity: row.activity,
      agency: row.agency as Incident['salute']['agency'],
      timeSeen: row.timeSeen,
      equipment: row.equipment,
    },
    vehiclesPlates: row.vehiclesPlates,
    affectedAdults: row.affectedAdults,
    affectedChildren: row.affectedChildren,
    affectedFirstNames: row.affectedFirstNames,
    language: row.language as Incident['language'],
    description: row.description,
    reporterName: row.reporterName,
    reporterPhone: row.reporterPhone,
    reporterPurgedAt: row.reporterPurgedAt,
    outsideRegionReason: row.outsideRegionReason,
    mergedIntoId: row.mergedIntoId,
    heldFromStatus: row.heldFromStatus as Incident['heldFromStatus'],
    reportCount,
    callReceivedAt: row.callReceivedAt,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

/** Flattens the API's incident fields to column fields, for ops. Only keys present are mapped. */
export function incidentFieldsToColumns(
  fields: Partial<Omit<Incident, 'id' | 'reportCount'>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'location') {
      const loc = value as Incident['location'];
      Object.assign(out, {
        locationText: loc.text,
        streetText: loc.streetText,
        lat: loc.lat,
        lon: loc.lon,
        precision: loc.precision,
        town: loc.town,
      });
    } else if (key === 'salute') {
      Object.assign(out, value as Incident['salute']);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function responderFromRow(row: ResponderRow): Responder {
  return row as unknown as Responder;
}

export function assignmentFromRow(row: AssignmentRow): Assignment {
  return row as unknown as Assignment;
}

export function activityFromRow(row: ActivityRow): ActivityEntry {
  const { hlc: _hlc, ...entry } = row;
  return entry;
}
