/**
 * Dispatcher PINs: stored LOCALLY only (table dispatcher_pins, never in the op log), as a salted
 * scrypt hash, and rate-limited here in the backend so no renderer can brute-force them: after
 * MAX_FAILURES wrong PINs in a row the name is locked for 60 s, and each further lock doubles
 * (60 s, 120 s, 240 s, ... at most one hour). A correct PIN resets the counters. The counters live
 * in the database, so restarting the console does not reset them.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ConsoleDb } from '../../db/open';
import { dispatcherPins } from '../../db/schema';
import { ApiFailure } from '../../shared/api/result';

export const MAX_FAILURES = 5;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;
/** scrypt cost: N=2^14, r=8, p=1 (about 50 ms), 32-byte key, 16-byte random salt. */
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;
const FORMAT = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}`;

type PinRow = typeof dispatcherPins.$inferSelect;

/** Names compare case- and space-insensitively ("ana  ROSARIO" is "Ana Rosario"). */
export const nameKey = (name: string) =>
  name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');

function derive(pin: string, saltHex: string): Buffer {
  return scryptSync(pin.normalize('NFC'), Buffer.from(saltHex, 'hex'), SCRYPT.keylen, {
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
  });
}

export function hashPin(pin: string): { salt: string; hash: string } {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: `${FORMAT}$${derive(pin, salt).toString('hex')}` };
}

export function pinMatches(pin: string, salt: string, stored: string): boolean {
  const hex = stored.startsWith(`${FORMAT}$`) ? stored.slice(FORMAT.length + 1) : null;
  if (!hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const actual = derive(pin, salt);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function findPin(db: ConsoleDb, name: string): PinRow | undefined {
  return db
    .select()
    .from(dispatcherPins)
    .where(eq(dispatcherPins.nameKey, nameKey(name)))
    .get();
}

export function listPinNames(db: ConsoleDb): string[] {
  return db
    .select({ name: dispatcherPins.displayName })
    .from(dispatcherPins)
    .all()
    .map((r) => r.name)
    .sort((a, b) => a.localeCompare(b));
}

export function registerPin(db: ConsoleDb, name: string, pin: string, nowMs: number): PinRow {
  const now = new Date(nowMs).toISOString();
  const { salt, hash } = hashPin(pin);
  const row: PinRow = {
    nameKey: nameKey(name),
    displayName: name.trim().replace(/\s+/g, ' '),
    salt,
    hash,
    failedCount: 0,
    lockLevel: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  };
  db.insert(dispatcherPins).values(row).run();
  return row;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Checks `pin` for the dispatcher in `row`, enforcing the rate limit. Throws ApiFailure
 * 'unauthorized' on a wrong PIN or while locked; returns normally when the PIN is right.
 */
export function verifyPinRateLimited(db: ConsoleDb, row: PinRow, pin: string, nowMs: number) {
  const lockedUntil = row.lockedUntil ? Date.parse(row.lockedUntil) : 0;
  if (lockedUntil > nowMs) {
    throw new ApiFailure(
      'unauthorized',
      `Too many wrong PINs. Try again in ${seconds(lockedUntil - nowMs)} s.`,
      { pin: 'Locked for now' },
    );
  }
  const now = new Date(nowMs).toISOString();
  const where = eq(dispatcherPins.nameKey, row.nameKey);
  if (/^\d{4,8}$/.test(pin) && pinMatches(pin, row.salt, row.hash)) {
    if (row.failedCount || row.lockLevel || row.lockedUntil)
      db.update(dispatcherPins)
        .set({ failedCount: 0, lockLevel: 0, lockedUntil: null, updatedAt: now })
        .where(where)
        .run();
    return;
  }
  const failures = row.failedCount + 1;
  if (failures >= MAX_FAILURES) {
    const level = row.lockLevel + 1;
    const lockMs = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (level - 1));
    db.update(dispatcherPins)
      .set({
        failedCount: 0,
        lockLevel: level,
        lockedUntil: new Date(nowMs + lockMs).toISOString(),
        updatedAt: now,
      })
      .where(where)
      .run();
    throw new ApiFailure(
      'unauthorized',
      `Wrong PIN. Too many wrong PINs: locked for ${seconds(lockMs)} s.`,
      { pin: 'Wrong PIN' },
    );
  }
  db.update(dispatcherPins).set({ failedCount: failures, updatedAt: now }).where(where).run();
  const left = MAX_FAILURES - failures;
  throw new ApiFailure(
    'unauthorized',
    `Wrong PIN (${left} ${left === 1 ? 'try' : 'tries'} left before a lock).`,
    { pin: 'Wrong PIN' },
  );
}
