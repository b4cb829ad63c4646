import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleBackend } from '../../backend/console-backend';
import { syncControllerFor } from '../../backend/sync/controller';
import {
  harness,
  opIdsOnRelay,
  relayState,
  settled,
  status,
  waitFor,
  type Harness,
} from './sync-helpers';
import { sampleIncident, value } from './helpers';

/**
 * A relay whose log was wiped, or restored from an older copy, at the same address: consoles
 * notice at the welcome (log id and head), re-read the log, re-send what of theirs it lost, and
 * converge with nothing missing.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const RELAY_FILES = ['relay.sqlite', 'relay.sqlite-wal', 'relay.sqlite-shm'];

async function makeIncidents(c: ConsoleBackend, count: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const incident = value(
      await c.call('createIncident', { ...sampleIncident, description: `${tag} report ${i}` }),
    );
    ids.push(incident.id);
  }
  return ids;
}

const incidentIds = (c: ConsoleBackend): string[] =>
  (c.ctx.db.$client.prepare('SELECT id FROM incidents ORDER BY id').all() as { id: string }[]).map(
    (r) => r.id,
  );

const localOpIds = (c: ConsoleBackend): string[] =>
  (
    c.ctx.db.$client.prepare("SELECT op_id FROM op_log WHERE origin = 'local'").all() as {
      op_id: string;
    }[]
  ).map((r) => r.op_id);

async function backupRelay(relay: Harness): Promise<string> {
  const file = join(relay.dir, 'relay-backup.sqlite');
  await relay.relay.store.db.backup(file);
  return file;
}

async function replaceRelayFile(relay: Harness, withCopy: string | null): Promise<void> {
  await relay.stopRelay();
  for (const f of RELAY_FILES) rmSync(join(relay.dir, 'relay', f), { force: true });
  if (withCopy) copyFileSync(withCopy, join(relay.dir, 'relay', 'relay.sqlite'));
  await relay.startRelayAgain();
}

function expectEverythingOnRelay(relay: Harness, consoles: ConsoleBackend[]): void {
  const onRelay = new Set(opIdsOnRelay(relay));
  for (const c of consoles) expect(localOpIds(c).filter((id) => !onRelay.has(id))).toEqual([]);
}

const offline = (c: ConsoleBackend) => syncControllerFor(c.ctx).stop();
const online = (c: ConsoleBackend) => syncControllerFor(c.ctx).startIfConfigured();

describe('relay log reset and restore', () => {
  it('a relay restored from an older copy while both consoles are online: all 40 new incidents everywhere', async () => {
    h = await harness();
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    await makeIncidents(a, 3, 'Ana early');
    await makeIncidents(b, 3, 'Beto early');
    await settled([a, b]);
    const backup = await backupRelay(h);

    const made = [...(await makeIncidents(a, 20, 'Ana')), ...(await makeIncidents(b, 20, 'Beto'))];
    await settled([a, b]);
    await replaceRelayFile(h, backup);

    await waitFor(
      () => status(a).problems.some((p) => p.code === 'relay_log_reset'),
      'Ana to notice the restored log',
    );
    await settled([a, b], 20_000);
    expect(incidentIds(a)).toEqual(incidentIds(b));
    expect(incidentIds(a)).toEqual(expect.arrayContaining(made));
    expect(incidentIds(a)).toHaveLength(46);
    expectEverythingOnRelay(h, [a, b]);
    expect(relayState(a).notice).toBeUndefined();

    // A console joining now gets everything from the relay alone.
    const c = await h.console('Carmen');
    await settled([a, b, c], 20_000);
    expect(incidentIds(c)).toEqual(incidentIds(a));
  });

  it('a wiped relay with one console offline: both consoles end with all 40 new incidents', async () => {
    h = await harness();
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    await makeIncidents(a, 2, 'Ana early');
    await settled([a, b]);
    offline(b);

    const madeByA = await makeIncidents(a, 20, 'Ana');
    const madeByB = await makeIncidents(b, 20, 'Beto');
    await settled([a]);
    await replaceRelayFile(h, null);
    await waitFor(
      () =>
        status(a).problems.find((p) => p.code === 'relay_log_reset')?.text?.kind ===
        'sync.notice.newLog',
      'Ana to notice the new log',
    );
    await settled([a], 20_000);
    online(b);
    await settled([a, b], 20_000);
    for (const c of [a, b]) {
      expect(incidentIds(c)).toEqual(expect.arrayContaining([...madeByA, ...madeByB]));
      expect(incidentIds(c)).toHaveLength(42);
    }
    expectEverythingOnRelay(h, [a, b]);
  });

  it('a relay restored from an older copy and refilled by one console before the other comes back', async () => {
    h = await harness();
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    await makeIncidents(a, 2, 'Ana early');
    await settled([a, b]);
    const backup = await backupRelay(h);
    const madeByB = await makeIncidents(b, 20, 'Beto');
    await settled([a, b]);
    offline(b);
    await replaceRelayFile(h, backup);
    // Ana re-sends what the restore lost of hers (nothing) and makes 20 more: the head passes
    // Beto's old position, so only the blob at his position tells him the log is not his.
    const madeByA = await makeIncidents(a, 20, 'Ana');
    await settled([a], 20_000);
    expect(h.relay.store.head('pioneer-valley')).toBeGreaterThanOrEqual(status(b).lastSeq);
    online(b);
    await waitFor(
      () => status(b).problems.some((p) => p.code === 'relay_log_reset'),
      'Beto to notice the refilled log',
    );
    await settled([a, b], 20_000);
    for (const c of [a, b])
      expect(incidentIds(c)).toEqual(expect.arrayContaining([...madeByA, ...madeByB]));
    expect(incidentIds(a)).toEqual(incidentIds(b));
    expectEverythingOnRelay(h, [a, b]);
  });

  it('a wiped relay while both consoles are online: nothing lost, the status bar says why', async () => {
    h = await harness();
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    const made = [...(await makeIncidents(a, 20, 'Ana')), ...(await makeIncidents(b, 20, 'Beto'))];
    await settled([a, b]);
    const notices: string[] = [];
    a.subscribe((e) => {
      if (e.type === 'relay' && e.relay.notice) notices.push(e.relay.notice.kind);
    });
    await replaceRelayFile(h, null);
    await settled([a, b], 20_000);
    for (const c of [a, b]) expect(incidentIds(c)).toEqual([...made].sort());
    expectEverythingOnRelay(h, [a, b]);
    expect(notices).toContain('sync.notice.resyncing');
  });
});
