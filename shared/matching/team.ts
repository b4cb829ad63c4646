/**
 * Team composition: the default team for an incident's type and triage, and "suggest a team",
 * which fills each slot with the best DISTINCT candidates and says which slots it could not fill
 * and why. Pure, on top of the matching engine.
 */
import { z } from 'zod';
import { LanguageTagSchema } from '../domain/languages';
import {
  RESPONDER_ROLES,
  SLOW_INCIDENT_TYPES,
  type IncidentType,
  type ResponderRole,
  type TriageLevel,
  type VerificationOutcome,
} from '../domain/vocabulary';
import {
  matchCandidates,
  type AssignmentSummary,
  type Candidate,
  type ExclusionReason,
  type MatchIncident,
  type MatchSettings,
  type RosterIndex,
} from './engine';

export const TeamSlotSchema = z
  .object({
    role: z.enum(RESPONDER_ROLES),
    /** Other roles that can fill this slot (a song leader OR a faith leader). */
    alternatives: z.array(z.enum(RESPONDER_ROLES)).max(RESPONDER_ROLES.length).default([]),
    needed: z.number().int().min(1).max(50),
    /** Fewer than this must not be sent at all (never one verifier alone). */
    minimum: z.number().int().min(1).max(50).default(1),
    /** Interpreters: the language they must speak. */
    language: LanguageTagSchema.nullable().default(null),
  })
  .refine((s) => s.minimum <= s.needed, {
    message: 'The minimum cannot exceed the number needed',
    path: ['minimum'],
  });
export type TeamSlot = z.output<typeof TeamSlotSchema>;
export const TeamPlanSchema = z.array(TeamSlotSchema).max(20);
export type TeamPlan = TeamSlot[];

const slot = (
  role: ResponderRole,
  needed: number,
  extra: Partial<Omit<TeamSlot, 'role' | 'needed'>> = {},
): TeamSlot => ({ role, needed, alternatives: [], minimum: 1, language: null, ...extra });

export interface TeamIncident extends MatchIncident {
  type: IncidentType;
  triage: TriageLevel;
  verificationOutcome?: VerificationOutcome | null;
}

/**
 * The role to rank candidates for first: the plan's first slot with fewer active assignments
 * (in its role or an alternative) than it needs, else the first slot; null for an empty plan.
 */
export function firstOpenSlot(
  slots: readonly TeamSlot[],
  active: readonly { role: string }[],
): TeamSlot | null {
  for (const slot of slots) {
    const roles: string[] = [slot.role, ...slot.alternatives];
    if (active.filter((a) => roles.includes(a.role)).length < slot.needed) return slot;
  }
  return slots[0] ?? null;
}

/**
 * The default team. Do-not-share reports send nobody. Slow cases (labor abuse, check-in
 * accompaniment) get support people whatever the triage. Verify-first sends two verifiers and
 * never one alone, until they confirm ICE. Mobilize-now sends a rally lead, a legal observer, a song or faith leader,
 * an interpreter when the incident's language is not English and at least three rally
 * responders; raids at a home or workplace add family support.
 */
export function defaultTeamPlan(
  incident: Pick<TeamIncident, 'type' | 'triage' | 'language' | 'verificationOutcome'>,
): TeamPlan {
  const interpreter =
    incident.language !== 'en' ? [slot('interpreter', 1, { language: incident.language })] : [];
  if (incident.triage === 'do_not_share') return [];
  if (SLOW_INCIDENT_TYPES.includes(incident.type)) {
    if (incident.type === 'checkin_detention')
      return [
        slot('family_support', 2, { minimum: 2 }),
        slot('legal_observer', 1),
        slot('faith_leader', 1, { alternatives: ['song_leader'] }),
        ...interpreter,
      ];
    return [slot('family_support', 1), slot('documenter', 1), ...interpreter];
  }
  // Once the verifiers confirm ICE, a verify-first incident needs the rally team of its type.
  if (incident.triage === 'verify_first' && incident.verificationOutcome !== 'confirmed')
    return [slot('verifier', 2, { minimum: 2 })];
  const plan = [
    slot('rally_lead', 1),
    slot('legal_observer', 1),
    slot('song_leader', 1, { alternatives: ['faith_leader'] }),
    ...interpreter,
    slot('rally_responder', 3, { minimum: 3 }),
  ];
  if (incident.type === 'home_raid' || incident.type === 'workplace_raid')
    plan.push(slot('family_support', 1));
  return plan;
}

export interface UnfilledReason {
  code: 'none_found' | 'short' | 'below_minimum';
  found: number;
  needed: number;
  minimum: number;
  /** What kept the others out, largest first. */
  excluded: { reason: ExclusionReason; count: number }[];
  text: string;
}

