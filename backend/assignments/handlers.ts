import { and, eq } from 'drizzle-orm';
import type { BackendContext, Handlers } from '../context';
import { assignments, timings } from '../../db/schema';
import { mutate } from '../mutation';
import { loadIncident } from '../incidents/queries';
import { loadResponder } from '../roster/responders';
import { loadSettings } from '../session/handlers';
import { getTeamPlan, matchCandidates } from '../matching/handlers';
import { alertLinkLine } from '../links/handlers';
import { timingChange } from '../incidents/timings';
import { uuidv7 } from '../../shared/ids';
import { ApiFailure } from '../../shared/api/result';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { Incident, Responder } from '../../shared/api/schemas';
import {
  checkAssignmentTransition,
  isActiveAssignment,
  nextAssignmentStatuses,
} from '../../shared/assignments/lifecycle';
import { assignmentGuards } from '../../shared/assignments/guards';
import { buildAlertText } from '../../shared/assignments/alert-text';
import { coarsenMeetingPoint } from '../../shared/briefing/coarsen';
import { ROLE_REQUIRED_TRAINING, type ResponderRole } from '../../shared/domain/vocabulary';
import { peopleText } from '../../shared/api/text';
import type { OpChange } from '../../shared/sync/op';
import { getResponderBoard } from './responder-board';
import { rosterIndexReady } from '../matching/roster-cache';
import {
  activeAssignmentsOf,
  activeTeamOf,
  incidentLabel,
  incidentTextParams,
  listAssignments,
  loadAssignment,
  view,
} from './queries';
import { refusal } from '../refusal';

const iso = (ms: number) => new Date(ms).toISOString();
const label = (s: string) => s.replace(/_/g, ' ');

function chooseRole(ctx: BackendContext, incident: Incident, responder: Responder): ResponderRole {
  const plan = getTeamPlan(ctx, { incidentId: incident.id }).slots;
  const team = activeTeamOf(ctx, incident.id);
  for (const slot of plan) {
    const roles = [slot.role, ...slot.alternatives];
    const filled = team.filter((a) => roles.includes(a.role as ResponderRole)).length;
    if (filled >= slot.needed) continue;
    const fit = roles.find((role) => responder.roles.includes(role));
    if (fit) return fit;
  }
  const first = responder.roles[0];
  if (!first) throw refusal('refused', 'error.assign.noRoles', { name: responder.name });
  return first;
}

interface UndoRecord {
  assignmentId: string;
  /** English, for the Undo reply and the stored message; `what` words it for each reader. */
  description: string;
  /** A message key for the undone action and its params (see `<name>Kind` in shared/i18n). */
  what: { kind: string; params: Record<string, string | number> };
  restore: Record<string, unknown>;
}
/** This console's last assignment action, for Undo. Kept per backend; one level deep. */
const lastActions = new WeakMap<BackendContext, UndoRecord>();

