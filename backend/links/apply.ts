import { createHash } from 'node:crypto';
import type { BackendContext } from '../context';
import { mutate } from '../mutation';
import { prepared } from '../prepared';
import { loadAssignment } from '../assignments/queries';
import { loadResponder } from '../roster/responders';
import type { OpChange } from '../../shared/sync/op';
import type { LinkAnswer } from '../../shared/sync/link-protocol';
import { AnswerSchema, type Answer } from '../../shared/links/format';
import { openAnswer } from '../../shared/links/seal';
import {
  answerSummary,
  fieldReportParams,
  fieldReportText,
  planAnswer,
} from '../../shared/links/answer-plan';
import { isLinkLive, type LinkRow } from './queries';
import { responderLinks } from '../../db/schema';
import { eq } from 'drizzle-orm';

/**
 * What became of one answer: applied; a duplicate (this answer id is in the log already, from
 * this console or another); refused for good (dead link, or bytes that do not open with the
 * link's key: damaged or forged); or `later` (this console has not yet received the op that
 * made the link, so it cannot open the answer yet and leaves it on the relay).
 */
export type AnswerOutcome = 'applied' | 'duplicate' | 'refused' | 'tampered' | 'later';

/**
 * The op id of an answer, the same on every console: a UUIDv7 whose time is the relay's receipt
 * time and whose other bits come from the link and answer ids. Two consoles applying the same
 * answer make ops with one id, so the second to arrive anywhere is skipped as a duplicate.
 */
export function answerOpId(linkId: string, answerId: string, receivedAtMs: number): string {
  const hash = createHash('sha256').update(`${linkId}:${answerId}`).digest('hex');
  const time = receivedAtMs.toString(16).padStart(12, '0').slice(-12);
  const variant = ((parseInt(hash[15]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hash.slice(0, 3)}-${variant}${hash.slice(3, 6)}-${hash.slice(6, 18)}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function applyLinkAnswer(
  ctx: BackendContext,
  received: LinkAnswer,
): Promise<AnswerOutcome> {
  const row = ctx.db
    .select()
    .from(responderLinks)
    .where(eq(responderLinks.id, received.linkId))
    .get();
  if (!row) return 'later';
  let answer: Answer;
  try {
    const parsed = AnswerSchema.safeParse(await openAnswer(row.linkKey, row.id, received.sealed));
    if (!parsed.success || parsed.data.answerId !== received.answerId) return 'tampered';
    answer = parsed.data;
  } catch {
    return 'tampered';
  }
  const opId = answerOpId(row.id, answer.answerId, received.receivedAtMs);
  if (prepared(ctx.db.$client, 'SELECT 1 FROM op_log WHERE op_id = ?').get(opId))
    return 'duplicate';
  if (!isLinkLive(ctx, row, received.receivedAtMs)) return 'refused';
  applyAnswer(ctx, row, answer, opId, received.receivedAtMs);
  return 'applied';
}

function applyAnswer(
  ctx: BackendContext,
  row: LinkRow,
  answer: Answer,
  opId: string,
  atMs: number,
): void {
  const a = loadAssignment(ctx, row.assignmentId);
  const responder = loadResponder(ctx, a.responderId);
  const at = iso(atMs);
  const linkFields: Record<string, unknown> = { updatedAt: at };
  if (answer.kind === 'opened') {
    if (!row.openedAt) linkFields.openedAt = at;
  } else if (answer.kind !== 'report') {
    // A field report goes to the timeline; the panel keeps showing the lifecycle answer.
    Object.assign(linkFields, {
      lastAnswerKind: answer.kind,
      lastAnswerAt: at,
      lastEtaMinutes: answer.etaMinutes ?? null,
    });
  }
  const changes: OpChange[] = [
    { entity: 'responderLink', id: row.id, create: false, fields: linkFields },
  ];
  const plan = planAnswer(a.status, answer);
  if (plan.step) {
    const fields: Record<string, unknown> = {
      status: plan.step,
      statusChangedAt: at,
      updatedAt: at,
    };
    if (plan.etaMinutes) fields.etaAt = iso(atMs + plan.etaMinutes * 60_000);
    if (plan.step === 'declined') fields.declineReason = answer.reason ?? 'other';
    changes.push({ entity: 'assignment', id: a.id, create: false, fields });
  }
  const role = a.role.replace(/_/g, ' ');
  const refused =
    !plan.step && 'refused' in plan && plan.refused ? ` (not applied: ${plan.refused})` : '';
  const report = answer.kind === 'report' && answer.report ? answer.report : null;
  mutate(ctx, {
    opId,
    actor: `${responder.name} via responder link`.slice(0, 80),
    activity: report
      ? {
          kind: 'verification.note',
          message: `Field report via responder link (${responder.name}, ${role}): ${fieldReportText(report)}`,
          params: { ...fieldReportParams(report), name: responder.name, role: a.role, via: 'link' },
          entity: 'incident',
          entityId: a.incidentId,
          incidentId: a.incidentId,
        }
      : {
          kind: answer.kind === 'opened' ? 'link.opened' : 'link.answer',
          message: `${responder.name} (${role}) via responder link: ${answerSummary(answer)}${refused}`,
          params: {
            name: responder.name,
            role: a.role,
            answer: answer.kind,
            from: a.status,
            to: plan.step,
            etaMinutes: answer.etaMinutes ?? null,
            via: 'link',
            answerKind: `linkAnswer.${answer.kind}${answer.etaMinutes ? 'Eta' : ''}`,
            ...(answer.reason ? { reason: answer.reason } : {}),
            ...(refused ? { notAppliedKind: 'linkAnswer.notApplied' } : { notApplied: '' }),
          },
          entity: 'assignment',
          entityId: a.id,
          incidentId: a.incidentId,
        },
    changes,
  });
}
