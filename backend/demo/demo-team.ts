/**
 * Puts a fictional team on an incident, for briefing screenshots and tests, until the assignment
 * operations land. Writes through mutate() like any change (attributed, logged, synced).
 * Picks active responders who hold each role; the rally lead first.
 */
import { eq } from 'drizzle-orm';
import type { ConsoleBackend } from '../console-backend';
import { responders } from '../../db/schema';
import { mutate } from '../mutation';
import { uuidv7 } from '../../shared/ids';
import type { AssignmentStatus, ResponderRole } from '../../shared/domain/vocabulary';

export const DEMO_TEAM_ROLES: readonly ResponderRole[] = [
  'rally_lead',
  'legal_observer',
  'song_leader',
  'interpreter',
  'rally_responder',
  'rally_responder',
];

export function assignDemoTeam(
  backend: ConsoleBackend,
  incidentId: string,
  roles: readonly ResponderRole[] = DEMO_TEAM_ROLES,
  status: AssignmentStatus = 'en_route',
): { responderId: string; role: ResponderRole; name: string }[] {
  const ctx = backend.ctx;
  const pool = ctx.db.select().from(responders).where(eq(responders.active, true)).all();
  const used = new Set<string>();
  const team: { responderId: string; role: ResponderRole; name: string }[] = [];
  for (const role of roles) {
    const person = pool.find((r) => !used.has(r.id) && r.roles.includes(role));
    if (!person) continue;
    used.add(person.id);
    team.push({ responderId: person.id, role, name: person.name });
  }
  const now = new Date(ctx.now()).toISOString();
  mutate(ctx, {
    activity: {
      kind: 'assignment.demo_team',
      message: `Demo team assigned (${team.length})`,
      params: { count: team.length },
      entity: 'incident',
      entityId: incidentId,
      incidentId,
    },
    changes: team.map((m) => ({
      entity: 'assignment' as const,
      id: uuidv7(ctx.now()),
      create: true,
      fields: {
        incidentId,
        responderId: m.responderId,
        role: m.role,
        status,
        statusChangedAt: now,
        etaAt: null,
        declineReason: null,
        overrideReason: null,
        lastCheckInAt: null,
        createdAt: now,
        updatedAt: now,
      },
    })),
  });
  return team;
}
