import type { Responder } from '../api/schemas';
import { ROLE_REQUIRED_TRAINING, SCENE_ROLES, type ResponderRole } from '../domain/vocabulary';
import { localClock, NETWORK_TIME_ZONE } from '../matching/local-time';
import { availabilityNow } from '../matching/availability';

/**
 * What makes an assignment questionable. None of these is forbidden outright: a dispatcher may
 * know better (the person called in, the training was renewed yesterday), so each asks for an
 * explicit override with a reason, which is recorded. Hard refusals (closed incident, same person
 * twice on one incident, inactive responder, a stale board) live in the backend handler.
 */
export type GuardCode = 'busy_elsewhere' | 'off_duty' | 'missing_training' | 'avoids_scenes';

export interface Guard {
  code: GuardCode;
  message: string;
}

export function isAvailableNow(
  responder: Responder,
  nowMs: number,
  timeZone = NETWORK_TIME_ZONE,
): boolean {
  return availabilityNow(responder, nowMs, timeZone).kind !== 'off_duty';
}

/** A role's required training is current when completed on or before today and not expired. */
export function hasCurrentTrainingFor(
  responder: Responder,
  role: ResponderRole,
  nowMs: number,
  timeZone = NETWORK_TIME_ZONE,
): boolean {
  const required = ROLE_REQUIRED_TRAINING[role];
  if (!required) return true;
  const today = localClock(nowMs, timeZone).date;
  return responder.trainings.some(
    (t) =>
      t.kind === required &&
      (t.completedOn ?? '') <= today &&
      (t.expiresOn === null || t.expiresOn >= today),
  );
}

export function assignmentGuards(input: {
  responder: Responder;
  role: ResponderRole;
  nowMs: number;
  /** The incident (label) this person is already actively assigned to, if any other. */
  busyElsewhere: string | null;
  timeZone?: string;
}): Guard[] {
  const { responder: r, role, nowMs, busyElsewhere } = input;
  const guards: Guard[] = [];
  if (busyElsewhere) {
    guards.push({
      code: 'busy_elsewhere',
      message: `${r.name} is already assigned to ${busyElsewhere}.`,
    });
  }
  if (!isAvailableNow(r, nowMs, input.timeZone)) {
    guards.push({
      code: 'off_duty',
      message: `${r.name} is off duty and outside their availability now.`,
    });
  }
  if (!hasCurrentTrainingFor(r, role, nowMs, input.timeZone)) {
    const training = ROLE_REQUIRED_TRAINING[role]!.replace(/_/g, ' ');
    guards.push({
      code: 'missing_training',
      message: `${r.name} has no current "${training}" training, which the ${role.replace(/_/g, ' ')} role requires.`,
    });
  }
  if (r.avoidEnforcementScenes && SCENE_ROLES.includes(role)) {
    guards.push({
      code: 'avoids_scenes',
      message: `${r.name} asked not to be sent to enforcement scenes; ${role.replace(/_/g, ' ')} is a scene role.`,
    });
  }
  return guards;
}
