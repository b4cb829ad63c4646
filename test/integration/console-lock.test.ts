import { afterEach, describe, expect, it } from 'vitest';
import { API_NAMES } from '../../shared/api/contract';
import type { ConsoleBackend } from '../../backend/console-backend';
import { databaseHash, tempBackend, value } from './helpers';
import { TEST_PASSPHRASE } from '../test-passphrase';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/** What a locked console still answers: its own status, and the ways to unlock it. */
const ANSWERED_WHILE_LOCKED = [
  'getSession',
  'getShiftState',
  'getSyncStatus',
  'lockConsole',
  'unlockConsole',
  'signOn',
];

const passphraseChecks = { running: 0, most: 0 };

async function lockedConsole(passphrase?: string) {
  const verify = async (candidate: string) => {
    passphraseChecks.most = Math.max(passphraseChecks.most, ++passphraseChecks.running);
    await new Promise((r) => setTimeout(r, 5));
    passphraseChecks.running--;
    return candidate === passphrase;
  };
  const t = tempBackend(
    undefined,
    passphrase === undefined ? {} : { consolePassphrase: { verify } },
  );
  cleanup = () => t.cleanup();
  const b = t.backend;
  value(await b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
  value(await b.call('endShift', {}));
  value(await b.call('signOn', { name: 'Bo Night', pin: '135724', newDispatcher: true }));
  value(await b.call('endShift', {}));
  const shift = value(await b.call('signOn', { name: 'Ana Day', pin: '246813' })).shift!;
  value(await b.call('lockConsole', {}));
  return { b, shiftId: shift.id };
}

async function expectStillLockedBy(b: ConsoleBackend, shiftId: string) {
  const state = value(await b.call('getShiftState', {}));
  expect(state.locked).toBe(true);
  expect(state.shift?.id).toBe(shiftId);
  expect(state.shift?.dispatcherName).toBe('Ana Day');
  expect(state.dispatchers).toEqual(['Ana Day', 'Bo Night']);
}

describe('a locked console', () => {
  it('refuses every operation but its status and unlocking, and changes nothing', async () => {
    const { b, shiftId } = await lockedConsole();
    const before = databaseHash(b);
    const refused = API_NAMES.filter((op) => !ANSWERED_WHILE_LOCKED.includes(op));
    expect(refused.length).toBeGreaterThan(30);
    for (const op of refused) {
      const result = await b.call(op, {});
      expect(result.ok, op).toBe(false);
      if (!result.ok) {
        expect(result.error.code, op).toBe('unauthorized');
        expect(result.error.message, op).toMatch(/locked/);
      }
    }
    expect(databaseHash(b)).toBe(before);
    await expectStillLockedBy(b, shiftId);
  });

  it('is not unlocked by signing on a new name, with or without takeOver', async () => {
    const { b, shiftId } = await lockedConsole();
    const plain = await b.call('signOn', {
      name: 'Eve Newname',
      pin: '999999',
      newDispatcher: true,
    });
    expect(!plain.ok && plain.error.code).toBe('unauthorized');
    expect(!plain.ok && plain.error.message).toMatch(/locked: only Ana Day can unlock it/);
    const takeover = await b.call('signOn', {
      name: 'Eve Newname',
      pin: '999999',
      newDispatcher: true,
      takeOver: true,
    });
    expect(!takeover.ok && takeover.error.fieldErrors?.consolePassphrase).toMatch(/Needed/);
    await expectStillLockedBy(b, shiftId);
  });

  it("is not unlocked by another registered dispatcher's own PIN, even taking over", async () => {
    const { b, shiftId } = await lockedConsole();
    const other = await b.call('signOn', { name: 'Bo Night', pin: '135724', takeOver: true });
    expect(!other.ok && other.error.code).toBe('unauthorized');
    expect(!other.ok && other.error.message).toMatch(/console passphrase/);
    await expectStillLockedBy(b, shiftId);
  });

  it("checks a takeover against the database's own passphrase (the key derived from its key info)", async () => {
    const { b, shiftId } = await lockedConsole();
    const wrong = await b.call('signOn', {
      name: 'Bo Night',
      pin: '135724',
      takeOver: true,
      consolePassphrase: 'not the console passphrase',
    });
    expect(!wrong.ok && wrong.error.message).toMatch(/Wrong console passphrase/);
    await expectStillLockedBy(b, shiftId);
    const right = value(
      await b.call('signOn', {
        name: 'Bo Night',
        pin: '135724',
        takeOver: true,
        consolePassphrase: TEST_PASSPHRASE,
      }),
    );
    expect(right.shift?.dispatcherName).toBe('Bo Night');
    expect(right.locked).toBe(false);
  });

  it('lets a takeover through only with the right console passphrase', async () => {
    const { b, shiftId } = await lockedConsole('correct horse battery');
    const wrong = await b.call('signOn', {
      name: 'Bo Night',
      pin: '135724',
      takeOver: true,
      consolePassphrase: 'wrong horse',
    });
    expect(!wrong.ok && wrong.error.message).toMatch(/Wrong console passphrase/);
    await expectStillLockedBy(b, shiftId);
    // Parallel guesses are checked one after another.
    const guesses = await Promise.all(
      ['a', 'b', 'c', 'd'].map((guess) =>
        b.call('signOn', {
          name: 'Bo Night',
          pin: '135724',
          takeOver: true,
          consolePassphrase: guess,
        }),
      ),
    );
    expect(guesses.every((g) => !g.ok)).toBe(true);
    expect(passphraseChecks.most).toBe(1);
    const badPin = await b.call('signOn', {
      name: 'Bo Night',
      pin: '000000',
      takeOver: true,
      consolePassphrase: 'correct horse battery',
    });
    expect(!badPin.ok && badPin.error.message).toMatch(/Wrong PIN/);
    await expectStillLockedBy(b, shiftId);
    const took = value(
      await b.call('signOn', {
        name: 'Bo Night',
        pin: '135724',
        takeOver: true,
        consolePassphrase: 'correct horse battery',
      }),
    );
    expect(took.locked).toBe(false);
    expect(took.shift?.dispatcherName).toBe('Bo Night');
    const ended = value(await b.call('listShifts', {})).find((s) => s.id === shiftId);
    expect(ended?.endedBy).toBe('Bo Night');
  });

  it("unlocks with the on-shift dispatcher's PIN, by unlockConsole or signing on again", async () => {
    const { b, shiftId } = await lockedConsole();
    expect((await b.call('unlockConsole', { pin: '135724' })).ok).toBe(false);
    await expectStillLockedBy(b, shiftId);
    expect(value(await b.call('unlockConsole', { pin: '246813' })).locked).toBe(false);
    value(await b.call('lockConsole', {}));
    const again = value(await b.call('signOn', { name: 'ana day', pin: '246813' }));
    expect(again.locked).toBe(false);
    expect(again.shift?.id).toBe(shiftId);
  });

  it('counts parallel wrong guesses one by one (no slipping past the lockout)', async () => {
    const { b, shiftId } = await lockedConsole();
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => b.call('unlockConsole', { pin: String(100000 + i) })),
    );
    const messages = guesses.map((g) => (g.ok ? 'unlocked' : g.error.message));
    expect(messages.filter((m) => /Tries left before a lock/.test(m))).toHaveLength(4);
    expect(messages.filter((m) => /locked for 60 s/.test(m))).toHaveLength(1);
    expect(messages.filter((m) => /Try again in/.test(m))).toHaveLength(7);
    const right = await b.call('unlockConsole', { pin: '246813' });
    expect(!right.ok && right.error.message).toMatch(/Try again in/);
    await expectStillLockedBy(b, shiftId);
  });
});