export function createAssignment(
  ctx: BackendContext,
  input: ApiParsedInput<'createAssignment'>,
): ApiOutput<'createAssignment'> {
  const incident = loadIncident(ctx, input.incidentId);
  const responder = loadResponder(ctx, input.responderId);
  if (incident.status === 'closed') throw refusal('refused', 'error.assign.incidentClosed');
  if (incident.mergedIntoId) throw refusal('refused', 'error.assign.merged');
  if (!responder.active)
    throw refusal('refused', 'error.assign.inactive', { name: responder.name });
  const active = activeAssignmentsOf(ctx, responder.id);
  const here = active.find((a) => a.incidentId === incident.id);
  if (here) {
    throw refusal('refused', 'error.assign.alreadyHere', {
      name: responder.name,
      role: here.role,
    });
  }
  const elsewhere = active[0] ?? null;
  if (input.expectedBusy !== undefined && input.expectedBusy !== (elsewhere !== null)) {
    throw refusal(
      'conflict',
      elsewhere ? 'error.assign.elsewhereSince' : 'error.assign.changedSince',
      { name: responder.name },
    );
  }
  const role = input.role ?? chooseRole(ctx, incident, responder);
  const busyIncident = elsewhere ? loadIncident(ctx, elsewhere.incidentId) : null;
  const guards = assignmentGuards({
    responder,
    role,
    nowMs: ctx.now(),
    busyElsewhere: busyIncident ? incidentLabel(busyIncident) : null,
  });
  if (guards.length > 0 && !input.overrideReason) {
    // `guards` lists the codes; the renderer words each as `guardDetail.<code>` from the params.
    throw new ApiFailure(
      'needs_override',
      `${guards.map((g) => g.message).join(' ')} Assign anyway? Give a reason.`,
      Object.fromEntries(guards.map((g) => [g.code, g.message])),
      peopleText('error.assign.needsOverride', {
        name: responder.name,
        role,
        training: ROLE_REQUIRED_TRAINING[role] ?? '',
        guards: guards.map((g) => g.code).join(','),
        ...(busyIncident ? incidentTextParams(busyIncident) : {}),
      }),
    );
  }
  const now = iso(ctx.now());
  const id = uuidv7(ctx.now());
  const changes: OpChange[] = [
    {
      entity: 'assignment',
      id,
      create: true,
      fields: {
        incidentId: incident.id,
        responderId: responder.id,
        role,
        status: 'proposed',
        statusChangedAt: now,
        etaAt: null,
        declineReason: null,
        overrideReason: guards.length
          ? `${input.overrideReason} [${guards.map((g) => g.code).join(', ')}]`
          : null,
        lastCheckInAt: null,
        createdAt: now,
        updatedAt: now,
      },
    },
  ];
  // verified -> first responder assigned: measured once per incident, for the shift metrics.
  if (incident.verifiedAt) {
    const measured = ctx.db
      .select({ id: timings.id })
      .from(timings)
      .where(and(eq(timings.incidentId, incident.id), eq(timings.kind, 'verified_to_assigned')))
      .get();
    if (!measured)
      changes.push(
        timingChange(ctx, incident.id, 'verified_to_assigned', incident.verifiedAt, now),
      );
  }
  const override = guards.length ? ` (override: ${input.overrideReason})` : '';
  mutate(ctx, {
    activity: {
      kind: 'assignment.created',
      message: `${responder.name} assigned as ${label(role)}${override}`,
      params: { name: responder.name, role, override: input.overrideReason ?? null },
      entity: 'assignment',
      entityId: id,
      incidentId: incident.id,
    },
    changes,
  });
  lastActions.set(ctx, {
    assignmentId: id,
    description: `assignment of ${responder.name} to ${incidentLabel(incident)}`,
    what: {
      kind: 'undo.assignment',
      params: { name: responder.name, ...incidentTextParams(incident) },
    },
    restore: { status: 'released', statusChangedAt: null },
  });
  return view(ctx, loadAssignment(ctx, id));
}

export function advanceAssignment(
  ctx: BackendContext,
  input: ApiParsedInput<'advanceAssignment'>,
): ApiOutput<'advanceAssignment'> {
  const before = loadAssignment(ctx, input.id);
  if (before.status !== input.expectedFrom) {
    throw refusal('conflict', 'error.assign.statusChanged', {
      current: before.status,
      expected: input.expectedFrom,
    });
  }
  const check = checkAssignmentTransition(before.status, input.to);
  if (!check.ok) {
    const why =
      nextAssignmentStatuses(before.status).length === 0
        ? refusal('refused', 'error.assign.final', { current: before.status })
        : refusal('refused', 'error.assign.cannotGo', { from: before.status, to: input.to });
    throw new ApiFailure(why.code, why.message, { to: why.message }, why.text);
  }
  const responder = loadResponder(ctx, before.responderId);
  const nowMs = ctx.now();
  const now = iso(nowMs);
  const fields: Record<string, unknown> = {
    status: input.to,
    statusChangedAt: now,
    updatedAt: now,
  };
  if (input.to === 'en_route' && input.etaMinutes)
    fields.etaAt = iso(nowMs + input.etaMinutes * 60_000);
  if (input.to === 'declined') fields.declineReason = input.declineReason;
  const changes: OpChange[] = [{ entity: 'assignment', id: before.id, create: false, fields }];
  if (input.to === 'accepted' && before.status === 'notified') {
    changes.push(
      timingChange(ctx, before.incidentId, 'notified_to_accepted', before.statusChangedAt, now),
    );
  }
  const details = [
    input.to === 'declined' ? `reason: ${label(input.declineReason!)}` : null,
    input.etaMinutes ? `ETA ${input.etaMinutes} min` : null,
    input.note || null,
  ].filter(Boolean);
  mutate(ctx, {
    activity: {
      kind: 'assignment.status',
      message: `${responder.name} (${label(before.role)}): ${label(before.status)} -> ${label(input.to)}${details.length ? ` (${details.join('; ')})` : ''}`,
      params: {
        name: responder.name,
        role: before.role,
        from: before.status,
        to: input.to,
        reason: input.declineReason ?? null,
        etaMinutes: input.etaMinutes ?? null,
        note: input.note ?? null,
      },
      entity: 'assignment',
      entityId: before.id,
      incidentId: before.incidentId,
    },
    changes,
  });
  lastActions.set(ctx, {
    assignmentId: before.id,
    description: `${responder.name}: ${label(before.status)} -> ${label(input.to)}`,
    what: {
      kind: 'undo.status',
      params: { name: responder.name, from: before.status, to: input.to },
    },
    restore: {
      status: before.status,
      statusChangedAt: before.statusChangedAt,
      etaAt: before.etaAt,
      declineReason: before.declineReason,
    },
  });
  let nextCandidate = null;
  if (input.to === 'declined') {
    // The slot is free again: offer the best remaining person for the same role.
    const taken = new Set(
      ctx.db
        .select({ r: assignments.responderId })
        .from(assignments)
        .where(eq(assignments.incidentId, before.incidentId))
        .all()
        .map((x) => x.r),
    );
    const match = matchCandidates(ctx, {
      incidentId: before.incidentId,
      role: before.role,
      limit: 20,
    });
    nextCandidate = match.candidates.find((c) => !taken.has(c.responderId)) ?? null;
  }
  return { assignment: view(ctx, loadAssignment(ctx, before.id)), nextCandidate };
}

