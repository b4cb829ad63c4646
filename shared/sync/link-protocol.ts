import { z } from 'zod';
import { LinkId, SealedLinkBlob } from '../links/format';

/**
 * Responder-link events on the consoles' authenticated relay socket (shared/links). The relay
 * keys links by id and network, serves their sealed envelopes at `GET /r/api/<id>`, takes
 * sealed answers at `POST /r/api/<id>/answers` and forwards them here; it can open neither.
 */
export const LINK_EV = {
  /** console -> relay: store (or refresh) a link's sealed envelope until `expiresAtMs`. */
  put: 'link_put',
  /** console -> relay: the link is dead (revoked, released, incident closed); sticky. */
  revoke: 'link_revoke',
  /** console -> relay: send me the answers still waiting (after each welcome). */
  pull: 'link_pull',
  /** relay -> consoles: one sealed answer, live or pulled. */
  answer: 'link_answer',
  /** console -> relay: applied (or refused for good); the relay forgets them. */
  ack: 'link_ack',
} as const;

export const LinkPutSchema = z.object({
  linkId: LinkId,
  envelope: SealedLinkBlob,
  expiresAtMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type LinkPut = z.output<typeof LinkPutSchema>;

export const LinkRevokeSchema = z.object({ linkId: LinkId });

export const LinkAnswerSchema = z.object({
  linkId: LinkId,
  answerId: z.uuid(),
  sealed: SealedLinkBlob,
  /** The relay's clock when the answer arrived: every console derives times from the same one. */
  receivedAtMs: z.number().int().min(0),
});
export type LinkAnswer = z.output<typeof LinkAnswerSchema>;

export const LinkAckSchema = z.object({
  answers: z
    .array(z.object({ linkId: LinkId, answerId: z.uuid() }))
    .min(1)
    .max(500),
});

/** The page's POST body: the sealed answer and its id (the id is inside the seal too). */
export const AnswerPostSchema = z.strictObject({ answerId: z.uuid(), sealed: SealedLinkBlob });
