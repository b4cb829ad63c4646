import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { assignments, incidents, responderLinks } from '../../db/schema';
import { readMeta } from '../local-meta';
import { refusal } from '../refusal';
import type { ResponderLinkView } from '../../shared/api/links';
import type { AnswerKind } from '../../shared/links/format';

export type LinkRow = typeof responderLinks.$inferSelect;

/** `https://relay.example/r/#<id>.<key>`: the relay's address as this console knows it. */
export function linkUrl(relayUrl: string, row: Pick<LinkRow, 'id' | 'linkKey'>): string {
  const base = relayUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/+$/, '');
  return `${base}/r/#${row.id}.${row.linkKey}`;
}

export function loadLink(ctx: BackendContext, linkId: string): LinkRow {
  const row = ctx.db.select().from(responderLinks).where(eq(responderLinks.id, linkId)).get();
  if (!row) throw refusal('not_found', 'error.notFound.link');
  return row;
}

/**
 * A link is live until revoked, past its hours, its assignment released, or its incident
 * closed; a dead link's answers are refused and the relay is told to forget it.
 */
export function isLinkLive(ctx: BackendContext, row: LinkRow, nowMs = ctx.now()): boolean {
  if (row.revokedAt || Date.parse(row.expiresAt) <= nowMs) return false;
  const a = ctx.db
    .select({ status: assignments.status })
    .from(assignments)
    .where(eq(assignments.id, row.assignmentId))
    .get();
  const i = ctx.db
    .select({ status: incidents.status })
    .from(incidents)
    .where(eq(incidents.id, row.incidentId))
    .get();
  return a !== undefined && a.status !== 'released' && i !== undefined && i.status !== 'closed';
}

export function linkView(ctx: BackendContext, row: LinkRow): ResponderLinkView {
  return {
    linkId: row.id,
    assignmentId: row.assignmentId,
    incidentId: row.incidentId,
    url: linkUrl(readMeta(ctx.db, 'relayUrl') ?? '', row),
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    live: isLinkLive(ctx, row),
    openedAt: row.openedAt,
    lastAnswerKind: row.lastAnswerKind as AnswerKind | null,
    lastAnswerAt: row.lastAnswerAt,
    lastEtaMinutes: row.lastEtaMinutes,
    createdAt: row.createdAt,
  };
}

export function listLinkRows(
  ctx: BackendContext,
  filter: { incidentId?: string; assignmentId?: string } = {},
): LinkRow[] {
  const where: SQL[] = [];
  if (filter.incidentId) where.push(eq(responderLinks.incidentId, filter.incidentId));
  if (filter.assignmentId) where.push(eq(responderLinks.assignmentId, filter.assignmentId));
  return ctx.db
    .select()
    .from(responderLinks)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(responderLinks.createdAt))
    .all();
}
