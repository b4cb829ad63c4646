import { and, desc, eq, inArray } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { assignments, incidents, responders } from '../../db/schema';
import { assignmentFromRow } from '../rows';
import { loadIncident } from '../incidents/queries';
import { loadResponder } from '../roster/responders';
import { loadSettings } from '../session/handlers';
import { refusal } from '../refusal';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { Assignment, Incident } from '../../shared/api/schemas';
import type { AssignmentView } from '../../shared/api/assignments';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  isCheckInOverdue,
  isProposalStale,
} from '../../shared/assignments/lifecycle';
import { peopleText, type PeopleText } from '../../shared/api/text';

/** Reads of the assignments area: views with names, the list, the responder status board. */

const label = (s: string) => s.replace(/_/g, ' ');

const placeOf = (incident: Pick<Incident, 'location'>) =>
  incident.location.town && incident.location.town !== incident.location.text
    ? `${incident.location.text} (${incident.location.town})`
    : incident.location.text;

/** English, for guard messages and the override's activity entry. */
/** An incident's type code and place, as text params (the renderer labels the type). */
export const incidentTextParams = (incident: Pick<Incident, 'type' | 'location'>) => ({
  type: incident.type,
  place: placeOf(incident),
});

export function incidentLabel(incident: Pick<Incident, 'type' | 'location'>): string {
  return `${label(incident.type)} at ${placeOf(incident)}`;
}

function incidentNames(incident: Pick<Incident, 'type' | 'location'> | undefined) {
  if (!incident) {
    return {
      incidentLabel: '(unknown incident)',
      incidentText: peopleText('statusBoard.unknownIncident'),
    };
  }
  return { incidentLabel: incidentLabel(incident), incidentText: incidentText(incident) };
}

/** The incident as people read it on the status board: its type label and place. */
export function incidentText(incident: Pick<Incident, 'type' | 'location'>): PeopleText {
  return peopleText('statusBoard.incident', { type: incident.type, place: placeOf(incident) });
}

export function loadAssignment(ctx: BackendContext, id: string): Assignment {
  const row = ctx.db.select().from(assignments).where(eq(assignments.id, id)).get();
  if (!row) throw refusal('not_found', 'error.notFound.assignment');
  return assignmentFromRow(row);
}

export function view(ctx: BackendContext, a: Assignment): AssignmentView {
  const r = loadResponder(ctx, a.responderId);
  const incident = loadIncident(ctx, a.incidentId);
  const overdueMinutes = loadSettings(ctx).checkInOverdueMinutes;
  return {
    ...a,
    responderName: r.name,
    responderTown: r.homeTown,
    incidentLabel: incidentLabel(incident),
    incidentText: incidentText(incident),
    checkInOverdue: isCheckInOverdue(a, ctx.now(), overdueMinutes),
    proposalStale: isProposalStale(a, ctx.now(), overdueMinutes),
  };
}

export function activeAssignmentsOf(ctx: BackendContext, responderId: string): Assignment[] {
  return ctx.db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.responderId, responderId),
        inArray(assignments.status, [...ACTIVE_ASSIGNMENT_STATUSES]),
      ),
    )
    .all()
    .map(assignmentFromRow);
}

/** The active assignments of one incident: its team right now. */
export function activeTeamOf(ctx: BackendContext, incidentId: string): Assignment[] {
  return ctx.db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.incidentId, incidentId),
        inArray(assignments.status, [...ACTIVE_ASSIGNMENT_STATUSES]),
      ),
    )
    .all()
    .map(assignmentFromRow);
}

/** The best-fitting open slot of the team plan this person can fill, else their first role. */
export function listAssignments(
  ctx: BackendContext,
  input: ApiParsedInput<'listAssignments'>,
): ApiOutput<'listAssignments'> {
  const where = [];
  if (input.incidentId) where.push(eq(assignments.incidentId, input.incidentId));
  if (input.activeOnly) where.push(inArray(assignments.status, [...ACTIVE_ASSIGNMENT_STATUSES]));
  const rows = ctx.db
    .select()
    .from(assignments)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(assignments.createdAt))
    .limit(2000)
    .all()
    .map(assignmentFromRow);
  return viewsOf(ctx, rows);
}

/** Views for many assignments with one query per table, not one per row (the board renders 500). */
export function viewsOf(ctx: BackendContext, rows: Assignment[]): AssignmentView[] {
  if (rows.length === 0) return [];
  const people = new Map(
    ctx.db
      .select()
      .from(responders)
      .where(inArray(responders.id, [...new Set(rows.map((r) => r.responderId))]))
      .all()
      .map((r) => [r.id, r]),
  );
  const incidentIds = [...new Set(rows.map((r) => r.incidentId))];
  const places = new Map(
    ctx.db
      .select({
        id: incidents.id,
        type: incidents.type,
        text: incidents.locationText,
        town: incidents.town,
      })
      .from(incidents)
      .where(inArray(incidents.id, incidentIds))
      .all()
      .map((i) => [
        i.id,
        {
          type: i.type as Incident['type'],
          location: { text: i.text, town: i.town } as Incident['location'],
        },
      ]),
  );
  const overdueMinutes = loadSettings(ctx).checkInOverdueMinutes;
  const nowMs = ctx.now();
  return rows.map((a) => ({
    ...a,
    responderName: people.get(a.responderId)?.name ?? '(unknown responder)',
    responderTown: people.get(a.responderId)?.homeTown ?? '',
    ...incidentNames(places.get(a.incidentId)),
    checkInOverdue: isCheckInOverdue(a, nowMs, overdueMinutes),
    proposalStale: isProposalStale(a, nowMs, overdueMinutes),
  }));
}
