/**
 * PIN hashing: scrypt, memory-hard, with its parameters stored in each hash
 * (`scrypt$N$r$p$hex`), so hashes made with older parameters still verify and are rehashed with
 * the current ones on the next successful sign-on. Runs on libuv's thread pool (async), so a
 * guess never stalls the console's other calls for its half second.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface PinHashCost {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^17, r=8 (128 MiB), p=2: about 0.5 s of one laptop core per guess. Measured on the build
 * machine (2 shared vCPUs under load): ~0.66 s of CPU, ~1 s wall per hash.
 */
export const PRODUCTION_PIN_HASH_COST: PinHashCost = { N: 2 ** 17, r: 8, p: 2 };
const KEY_BYTES = 32;

/** Stored parameters outside these bounds are refused rather than run (a tampered row). */
const costInBounds = ({ N, r, p }: PinHashCost) =>
  Number.isSafeInteger(N) &&
  N >= 2 ** 10 &&
  N <= 2 ** 20 &&
  (N & (N - 1)) === 0 &&
  Number.isSafeInteger(r) &&
  r >= 1 &&
  r <= 32 &&
  Number.isSafeInteger(p) &&
  p >= 1 &&
  p <= 16;

function derive(pin: string, saltHex: string, cost: PinHashCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      pin.normalize('NFC'),
      Buffer.from(saltHex, 'hex'),
      KEY_BYTES,
      { ...cost, maxmem: 128 * cost.N * cost.r + 128 * cost.r * cost.p + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function hashPin(
  pin: string,
  cost: PinHashCost = PRODUCTION_PIN_HASH_COST,
): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16).toString('hex');
  const key = await derive(pin, salt, cost);
  return { salt, hash: `scrypt$${cost.N}$${cost.r}$${cost.p}$${key.toString('hex')}` };
}

export function parseStoredHash(stored: string): { cost: PinHashCost; key: Buffer } | null {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]{64})$/.exec(stored);
  if (!match) return null;
  const cost = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  return costInBounds(cost) ? { cost, key: Buffer.from(match[4]!, 'hex') } : null;
}

export const sameCost = (a: PinHashCost, b: PinHashCost) =>
  a.N === b.N && a.r === b.r && a.p === b.p;

export async function pinMatches(pin: string, salt: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const actual = await derive(pin, salt, parsed.cost);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}