export interface SuggestedSlot extends TeamSlot {
  filled: Candidate[];
  unfilledReason: UnfilledReason | null;
}

export interface SuggestTeamInput {
  index: RosterIndex;
  incident: TeamIncident;
  plan: TeamPlan;
  now: number;
  settings: MatchSettings;
  assignments?: AssignmentSummary;
  timeZone?: string;
}

const REASON_TEXT: Record<ExclusionReason, string> = {
  inactive: 'inactive',
  missing_role: 'without the role',
  too_far: 'too far',
  training: 'training missing or expired',
  avoids_scenes: 'asked not to go to enforcement scenes',
  language: 'do not speak the language',
  unavailable: 'off duty',
  busy: 'busy on another incident',
  taken: 'already in another slot',
};

/**
 * Fills every slot with distinct people. Each slot's candidate list is computed once, long enough
 * to survive everyone the other slots could take; the scarcest slot (fewest eligible people)
 * chooses first, so a rare interpreter is not spent on a rally-responder slot.
 */
export function suggestTeam(input: SuggestTeamInput): SuggestedSlot[] {
  const totalNeeded = input.plan.reduce((n, s) => n + s.needed, 0);
  const lists = input.plan.map((s) => {
    const roles = [s.role, ...s.alternatives.filter((r) => r !== s.role)];
    const excluded = new Map<ExclusionReason, number>();
    const merged = new Map<string, Candidate>();
    let eligible = 0;
    for (const role of roles) {
      const res = matchCandidates(input.index, {
        incident: input.incident,
        role,
        limit: totalNeeded,
        countAll: false,
        now: input.now,
        settings: input.settings,
        ...(input.assignments ? { assignments: input.assignments } : {}),
        ...(s.language ? { language: s.language } : {}),
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      });
      eligible += res.eligibleCount;
      for (const c of res.candidates) {
        // Nobody who already said no to this incident is suggested again.
        if (c.declinedHere) continue;
        const prev = merged.get(c.responderId);
        if (!prev || c.score > prev.score) merged.set(c.responderId, c);
      }
      for (const [reason, n] of Object.entries(res.excludedCounts) as [ExclusionReason, number][]) {
        // With alternatives, "missing the role" is only true of people holding none of them.
        if (reason === 'missing_role' && roles.length > 1) continue;
        excluded.set(reason, (excluded.get(reason) ?? 0) + n);
      }
    }
    const ranked = [...merged.values()].sort(
      (a, b) =>
        b.score - a.score || a.travelMinutes - b.travelMinutes || a.name.localeCompare(b.name),
    );
    return { ranked, eligible, excluded };
  });

  const order = input.plan
    .map((_, i) => i)
    .sort((a, b) => lists[a]!.eligible - lists[b]!.eligible || a - b);
  const used = new Set<string>();
  const filled: Candidate[][] = input.plan.map(() => []);
  const takenCounts = input.plan.map(() => 0);
  for (const i of order) {
    const s = input.plan[i]!;
    for (const c of lists[i]!.ranked) {
      if (filled[i]!.length >= s.needed) break;
      if (used.has(c.responderId)) {
        takenCounts[i]!++;
        continue;
      }
      used.add(c.responderId);
      filled[i]!.push(c);
    }
  }

  return input.plan.map((s, i) => {
    const found = filled[i]!;
    let unfilledReason: UnfilledReason | null = null;
    if (found.length < s.needed) {
      const excluded = [...lists[i]!.excluded.entries()]
        .filter(([reason, n]) => n > 0 && reason !== 'missing_role' && reason !== 'inactive')
        .map(([reason, count]) => ({ reason, count }));
      if (takenCounts[i]! > 0) excluded.push({ reason: 'taken', count: takenCounts[i]! });
      excluded.sort((a, b) => b.count - a.count);
      const roleName = [s.role, ...s.alternatives].map((r) => r.replace(/_/g, ' ')).join(' or ');
      const why = excluded.length
        ? excluded.map((e) => `${e.count} ${REASON_TEXT[e.reason]}`).join(', ')
        : `nobody on the roster has the role`;
      const code: UnfilledReason['code'] =
        found.length === 0 ? 'none_found' : found.length < s.minimum ? 'below_minimum' : 'short';
      const head =
        code === 'none_found'
          ? `No ${roleName} available`
          : `Only ${found.length} of ${s.needed} ${roleName}${s.needed > 1 ? 's' : ''} found`;
      const safety =
        code === 'below_minimum'
          ? ` — do not send fewer than ${s.minimum}; add someone or wait`
          : '';
      unfilledReason = {
        code,
        found: found.length,
        needed: s.needed,
        minimum: s.minimum,
        excluded,
        text: `${head}${safety} (${why})`,
      };
    }
    return { ...s, filled: found, unfilledReason };
  });
}
