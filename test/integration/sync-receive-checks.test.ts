import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { syncControllerFor } from '../../backend/sync/controller';
import { OpBatch } from '../../backend/sync/op-batch';
import { uuidv7 } from '../../shared/ids';
import type { Op, OpChange } from '../../shared/sync/op';
import { textFor } from '../../shared/i18n';
import { PartitionSim } from './partition-sim';
import { sampleIncident, value } from './helpers';
import { harness, status as syncStatus, waitFor, type Harness } from './sync-helpers';

/** What a console does with received ops it must not store, and with settings changed elsewhere. */
let sim: PartitionSim;
let h: Harness | null = null;
afterEach(async () => {
  sim?.cleanup();
  await h?.cleanup();
  h = null;
});

function pair() {
  sim = new PartitionSim();
  return { a: sim.console(), b: sim.console() };
}

/** An op as a member's modified console could send it: any values, made with A's identity. */
function forge(from: ConsoleBackend, changes: OpChange[], activity: Op['activity'] = null): void {
  forgeBatch(from, [changes], activity);
}

/** Several forged ops sealed as one pushed batch (one relay log item). */
function forgeBatch(
  from: ConsoleBackend,
  opsChanges: OpChange[][],
  activity: Op['activity'] = null,
): void {
  const batch = new OpBatch(10, 1_000_000);
  for (const changes of opsChanges)
    batch.tryAdd(JSON.stringify(forged(from, changes, activity)), sim.log.length);
  sim.log.push({ seq: sim.log.length + 1, blob: batch.seal(sim.keys, uuidv7()) });
}

function forged(from: ConsoleBackend, changes: OpChange[], activity: Op['activity']): Op {
  return {
    v: 1,
    opId: uuidv7(from.ctx.now()),
    hlc: from.ctx.clock.tick(),
    deviceId: from.ctx.deviceId,
    actor: 'Member Console',
    at: new Date(from.ctx.now()).toISOString(),
    activity,
    changes,
  };
}

const statusOf = (c: ConsoleBackend) => syncControllerFor(c.ctx).status();

describe('received ops are checked field by field before they are stored', () => {
  it('refuses status "pwned" and lat "not-a-number", keeps them parked as rejected and says so', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    sim.settle(a, b);

    forge(a, [{ entity: 'incident', id: incident.id, create: false, fields: { status: 'pwned' } }]);
    forge(a, [
      { entity: 'incident', id: incident.id, create: false, fields: { lat: 'not-a-number' } },
    ]);
    sim.pull(b);

    const stored = value(await b.call('getIncident', { id: incident.id }));
    expect(stored.incident.status).toBe('new');
    expect(stored.incident.location.lat).toBe(sampleIncident.location.lat);
    const status = statusOf(b);
    expect(status.waitingOps.map((w) => [w.reason, w.detail.match(/incident\.\w+/)?.[0]])).toEqual([
      ['rejected', 'incident.status'],
      ['rejected', 'incident.lat'],
    ]);
    expect(status.behind?.reason).toBe('rejected');
    expect(textFor('en', status.behind!.text)).toContain('2 changes from others were refused');
    expect(textFor('es', status.behind!.text)).toContain('Se rechazaron 2 cambios');
    // Refused ops are never retried into the state by a later drain.
    sim.inbound.get(b)!.drainInbox();
    expect(value(await b.call('getIncident', { id: incident.id })).incident.status).toBe('new');
  });

  it('refuses fields named like inherited properties (constructor, __proto__) and lands the rest of their batch', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    sim.settle(a, b);
    const edit = (fields: string): OpChange => ({
      entity: 'incident',
      id: incident.id,
      create: false,
      fields: JSON.parse(fields) as Record<string, unknown>,
    });
    forgeBatch(a, [
      [edit('{"constructor": "x"}')],
      [edit('{"__proto__": {"status": "closed"}}')],
      [edit('{"toString": 1}')],
      [edit('{"description": "Agents left at 10:40, family safe"}')],
    ]);
    sim.pull(b);

    const stored = value(await b.call('getIncident', { id: incident.id })).incident;
    expect(stored.description).toBe('Agents left at 10:40, family safe');
    expect(stored.status).toBe('new');
    expect(
      statusOf(b).waitingOps.map((w) => [
        w.reason,
        w.detail.match(/incident\.\w+ is not a field/)?.[0],
      ]),
    ).toEqual([
      ['rejected', 'incident.constructor is not a field'],
      ['rejected', 'incident.__proto__ is not a field'],
      ['rejected', 'incident.toString is not a field'],
    ]);
  });

  it('refuses an out-of-range retention setting and a field this version does not know', async () => {
    const { a, b } = pair();
    sim.settle(a, b);
    forge(a, [
      {
        entity: 'setting',
        id: 'purgeReporterAfterHours',
        create: true,
        fields: { value: 100_000, updatedAt: new Date(a.ctx.now()).toISOString() },
      },
    ]);
    forge(a, [{ entity: 'setting', id: 'exfiltrateTo', create: true, fields: { value: 'x' } }]);
    sim.pull(b);
    expect(value(await b.call('getSession', {})).settings.purgeReporterAfterHours).toBe(12);
    expect(statusOf(b).waitingOps.map((w) => w.reason)).toEqual(['rejected', 'rejected']);
  });

  it('a retention change made on another console shows in the activity log and in the sync status', async () => {
    const { a, b } = pair();
    sim.settle(a, b);
    value(await a.call('updateSettings', { purgeReporterAfterHours: 48 }));
    // A console that changes a setting without saying so still leaves an entry everywhere.
    forge(a, [
      {
        entity: 'setting',
        id: 'verificationOverdueMinutes',
        create: true,
        fields: { value: 30, updatedAt: new Date(a.ctx.now()).toISOString() },
      },
    ]);
    sim.settle(a, b);

    expect(value(await b.call('getSession', {})).settings.purgeReporterAfterHours).toBe(48);
    const entries = b.ctx.db.$client
      .prepare("SELECT params FROM activity_log WHERE kind = 'settings.updated' ORDER BY hlc")
      .pluck()
      .all() as string[];
    expect(entries.map((p) => (JSON.parse(p) as { keys: string }).keys)).toEqual([
      'purgeReporterAfterHours',
      'verificationOverdueMinutes',
    ]);
    expect(statusOf(b).settingChanges.map((s) => s.keys)).toEqual([
      'verificationOverdueMinutes',
      'purgeReporterAfterHours',
    ]);
    // Changes stamped with a console's own device are no notice there.
    expect(statusOf(a).settingChanges).toEqual([]);
  });
});

