import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time invite codes: the operator makes one for a network name (`npm run relay -- invite
 * NAME`), hands it to the network's coordinator out of band, and the first console presents it
 * with its hello. The relay stores only a hash; a code registers one network once, before it
 * expires.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const DEFAULT_INVITE_HOURS = 72;

/** 24 characters from a 31-letter alphabet (about 118 bits), grouped in fours for reading. */
export function newInviteCode(): string {
  const bytes = randomBytes(24);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]!).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Case, spaces and dashes do not matter when a person types the code. */
export function hashInviteCode(code: string): string {
  const normalized = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(`rrc-invite:${normalized}`).digest('hex');
}
