/**
 * Rally briefings: gathers the incident, its active team (first names and roles; the
 * rally lead's phone) and the network's standing text, then builds and renders the one-page
 * briefing with the pure shared/briefing modules. Reads only; nothing is stored.
 */
import { eq } from 'drizzle-orm';
import type { BackendContext, Handlers } from '../context';
import { assignments, responders } from '../../db/schema';
import { loadIncident } from '../incidents/queries';
import { loadSettings } from '../session/handlers';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { buildBriefing, type BriefingTeamInput } from '../../shared/briefing/content';
import { renderBriefingHtml } from '../../shared/briefing/html';
import type { AssignmentStatus, ResponderRole } from '../../shared/domain/vocabulary';

/** Assignment statuses that put someone on the team a briefing lists. */
export const TEAM_STATUSES: readonly AssignmentStatus[] = [
  'notified',
  'accepted',
  'en_route',
  'on_scene',
];

export function briefingTeam(ctx: BackendContext, incidentId: string): BriefingTeamInput[] {
  return ctx.db
    .select({
      role: assignments.role,
      status: assignments.status,
      name: responders.name,
      phones: responders.phones,
    })
    .from(assignments)
    .innerJoin(responders, eq(responders.id, assignments.responderId))
    .where(eq(assignments.incidentId, incidentId))
    .all()
    .filter((a) => TEAM_STATUSES.includes(a.status as AssignmentStatus))
    .map((a) => ({
      name: a.name,
      role: a.role as ResponderRole,
      // Only the lead's number is printed: it is how the team reaches the lead.
      phone: a.role === 'rally_lead' ? (a.phones[0]?.original ?? null) : null,
    }));
}

export function getBriefing(
  ctx: BackendContext,
  input: ApiParsedInput<'getBriefing'>,
): ApiOutput<'getBriefing'> {
  const incident = loadIncident(ctx, input.incidentId);
  const settings = loadSettings(ctx);
  const content = buildBriefing(incident, briefingTeam(ctx, incident.id), settings, {
    coarsen: settings.coarsenLocationsOutside,
    nowMs: ctx.now(),
    meetingPlace: input.meetingPlace ?? null,
  });
  const page = renderBriefingHtml(content, { paper: input.paper, languages: input.languages });
  return { ...page, missing: content.missing };
}

export const briefingHandlers = {
  getBriefing,
} satisfies Partial<Handlers>;
