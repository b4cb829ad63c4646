import { z } from 'zod';
import { DECLINE_REASONS, VERIFICATION_OUTCOMES } from '../domain/vocabulary';

/**
 * Responder links: `https://<relay>/r/#<link id>.<key>`. The key (AES-GCM 256) lives only in the
 * URL fragment, which browsers never send, so the relay stores and forwards sealed bytes it
 * cannot open. Both sides seal the same way (./seal.ts and relay/responder-page/page.js):
 * base64url(iv[12] || ciphertext+tag), with the purpose and link id as additional data, so an
 * envelope cannot be replayed as an answer or moved to another link.
 */
export const LINK_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const LINK_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const LinkId = z.string().regex(LINK_ID_PATTERN, 'Link ids are 22 base64url characters');
export const SealedLinkBlob = z
  .string()
  .min(40)
  .max(24_000)
  .regex(/^[A-Za-z0-9_-]+$/, 'Sealed link data is base64url');

/** Additional data bound into every seal: what it is and which link it belongs to. */
export const envelopeAad = (linkId: string) => `envelope:${linkId}`;
export const answerAad = (linkId: string) => `answer:${linkId}`;

/** Link lifetime when the dispatcher does not choose one, and the longest allowed. */
export const DEFAULT_LINK_HOURS = 12;
export const MAX_LINK_HOURS = 72;

/** What the responder's phone shows: the job, never the caller or the people affected. */
export const EnvelopeSchema = z.strictObject({
  v: z.literal(1),
  /** The responder's first name, so they know the link is theirs. */
  greeting: z.string().max(80),
  role: z.string().max(40),
  incidentType: z.string().max(40),
  meetingPoint: z.string().max(200),
  meetingNear: z.string().max(200).nullable(),
  /** When the incident was reported (ISO). */
  time: z.string().max(40),
  /** The team lead's or the hotline's number. */
  contact: z.string().max(40),
  bring: z.array(z.string().max(120)).max(12),
  expiresAt: z.string().max(40),
  /** The responder's language, chosen for the page's first view. */
  locale: z.enum(['en', 'es']),
});
export type Envelope = z.output<typeof EnvelopeSchema>;

export const ANSWER_KINDS = [
  'opened',
  'accept',
  'decline',
  'en_route',
  'on_scene',
  'leaving',
  'report',
] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

const short = z.string().trim().max(300);
export const FieldReportSchema = z.strictObject({
  outcome: z.enum(VERIFICATION_OUTCOMES),
  count: z.number().int().min(0).max(500).nullable(),
  activity: short,
  agency: short,
  vehicles: short,
  equipment: short,
});
export type FieldReport = z.output<typeof FieldReportSchema>;

/** One tap on the phone, as sealed by the page. `answerId` makes a replay apply once. */
export const AnswerSchema = z.strictObject({
  v: z.literal(1),
  answerId: z.uuid(),
  kind: z.enum(ANSWER_KINDS),
  etaMinutes: z.number().int().min(1).max(600).nullable().optional(),
  reason: z.enum(DECLINE_REASONS).nullable().optional(),
  report: FieldReportSchema.nullable().optional(),
});
export type Answer = z.output<typeof AnswerSchema>;
