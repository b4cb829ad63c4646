import { z } from 'zod';
import { op } from './operation';
import { Id, IsoTime } from './schemas';
import { ANSWER_KINDS, LinkId, MAX_LINK_HOURS } from '../links/format';

/** Responder links (shared/links): made from an assignment, answered on the responder's phone. */
export const ResponderLinkSchema = z.object({
  linkId: LinkId,
  assignmentId: Id,
  incidentId: Id,
  /** The whole link, key included: for copying and the QR code on this network's consoles. */
  url: z.string(),
  expiresAt: IsoTime,
  revokedAt: IsoTime.nullable(),
  /** False once revoked, expired, released, or the incident closed. */
  live: z.boolean(),
  openedAt: IsoTime.nullable(),
  lastAnswerKind: z.enum(ANSWER_KINDS).nullable(),
  lastAnswerAt: IsoTime.nullable(),
  lastEtaMinutes: z.number().int().nullable(),
  createdAt: IsoTime,
});
export type ResponderLinkView = z.output<typeof ResponderLinkSchema>;

export const linkOperations = {
  createResponderLink: op(
    z.strictObject({
      assignmentId: Id,
      hours: z.number().int().min(1).max(MAX_LINK_HOURS).optional(),
    }),
    z.object({ url: z.string(), linkId: LinkId, expiresAt: IsoTime }),
    "Makes a responder link for an assignment (the key stays in the link's fragment).",
  ),
  revokeResponderLink: op(
    z.strictObject({ linkId: LinkId }),
    ResponderLinkSchema,
    'Withdraws a responder link: the page says it expired and answers are refused.',
  ),
  listResponderLinks: op(
    z.strictObject({ incidentId: Id.optional(), assignmentId: Id.optional() }),
    z.array(ResponderLinkSchema),
    'Responder links of an incident or assignment, newest first, with what the phone answered.',
  ),
  getResponderLinkQr: op(
    z.strictObject({ linkId: LinkId }),
    z.object({ dataUrl: z.string() }),
    'The link as a QR code (an SVG data URL) to show on screen.',
  ),
} as const;
