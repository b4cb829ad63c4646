import type { AssignmentStatus } from '../domain/vocabulary';
import { checkAssignmentTransition } from '../assignments/lifecycle';
import type { Answer, AnswerKind } from './format';

/** The lifecycle step each answer asks for (null: it changes no status). */
const TARGET: Record<AnswerKind, AssignmentStatus | null> = {
  opened: null,
  accept: 'accepted',
  decline: 'declined',
  en_route: 'en_route',
  on_scene: 'on_scene',
  leaving: 'departed',
  report: null,
};

export type AnswerPlan =
  { step: AssignmentStatus; etaMinutes: number | null } | { step: null; refused: string | null };

/**
 * What an answer does to an assignment in `from`. A responder who answers from the link was
 * reached, so accepting or declining a proposal counts as notified first; "on my way" before
 * "accept" is an acceptance too. A step the lifecycle forbids (answering on a released
 * assignment) changes nothing and says why, for the timeline.
 */
export function planAnswer(from: AssignmentStatus, answer: Answer): AnswerPlan {
  const to = TARGET[answer.kind];
  if (to === null) return { step: null, refused: null };
  if (from === to) return { step: null, refused: `already ${from.replace(/_/g, ' ')}` };
  const reachable =
    checkAssignmentTransition(from, to).ok ||
    (from === 'proposed' && (to === 'accepted' || to === 'en_route')) ||
    (from === 'notified' && to === 'en_route');
  if (!reachable) return { step: null, refused: checkRefusal(from, to) };
  return { step: to, etaMinutes: answer.etaMinutes ?? null };
}

function checkRefusal(from: AssignmentStatus, to: AssignmentStatus): string {
  const check = checkAssignmentTransition(from, to);
  return check.ok ? '' : check.reason;
}

/** "accepted (ETA 8 min)" — the English summary of an answer for the activity log. */
export function answerSummary(answer: Answer): string {
  const eta = answer.etaMinutes ? ` (ETA ${answer.etaMinutes} min)` : '';
  switch (answer.kind) {
    case 'opened':
      return 'opened the link';
    case 'accept':
      return `accepted${eta}`;
    case 'decline':
      return `declined (reason: ${(answer.reason ?? 'other').replace(/_/g, ' ')})`;
    case 'en_route':
      return `on the way${eta}`;
    case 'on_scene':
      return 'on scene';
    case 'leaving':
      return 'leaving the scene';
    case 'report':
      return 'sent a field report';
  }
}

/** The field report as one note line: outcome first, then only what the verifier filled in. */
export function fieldReportText(report: NonNullable<Answer['report']>): string {
  const parts = [
    `outcome: ${report.outcome.replace(/_/g, ' ')}`,
    report.count !== null ? `count: ${report.count}` : '',
    report.activity ? `activity: ${report.activity}` : '',
    report.agency ? `agency/uniform: ${report.agency}` : '',
    report.vehicles ? `vehicles/plates: ${report.vehicles}` : '',
    report.equipment ? `equipment: ${report.equipment}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * The field report as activity params: the outcome code, and each filled-in detail with a
 * `<detail>NoteKind` message key that words it (an empty detail is an empty `<detail>Note`).
 */
export function fieldReportParams(
  report: NonNullable<Answer['report']>,
): Record<string, string | number> {
  const details = {
    count: report.count,
    activity: report.activity,
    uniform: report.agency,
    vehicles: report.vehicles,
    equipment: report.equipment,
  };
  const params: Record<string, string | number> = { outcome: report.outcome };
  for (const [name, value] of Object.entries(details)) {
    if (value === null || value === '') params[`${name}Note`] = '';
    else {
      params[name] = value;
      params[`${name}NoteKind`] = `fieldReport.${name}`;
    }
  }
  return params;
}
