import type { BackendContext } from '../context';
import { loadIncident } from '../incidents/queries';
import { loadResponder } from '../roster/responders';
import { loadSettings } from '../session/handlers';
import { coarsenMeetingPoint } from '../../shared/briefing/coarsen';
import { alertLocales } from '../../shared/assignments/alert-text';
import { whatToBring } from '../../shared/links/bring';
import type { Envelope } from '../../shared/links/format';
import type { Assignment } from '../../shared/api/schemas';
import type { ResponderRole } from '../../shared/domain/vocabulary';

/**
 * What the responder's phone may know, and nothing more: the job (role, incident type), the
 * coarsened meeting point (never the exact address), when it was reported, the hotline, what
 * to bring. Never the caller, the description or the names of the people affected.
 */
export function buildEnvelope(ctx: BackendContext, a: Assignment, expiresAt: string): Envelope {
  const incident = loadIncident(ctx, a.incidentId);
  const responder = loadResponder(ctx, a.responderId);
  const settings = loadSettings(ctx);
  // Always coarsened, whatever the briefing setting: a link can be forwarded beyond the team.
  const meeting = coarsenMeetingPoint(incident.location, { coarsen: true, meetingPlace: null });
  const locale = alertLocales(responder.languages)[0] ?? 'en';
  return {
    v: 1,
    greeting: responder.name.split(/\s+/)[0] ?? '',
    role: a.role,
    incidentType: incident.type,
    meetingPoint: meeting.label,
    meetingNear: meeting.near,
    time: incident.callReceivedAt,
    contact: settings.briefingNetworkHotline,
    bring: whatToBring(a.role as ResponderRole, locale),
    expiresAt,
    locale,
  };
}