describe('a console that cannot store what it receives says it is behind, and why', () => {
  it('disk full on receive: nothing applied, "the disk is full" until there is room, then catches up', async () => {
    const { a, b } = pair();
    sim.settle(a, b);
    const sqlite = b.ctx.db.$client;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    for (let i = 0; i < 30; i++)
      value(
        await a.call('createIncident', {
          ...sampleIncident,
          description: `Report ${i} `.repeat(40),
        }),
      );
    sim.push(a);
    const seqBefore = sim.inbound.get(b)!.seq;
    sim.pull(b);

    const behind = sim.reports.get(b)!.behind;
    expect(behind?.reason).toBe('disk_full');
    expect(textFor('en', behind!.text)).toMatch(
      /^Not storing changes from others: the disk is full/,
    );
    expect(textFor('es', behind!.text)).toMatch(/^No se están guardando los cambios de otros/);
    expect(sim.inbound.get(b)!.seq).toBe(seqBefore);

    sqlite.pragma('max_page_count = 1073741823');
    sim.pull(b);
    expect(sim.reports.get(b)!.behind).toBeNull();
    expect(value(await b.call('listIncidents', {})).length).toBe(30);
  });

  it('through the relay: getSyncStatus says the disk is full while connected, and catches up once there is room', async () => {
    h = await harness();
    const a = await h.console('Ana');
    const b = await h.console('Beto');
    await waitFor(() => syncStatus(a).relay.state === 'connected', 'A connected');
    await waitFor(() => syncStatus(b).relay.state === 'connected', 'B connected');
    const sqlite = b.ctx.db.$client;
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
    for (let i = 0; i < 30; i++)
      value(
        await a.call('createIncident', {
          ...sampleIncident,
          description: `Report ${i} `.repeat(40),
        }),
      );

    const behind = await waitFor(() => syncStatus(b).behind, 'B says it is behind');
    expect(behind.reason).toBe('disk_full');
    expect(textFor('en', behind.text)).toMatch(
      /^Not storing changes from others: the disk is full/,
    );
    expect(syncStatus(b).relay.state).toBe('connected');

    sqlite.pragma('max_page_count = 1073741823');
    await waitFor(
      async () => (await b.call('listIncidents', {})).ok && syncStatus(b).behind === null,
      'B stores the changes once there is room',
    );
    expect(value(await b.call('listIncidents', {})).length).toBe(30);
  }, 20_000);
});
