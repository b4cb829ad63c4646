/**
 * Dispatcher PINs: stored LOCALLY only (table dispatcher_pins, never in the op log), as a salted
 * memory-hard hash (./pin-hash), and rate-limited here in the backend so no renderer can
 * brute-force them: after MAX_FAILURES wrong PINs in a row the name is locked for 60 s, and each
 * further lock doubles (60 s, 120 s, 240 s, ... at most one hour). A correct PIN resets the
 * counters. The counters live in the database, so restarting the console does not reset them.
 * Checks run one at a time per database, so parallel guesses cannot slip past the counters.
 */
import { eq } from 'drizzle-orm';
import type { ConsoleDb } from '../../db/open';
import { dispatcherPins } from '../../db/schema';
import { isEnteredPinShape } from '../../shared/shifts/pin-rules';
import {
  hashPin,
  parseStoredHash,
  pinMatches,
  PRODUCTION_PIN_HASH_COST,
  sameCost,
  type PinHashCost,
} from './pin-hash';
import { refusal } from '../refusal';

export const MAX_FAILURES = 5;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 60 * 60_000;

type PinRow = typeof dispatcherPins.$inferSelect;

/** Names compare case- and space-insensitively ("ana  ROSARIO" is "Ana Rosario"). */
export const nameKey = (name: string) =>
  name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');

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

/** Hashes a PIN being set, queued with the checks so at most one hash's memory is in use. */
export function hashNewPin(
  db: ConsoleDb,
  pin: string,
  cost: PinHashCost = PRODUCTION_PIN_HASH_COST,
): Promise<{ salt: string; hash: string }> {
  return oneAtATime(db, () => hashPin(pin, cost));
}

/** Stores a PIN hashed beforehand (hashing is async; the insert stays with the sign-on). */
export function insertPin(
  db: ConsoleDb,
  name: string,
  hashed: { salt: string; hash: string },
  nowMs: number,
): PinRow {
  const now = new Date(nowMs).toISOString();
  const { salt, hash } = hashed;
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

const queues = new WeakMap<ConsoleDb, Promise<unknown>>();

/**
 * Runs `task` after every secret check (PIN or console passphrase) already queued on `db` has
 * finished: guesses sent in parallel cost their full hashing time one after another.
 */
export function oneAtATime<T>(db: ConsoleDb, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Checks `pin` for the dispatcher named by `row`, enforcing the rate limit. Throws ApiFailure
 * 'unauthorized' on a wrong PIN or while locked; returns normally when the PIN is right, after
 * rehashing it if it was stored with other parameters than `cost`.
 */
export function verifyPinRateLimited(
  db: ConsoleDb,
  row: PinRow,
  pin: string,
  now: () => number,
  cost: PinHashCost = PRODUCTION_PIN_HASH_COST,
): Promise<void> {
  return oneAtATime(db, () => checkPin(db, row.nameKey, pin, now, cost));
}

async function checkPin(
  db: ConsoleDb,
  key: string,
  pin: string,
  clock: () => number,
  cost: PinHashCost,
): Promise<void> {
  // Re-read: an earlier check in the queue may have counted a failure or set a lock.
  const row = db.select().from(dispatcherPins).where(eq(dispatcherPins.nameKey, key)).get();
  if (!row) throw refusal('not_found', 'error.pin.gone');
  const startMs = clock();
  const lockedUntil = row.lockedUntil ? Date.parse(row.lockedUntil) : 0;
  if (lockedUntil > startMs) {
    throw refusal(
      'unauthorized',
      'error.pin.lockedFor',
      { seconds: seconds(lockedUntil - startMs) },
      { pin: 'Locked for now' },
    );
  }
  const where = eq(dispatcherPins.nameKey, row.nameKey);
  const matches = isEnteredPinShape(pin) && (await pinMatches(pin, row.salt, row.hash));
  const nowMs = clock();
  const now = new Date(nowMs).toISOString();
  if (matches) {
    const stale = !sameCost(parseStoredHash(row.hash)?.cost ?? cost, cost);
    const fresh = stale ? await hashPin(pin, cost) : null;
    if (fresh || row.failedCount || row.lockLevel || row.lockedUntil)
      db.update(dispatcherPins)
        .set({
          failedCount: 0,
          lockLevel: 0,
          lockedUntil: null,
          updatedAt: now,
          ...(fresh ?? {}),
        })
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
    throw refusal(
      'unauthorized',
      'error.pin.wrongLocked',
      { seconds: seconds(lockMs) },
      { pin: 'Wrong PIN' },
    );
  }
  db.update(dispatcherPins).set({ failedCount: failures, updatedAt: now }).where(where).run();
  const left = MAX_FAILURES - failures;
  throw refusal('unauthorized', 'error.pin.wrongTriesLeft', { left }, { pin: 'Wrong PIN' });
}
