import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  hashPin,
  parseStoredHash,
  pinMatches,
  PRODUCTION_PIN_HASH_COST,
} from '../../backend/shifts/pin-hash';
import { TEST_PIN_HASH_COST, tempBackend, value } from './helpers';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('PIN hashing', () => {
  it('costs at least a quarter second per guess with the production parameters', async () => {
    const started = performance.now();
    const { salt, hash } = await hashPin('123456');
    const elapsedMs = performance.now() - started;
    expect(elapsedMs).toBeGreaterThanOrEqual(250);
    expect(parseStoredHash(hash)?.cost).toEqual(PRODUCTION_PIN_HASH_COST);
    expect(PRODUCTION_PIN_HASH_COST.N * PRODUCTION_PIN_HASH_COST.r * 128).toBeGreaterThanOrEqual(
      128 * 1024 * 1024,
    );
    expect(await pinMatches('123456', salt, hash)).toBe(true);
  });

  it('refuses stored parameters out of bounds instead of running them', async () => {
    const { salt, hash } = await hashPin('123456', TEST_PIN_HASH_COST);
    const hex = hash.split('$')[4];
    expect(await pinMatches('123456', salt, `scrypt$${2 ** 30}$8$1$${hex}`)).toBe(false);
    expect(await pinMatches('123456', salt, `scrypt$1000$8$1$${hex}`)).toBe(false);
    expect(await pinMatches('123456', salt, `bcrypt$${hex}`)).toBe(false);
  });

  it('verifies a hash made with older parameters and rehashes it at the next sign-on', async () => {
    const t = tempBackend();
    cleanup = () => t.cleanup();
    const salt = randomBytes(16).toString('hex');
    // A row as the console stored it before: N=2^14 and a 4-digit PIN.
    const legacy = scryptSync('1234', Buffer.from(salt, 'hex'), 32, { N: 16384, r: 8, p: 1 });
    t.backend.ctx.db.run(
      sql`INSERT INTO dispatcher_pins (name_key, display_name, salt, hash, failed_count, lock_level, locked_until, created_at, updated_at)
          VALUES ('old timer', 'Old Timer', ${salt}, ${`scrypt$16384$8$1$${legacy.toString('hex')}`}, 0, 0, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    expect((await t.backend.call('signOn', { name: 'Old Timer', pin: '4321' })).ok).toBe(false);
    const state = value(await t.backend.call('signOn', { name: 'Old Timer', pin: '1234' }));
    expect(state.shift?.dispatcherName).toBe('Old Timer');
    const row = t.backend.ctx.db.get<{ hash: string; salt: string; failed_count: number }>(
      sql`SELECT hash, salt, failed_count FROM dispatcher_pins WHERE name_key = 'old timer'`,
    );
    expect(parseStoredHash(row.hash)?.cost).toEqual(TEST_PIN_HASH_COST);
    expect(row.salt).not.toBe(salt);
    expect(row.failed_count).toBe(0);
    expect(await pinMatches('1234', row.salt, row.hash)).toBe(true);
    // And the rehashed PIN still signs on.
    value(await t.backend.call('endShift', {}));
    value(await t.backend.call('signOn', { name: 'old timer', pin: '1234' }));
  });

  it('refuses a new PIN shorter than 6 digits, in words', async () => {
    const t = tempBackend();
    cleanup = () => t.cleanup();
    for (const pin of ['1234', '12345', '12ab56', '1234567890123']) {
      const r = await t.backend.call('signOn', { name: 'Nia Nueva', pin, newDispatcher: true });
      expect(!r.ok && r.error.fieldErrors?.pin, pin).toBe('The PIN is 6 to 12 digits');
    }
    value(
      await t.backend.call('signOn', { name: 'Nia Nueva', pin: '123456', newDispatcher: true }),
    );
  });
});
