import { createDecipheriv, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDatabaseKey } from '../../db/encryption';
import { databaseKeyOf } from '../../db/open';
import { openOps } from '../../backend/sync/inbound';
import { deriveNetworkSecretSync, keysFromSecret } from '../../shared/sync/crypto';
import { PASSPHRASE, TEST_SCRYPT, harness, settled, waitFor, type Harness } from './sync-helpers';
import { sampleIncident, tempBackend, value } from './helpers';

/** Fictional callers, each typed in at some point; none may ever reach the relay. */
const FIRST = { reporterName: 'Rosalind Quillfeather', reporterPhone: '(413) 555-0147' };
const CORRECTED = { reporterName: 'Rosalinda Quillfeather', reporterPhone: '(413) 555-0148' };
const RE_ENTERED = { reporterName: 'Wenceslao Brightwater', reporterPhone: '(413) 555-0188' };
const CALLER_TEXTS = [FIRST, CORRECTED, RE_ENTERED].flatMap((c) => [
  c.reporterName,
  c.reporterPhone,
]);
const HOUR = 3_600_000;

let h: Harness | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  while (cleanups.length) cleanups.pop()!();
  await h?.cleanup();
  h = undefined;
});

/** Every op on the relay, opened with the network key: what anyone holding that key can read. */
function decryptedRelayLog(relay: Harness): string {
  const network = 'pioneer-valley';
  const keys = keysFromSecret(deriveNetworkSecretSync(PASSPHRASE, network, TEST_SCRYPT), network);
  return relay.relay.store
    .read(network, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    .map((item) => JSON.stringify(openOps(keys, item.blob)))
    .join('\n');
}

/**
 * The console's database decrypted page by page, free space and free pages included, so bytes an
 * overwritten or deleted value left behind in a page are searched too, not only the rows a query
 * returns. SQLCipher 4 pages (db/encryption.ts): AES-256-CBC under the raw key, the last 80 bytes
 * of each page its IV (16) and HMAC (64), page 1 starting after the 16-byte salt.
 */
function decryptedPages(dbFile: string, key: Buffer, pageSize = 4096): Buffer {
  const file = readFileSync(dbFile);
  const reserve = 80;
  const pages: Buffer[] = [];
  for (let start = 0; start + pageSize <= file.length; start += pageSize) {
    const page = file.subarray(start, start + pageSize);
    const from = start === 0 ? 16 : 0;
    const iv = page.subarray(pageSize - reserve, pageSize - reserve + 16);
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    pages.push(decipher.update(page.subarray(from, pageSize - reserve)), decipher.final());
  }
  return Buffer.concat(pages);
}

/** Every text in every table, read through the key. */
function everyTableText(dbFile: string, key: Buffer): string {
  const db = new Database(dbFile, { readonly: true });
  applyDatabaseKey(db, key);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
    .pluck()
    .all() as string[];
  const text = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('');
  db.close();
  return text;
}

const found = (haystack: string | Buffer, needles: string[]) =>
  needles.filter((s) =>
    typeof haystack === 'string'
      ? haystack.includes(s)
      : haystack.includes(Buffer.from(s, 'utf8')) || haystack.includes(Buffer.from(s, 'utf16le')),
  );

describe('caller contact stays on the console that took the call', () => {
  it('never reaches the relay log: typed, corrected, purged and typed in again', async () => {
    h = await harness();
    const clock = { now: Date.now() };
    const taking = await h.console('Ana', { now: () => clock.now });
    const other = await h.console('Beto', { now: () => clock.now });
    await settled([taking, other]);

    const inc = value(await taking.call('createIncident', { ...sampleIncident, ...FIRST }));
    expect(inc.reporterName).toBe(FIRST.reporterName);
    value(await taking.call('updateIncident', { id: inc.id, changes: CORRECTED }));
    await waitFor(
      async () => value(await other.call('getIncident', { id: inc.id })).incident,
      'the incident on the other console',
    );
    // The console that took the call shows the caller; the other console has the incident only.
    const onTaking = value(await taking.call('getIncident', { id: inc.id })).incident;
    expect([onTaking.reporterName, onTaking.reporterPhone]).toEqual([
      CORRECTED.reporterName,
      CORRECTED.reporterPhone,
    ]);
    const onOther = value(await other.call('getIncident', { id: inc.id })).incident;
    expect([onOther.reporterName, onOther.reporterPhone, onOther.type]).toEqual([
      '',
      '',
      sampleIncident.type,
    ]);

    clock.now += 13 * HOUR;
    taking.runMaintenance();
    value(await taking.call('updateIncident', { id: inc.id, changes: RE_ENTERED }));
    await settled([taking, other]);

    const log = decryptedRelayLog(h);
    // The log holds the incident and its edits (the check could fail), never a caller.
    expect(log).toContain(inc.id);
    expect(log).toContain('reporterPurgedAt');
    expect(found(log, CALLER_TEXTS)).toEqual([]);
    // Nor did any caller reach the other console's database.
    const otherFile = join(h.dir, 'Beto.sqlite');
    expect(
      found(everyTableText(otherFile, databaseKeyOf(other.ctx.db.$client)!), CALLER_TEXTS),
    ).toEqual([]);
    const purgedOnOther = value(await other.call('getIncident', { id: inc.id })).incident;
    expect(purgedOnOther.reporterPurgedAt).not.toBeNull();
  });

  it('a purge leaves the caller in no page of the database and an empty write-ahead log; re-entered data is purged again', async () => {
    const t = tempBackend();
    cleanups.push(() => t.cleanup());
    const key = databaseKeyOf(t.backend.ctx.db.$client)!;
    // With an idempotency key: the result kept for a retry holds the caller too, until the purge.
    const inc = value(
      await t.backend.call('createIncident', {
        ...sampleIncident,
        ...FIRST,
        idempotencyKey: randomUUID(),
      }),
    );
    value(await t.backend.call('updateIncident', { id: inc.id, changes: CORRECTED }));
    // A later incident, then a longer description: the first row moves, and its old cell, caller
    // and all, becomes free space between the rows that stay.
    value(
      await t.backend.call('createIncident', {
        ...sampleIncident,
        reporterName: '',
        reporterPhone: '',
      }),
    );
    const longer = 'Two vans, one grey, parked across the driveway. '.repeat(6);
    value(await t.backend.call('updateIncident', { id: inc.id, changes: { description: longer } }));
    // Some later writes, so the purged values share pages with rows that stay.
    for (let i = 0; i < 20; i++)
      value(await t.backend.call('addIncidentNote', { incidentId: inc.id, text: `Check-in ${i}` }));
    const before = everyTableText(t.file, key);
    expect(found(before, [CORRECTED.reporterName])).toEqual([CORRECTED.reporterName]);
    expect(t.backend.ctx.db.$client.pragma('secure_delete', { simple: true })).toBe(1);

    t.clock.now += 13 * HOUR;
    t.backend.runMaintenance();
    const afterPurge = value(await t.backend.call('getIncident', { id: inc.id })).incident;
    expect([afterPurge.reporterName, afterPurge.reporterPhone]).toEqual(['', '']);
    expect(statSync(`${t.file}-wal`).size).toBe(0);
    const pages = decryptedPages(t.file, key);
    expect(found(pages, [sampleIncident.location.text])).toHaveLength(1); // the copy is readable
    expect(found(pages, CALLER_TEXTS)).toEqual([]);
    expect(found(everyTableText(t.file, key), CALLER_TEXTS)).toEqual([]);
    expect(found(readFileSync(t.file), CALLER_TEXTS)).toEqual([]);

    // Typed in again after the purge: the next run purges it again.
    value(await t.backend.call('updateIncident', { id: inc.id, changes: RE_ENTERED }));
    const reEntered = value(await t.backend.call('getIncident', { id: inc.id })).incident;
    expect(reEntered.reporterName).toBe(RE_ENTERED.reporterName);
    t.backend.runMaintenance();
    const purgedAgain = value(await t.backend.call('getIncident', { id: inc.id }));
    expect([purgedAgain.incident.reporterName, purgedAgain.incident.reporterPhone]).toEqual([
      '',
      '',
    ]);
    expect(purgedAgain.timeline.filter((e) => e.kind === 'incident.reporter_purged')).toHaveLength(
      2,
    );
    expect(statSync(`${t.file}-wal`).size).toBe(0);
    expect(found(decryptedPages(t.file, key), CALLER_TEXTS)).toEqual([]);
    expect(existsSync(t.file)).toBe(true);
  });

  it('a purge also blanks the caller in ops an earlier version logged or sent (op log, sync inbox)', async () => {
    const t = tempBackend();
    cleanups.push(() => t.cleanup());
    const sqlite = t.backend.ctx.db.$client;
    const inc = value(await t.backend.call('createIncident', { ...sampleIncident, ...FIRST }));
    // Bodies as a console of an earlier version kept them: the caller inside the op.
    const legacyOp = (opId: string) =>
      JSON.stringify({
        v: 1,
        opId,
        hlc: '0000000000001-0000-legacy',
        deviceId: 'legacy-console',
        actor: 'Earlier version',
        at: new Date(t.clock.now).toISOString(),
        changes: [{ entity: 'incident', id: inc.id, create: false, fields: { ...CORRECTED } }],
      });
    const inLog = randomUUID();
    const inInbox = randomUUID();
    sqlite
      .prepare(
        "INSERT INTO op_log (op_id, hlc, device_id, actor, body, origin, relay_seq, applied_at) VALUES (?, '0', 'legacy-console', 'x', ?, 'local', 1, ?)",
      )
      .run(inLog, legacyOp(inLog), new Date(t.clock.now).toISOString());
    sqlite
      .prepare(
        "INSERT INTO sync_inbox (op_id, relay_seq, known_seq, body, reason, detail, received_at, attempts) VALUES (?, 9, 0, ?, 'rejected', 'test', ?, 1)",
      )
      .run(inInbox, legacyOp(inInbox), new Date(t.clock.now).toISOString());
    expect(found(everyTableText(t.file, databaseKeyOf(sqlite)!), [CORRECTED.reporterName])).toEqual(
      [CORRECTED.reporterName],
    );

    t.clock.now += 13 * HOUR;
    t.backend.runMaintenance();
    expect(found(everyTableText(t.file, databaseKeyOf(sqlite)!), CALLER_TEXTS)).toEqual([]);
    const kept = sqlite.prepare('SELECT body FROM sync_inbox WHERE op_id = ?').get(inInbox) as {
      body: string;
    };
    expect(JSON.parse(kept.body).changes[0].fields).toEqual({
      reporterName: '',
      reporterPhone: '',
    });
  });
});
