import { eq } from 'drizzle-orm';
import type { BackendContext, Handlers } from '../context';
import { incidents } from '../../db/schema';
import { activeTeamOf } from '../assignments/queries';
import { mutate } from '../mutation';
import { loadIncident } from '../incidents/queries';
import { loadSettings } from '../session/handlers';
import { assignmentSummary, rosterIndex, rosterIndexReady } from './roster-cache';
import { matchCandidates as match } from '../../shared/matching/engine';
import {
  TeamPlanSchema,
  defaultTeamPlan,
  firstOpenSlot,
  suggestTeam as suggest,
  type TeamPlan,
  type TeamSlot,
} from '../../shared/matching/team';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { Incident } from '../../shared/api/schemas';

const matchIncident = (incident: Incident) => ({
  id: incident.id,
  lat: incident.location.lat,
  lon: incident.location.lon,
  language: incident.language,
  type: incident.type,
  triage: incident.triage,
  verificationOutcome: incident.verificationOutcome,
});

/** The slot to rank for when none is asked for: the team plan's first open one. */
function openSlot(ctx: BackendContext, incident: Incident): TeamSlot | null {
  return firstOpenSlot(planView(ctx, incident).slots, activeTeamOf(ctx, incident.id));
}

export function matchCandidates(
  ctx: BackendContext,
  input: ApiParsedInput<'matchCandidates'>,
): ApiOutput<'matchCandidates'> {
  const incident = loadIncident(ctx, input.incidentId);
  const slot = input.role ? null : openSlot(ctx, incident);
  const role = input.role ?? slot?.role ?? 'verifier';
  // An interpreter must speak the language their slot asks for (the incident's by default).
  const interpreterSlot =
    role !== 'interpreter' || input.language
      ? null
      : slot?.role === 'interpreter'
        ? slot
        : planView(ctx, incident).slots.find((s) => s.role === 'interpreter');
  const language = input.language ?? interpreterSlot?.language ?? undefined;
  const result = match(rosterIndex(ctx), {
    incident: matchIncident(incident),
    role,
    limit: input.limit,
    now: ctx.now(),
    settings: loadSettings(ctx),
    assignments: assignmentSummary(ctx),
    ...(language ? { language } : {}),
  });
  return { role, ...result };
}

function storedPlan(ctx: BackendContext, incidentId: string): TeamPlan | null {
  const row = ctx.db
    .select({ teamPlan: incidents.teamPlan })
    .from(incidents)
    .where(eq(incidents.id, incidentId))
    .get();
  if (!row || row.teamPlan == null) return null;
  // A stored plan that no longer validates (an older console wrote it) falls back to the default.
  const parsed = TeamPlanSchema.safeParse(row.teamPlan);
  return parsed.success ? parsed.data : null;
}

function planView(ctx: BackendContext, incident: Incident): ApiOutput<'getTeamPlan'> {
  const defaults = defaultTeamPlan(incident);
  const saved = storedPlan(ctx, incident.id);
  return {
    incidentId: incident.id,
    slots: saved ?? defaults,
    isDefault: saved === null,
    defaultSlots: defaults,
  };
}

export function getTeamPlan(
  ctx: BackendContext,
  input: ApiParsedInput<'getTeamPlan'>,
): ApiOutput<'getTeamPlan'> {
  return planView(ctx, loadIncident(ctx, input.incidentId));
}

export function updateTeamPlan(
  ctx: BackendContext,
  input: ApiParsedInput<'updateTeamPlan'>,
): ApiOutput<'updateTeamPlan'> {
  const incident = loadIncident(ctx, input.incidentId);
  const summary = input.slots
    ? input.slots.map((s) => `${s.needed} ${s.role.replace(/_/g, ' ')}`).join(', ')
    : 'default';
  mutate(ctx, {
    activity: {
      kind: 'incident.team_plan_updated',
      message: input.slots ? `Team plan changed: ${summary}` : 'Team plan reset to the default',
      params: { plan: summary },
      entity: 'incident',
      entityId: incident.id,
      incidentId: incident.id,
    },
    changes: [
      {
        entity: 'incident',
        id: incident.id,
        create: false,
        fields: { teamPlan: input.slots, updatedAt: new Date(ctx.now()).toISOString() },
      },
    ],
  });
  return planView(ctx, incident);
}

export function suggestTeam(
  ctx: BackendContext,
  input: ApiParsedInput<'suggestTeam'>,
): ApiOutput<'suggestTeam'> {
  const incident = loadIncident(ctx, input.incidentId);
  const view = planView(ctx, incident);
  const slots = suggest({
    index: rosterIndex(ctx),
    incident: matchIncident(incident),
    plan: view.slots,
    now: ctx.now(),
    settings: loadSettings(ctx),
    assignments: assignmentSummary(ctx),
  });
  return { isDefaultPlan: view.isDefault, slots };
}

export const matchingHandlers = {
  // A build of the index under way is waited for without blocking other calls.
  matchCandidates: async (ctx: BackendContext, input: ApiParsedInput<'matchCandidates'>) => {
    await rosterIndexReady(ctx);
    return matchCandidates(ctx, input);
  },
  suggestTeam: async (ctx: BackendContext, input: ApiParsedInput<'suggestTeam'>) => {
    await rosterIndexReady(ctx);
    return suggestTeam(ctx, input);
  },
  getTeamPlan,
  updateTeamPlan,
} satisfies Partial<Handlers>;
