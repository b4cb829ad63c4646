import QRCode from 'qrcode';
import type { BackendContext, Handlers } from '../context';
import { mutate } from '../mutation';
import { readMeta } from '../local-meta';
import { loadAssignment } from '../assignments/queries';
import { loadIncident } from '../incidents/queries';
import { loadResponder } from '../roster/responders';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { DEFAULT_LINK_HOURS } from '../../shared/links/format';
import { newLinkSecrets, sealEnvelope } from '../../shared/links/seal';
import { buildEnvelope } from './envelope';
import { isLinkLive, linkUrl, linkView, listLinkRows, loadLink } from './queries';
import { linkChannelOf } from './channel';
import { refusal } from '../refusal';

const iso = (ms: number) => new Date(ms).toISOString();

export async function createResponderLink(
  ctx: BackendContext,
  input: ApiParsedInput<'createResponderLink'>,
): Promise<ApiOutput<'createResponderLink'>> {
  const a = loadAssignment(ctx, input.assignmentId);
  if (a.status === 'released' || a.status === 'declined')
    throw refusal('refused', 'error.link.noUse', { current: a.status });
  const incident = loadIncident(ctx, a.incidentId);
  if (incident.status === 'closed') throw refusal('refused', 'error.link.incidentClosed');
  const relayUrl = readMeta(ctx.db, 'relayUrl');
  if (!relayUrl) throw refusal('refused', 'error.link.noRelay');
  const { linkId, key } = newLinkSecrets();
  const nowMs = ctx.now();
  const hours = input.hours ?? DEFAULT_LINK_HOURS;
  const expiresAt = iso(nowMs + hours * 3_600_000);
  const sealedEnvelope = await sealEnvelope(key, linkId, buildEnvelope(ctx, a, expiresAt));
  const responder = loadResponder(ctx, a.responderId);
  const now = iso(nowMs);
  mutate(ctx, {
    activity: {
      kind: 'link.created',
      message: `Responder link made for ${responder.name} (${a.role.replace(/_/g, ' ')}), valid ${hours} h`,
      params: { name: responder.name, role: a.role, hours },
      entity: 'assignment',
      entityId: a.id,
      incidentId: a.incidentId,
    },
    changes: [
      {
        entity: 'responderLink',
        id: linkId,
        create: true,
        fields: {
          assignmentId: a.id,
          incidentId: a.incidentId,
          // Inside the op, which only the network's consoles can open: every console of the
          // network needs the key to open the answers.
          linkKey: key,
          sealedEnvelope,
          expiresAt,
          revokedAt: null,
          openedAt: null,
          lastAnswerKind: null,
          lastAnswerAt: null,
          lastEtaMinutes: null,
          createdAt: now,
          updatedAt: now,
        },
      },
    ],
  });
  linkChannelOf(ctx)?.reconcileSoon();
  return { url: linkUrl(relayUrl, { id: linkId, linkKey: key }), linkId, expiresAt };
}

export function revokeResponderLink(
  ctx: BackendContext,
  input: ApiParsedInput<'revokeResponderLink'>,
): ApiOutput<'revokeResponderLink'> {
  const row = loadLink(ctx, input.linkId);
  if (row.revokedAt) throw refusal('refused', 'error.link.revoked');
  const a = loadAssignment(ctx, row.assignmentId);
  const responder = loadResponder(ctx, a.responderId);
  const now = iso(ctx.now());
  mutate(ctx, {
    activity: {
      kind: 'link.revoked',
      message: `Responder link of ${responder.name} revoked`,
      params: { name: responder.name },
      entity: 'assignment',
      entityId: a.id,
      incidentId: a.incidentId,
    },
    changes: [
      {
        entity: 'responderLink',
        id: row.id,
        create: false,
        fields: { revokedAt: now, updatedAt: now },
      },
    ],
  });
  linkChannelOf(ctx)?.reconcileSoon();
  return linkView(ctx, loadLink(ctx, row.id));
}

export function listResponderLinks(
  ctx: BackendContext,
  input: ApiParsedInput<'listResponderLinks'>,
): ApiOutput<'listResponderLinks'> {
  return listLinkRows(ctx, input).map((row) => linkView(ctx, row));
}

export async function getResponderLinkQr(
  ctx: BackendContext,
  input: ApiParsedInput<'getResponderLinkQr'>,
): Promise<ApiOutput<'getResponderLinkQr'>> {
  const view = linkView(ctx, loadLink(ctx, input.linkId));
  if (!view.live) throw refusal('refused', 'error.link.dead');
  const svg = await QRCode.toString(view.url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
  });
  return { dataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The line the copied alert text ends with, when the assignment has a live link. */
export function alertLinkLine(ctx: BackendContext, assignmentId: string, locales: string[]) {
  const row = listLinkRows(ctx, { assignmentId }).find((r) => isLinkLive(ctx, r));
  const relayUrl = readMeta(ctx.db, 'relayUrl');
  if (!row || !relayUrl) return null;
  const url = linkUrl(relayUrl, row);
  return locales
    .map((l) => (l === 'es' ? `Responda aquí: ${url}` : `Answer here: ${url}`))
    .join('\n');
}

export const linkHandlers = {
  createResponderLink,
  revokeResponderLink,
  listResponderLinks,
  getResponderLinkQr,
} satisfies Partial<Handlers>;
