import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRelayStore } from '../../relay/sqlite-store';
import { PostgresRelayStore } from '../../relay/postgres-store';
import type { RelayStore } from '../../relay/store';
import { startPostgres } from './postgres-server';
import { freePort } from './relay-helpers';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const LINK = 'L'.repeat(22);
const ENVELOPE = 'E'.repeat(60);
const answer = (answerId: string, receivedAtMs = 1000) => ({
  linkId: LINK,
  answerId,
  sealed: 'S'.repeat(60),
  receivedAtMs,
});
const ID1 = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ID2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** The same rules on both stores: one network per link, sticky revokes, answers kept once. */
async function linkRules(store: RelayStore) {
  const now = Date.now();
  const links = store.links;
  expect(await links.put('holyoke', LINK, ENVELOPE, now + 60_000)).toBe('stored');
  expect(await links.put('springfield', LINK, 'X'.repeat(60), now + 60_000)).toBe('other_network');
  expect(await links.live(LINK, now)).toEqual({
    network: 'holyoke',
    envelope: ENVELOPE,
    expiresAtMs: now + 60_000,
  });
  expect(await links.live(LINK, now + 61_000)).toBeNull();

  expect(await links.addAnswer('holyoke', answer(ID1))).toBe(true);
  expect(await links.addAnswer('holyoke', answer(ID1))).toBe(false);
  expect(await links.addAnswer('holyoke', answer(ID2, 2000))).toBe(true);
  expect((await links.pending('holyoke', 10)).map((a) => a.answerId)).toEqual([ID1, ID2]);
  expect(await links.pending('springfield', 10)).toEqual([]);
  await links.ack('holyoke', [{ linkId: LINK, answerId: ID1 }]);
  expect((await links.pending('holyoke', 10)).map((a) => a.answerId)).toEqual([ID2]);
  // Acknowledged answers are still known: the same id again is not new.
  expect(await links.addAnswer('holyoke', answer(ID1))).toBe(false);
  expect(await links.answerCount(LINK)).toBe(2);

  await links.revoke('springfield', LINK, now);
  expect(await links.live(LINK, now)).not.toBeNull();
  await links.revoke('holyoke', LINK, now);
  expect(await links.live(LINK, now)).toBeNull();
  expect(await links.pending('holyoke', 10)).toEqual([]);
  expect(await links.put('holyoke', LINK, ENVELOPE, now + 60_000)).toBe('revoked');
  expect(await links.live(LINK, now)).toBeNull();

  const other = 'M'.repeat(22);
  await links.put('holyoke', other, ENVELOPE, now - 1);
  await links.purge(now);
  expect(await links.put('springfield', other, ENVELOPE, now + 1000)).toBe('stored');
}

describe('relay link store', () => {
  it('SQLite keeps the link rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-links-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = new SqliteRelayStore(dir);
    cleanup.push(() => store.close());
    await linkRules(store);
  });

  it('PostgreSQL keeps the same link rules', async () => {
    const postgres = startPostgres(await freePort(), { fsync: 'off' });
    cleanup.push(() => postgres.stop());
    const store = await PostgresRelayStore.connect(postgres.url);
    cleanup.push(() => store.close());
    await linkRules(store);
  }, 60_000);
});