export function logCheckIn(
  ctx: BackendContext,
  input: ApiParsedInput<'logCheckIn'>,
): ApiOutput<'logCheckIn'> {
  const a = loadAssignment(ctx, input.id);
  if (!isActiveAssignment(a.status))
    throw refusal('refused', 'error.assign.nothingToCheckIn', { current: a.status });
  const responder = loadResponder(ctx, a.responderId);
  const now = iso(ctx.now());
  mutate(ctx, {
    activity: {
      kind: 'assignment.check_in',
      message: `Check-in: ${responder.name}${input.note ? ` - ${input.note}` : ''}`,
      params: { name: responder.name, note: input.note ?? null },
      entity: 'assignment',
      entityId: a.id,
      incidentId: a.incidentId,
    },
    changes: [
      {
        entity: 'assignment',
        id: a.id,
        create: false,
        fields: { lastCheckInAt: now, updatedAt: now },
      },
    ],
  });
  lastActions.set(ctx, {
    assignmentId: a.id,
    description: `check-in of ${responder.name}`,
    what: { kind: 'undo.checkIn', params: { name: responder.name } },
    restore: { lastCheckInAt: a.lastCheckInAt },
  });
  return view(ctx, loadAssignment(ctx, a.id));
}

/** Undo is a compensating change (the timeline keeps both), never a deletion. */
export function undoLastAssignmentAction(
  ctx: BackendContext,
): ApiOutput<'undoLastAssignmentAction'> {
  const last = lastActions.get(ctx);
  if (!last) throw refusal('refused', 'error.assign.nothingToUndo');
  const a = loadAssignment(ctx, last.assignmentId);
  const now = iso(ctx.now());
  const restore = { ...last.restore };
  if (restore.statusChangedAt === null) restore.statusChangedAt = now;
  mutate(ctx, {
    activity: {
      kind: 'assignment.undone',
      message: `Undone: ${last.description}`,
      params: { ...last.what.params, what: last.description, whatKind: last.what.kind },
      entity: 'assignment',
      entityId: a.id,
      incidentId: a.incidentId,
    },
    changes: [
      { entity: 'assignment', id: a.id, create: false, fields: { ...restore, updatedAt: now } },
    ],
  });
  lastActions.delete(ctx);
  return { undone: last.what };
}

export function getAlertText(
  ctx: BackendContext,
  input: ApiParsedInput<'getAlertText'>,
): ApiOutput<'getAlertText'> {
  const a = loadAssignment(ctx, input.assignmentId);
  const responder = loadResponder(ctx, a.responderId);
  const incident = loadIncident(ctx, a.incidentId);
  const settings = loadSettings(ctx);
  const meeting = coarsenMeetingPoint(incident.location, {
    coarsen: settings.coarsenLocationsOutside,
    meetingPlace: null,
  });
  const alert = buildAlertText({
    responderName: responder.name,
    responderLanguages: responder.languages,
    incident,
    role: a.role,
    meetingPoint: meeting.near ? `${meeting.label} (${meeting.near})` : meeting.label,
    callback: settings.briefingNetworkHotline,
    networkName: settings.networkName,
  });
  const link = alertLinkLine(ctx, a.id, alert.locales);
  return link ? { ...alert, text: `${alert.text}\n\n${link}` } : alert;
}

export const assignmentHandlers = {
  createAssignment,
  advanceAssignment,
  logCheckIn,
  undoLastAssignmentAction,
  listAssignments,
  // The board reads the roster index: a build under way is waited for between its slices.
  getResponderBoard: async (ctx: BackendContext, input: ApiParsedInput<'getResponderBoard'>) => {
    await rosterIndexReady(ctx);
    return getResponderBoard(ctx, input);
  },
  getAlertText,
} satisfies Partial<Handlers>;
