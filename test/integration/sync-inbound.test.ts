import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { Inbound } from '../../backend/sync/inbound';
import { OpBatch } from '../../backend/sync/op-batch';
import { SyncReport } from '../../backend/sync/status';
import type { BackendEvent } from '../../shared/api/events';
import { keysFromSecret } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';
import type { LogItem } from '../../shared/sync/protocol';
import { sampleIncident, sampleResponder, tempBackend, value } from './helpers';

const keys = keysFromSecret(randomBytes(32), 'inbound-test');
const envs: ReturnType<typeof tempBackend>[] = [];
afterEach(() => {
  for (const env of envs.splice(0)) env.cleanup();
});

function consoleEnv() {
  const env = tempBackend();
  envs.push(env);
  return env.backend;
}

/** The op bodies `backend` made, oldest first, after `afterOpId` when given. */
function localOps(backend: ConsoleBackend, afterHlc = ''): { body: string; hlc: string }[] {
  return backend.ctx.db.$client
    .prepare("SELECT body, hlc FROM op_log WHERE origin = 'local' AND hlc > ? ORDER BY hlc")
    .all(afterHlc) as { body: string; hlc: string }[];
}

/** One relay log item carrying `bodies` as a sealed batch, the way a console pushes them. */
function logItem(seq: number, bodies: string[]): LogItem {
  const batch = new OpBatch(200, 64_000);
  for (const body of bodies) expect(batch.tryAdd(body, 0)).toBe(true);
  return { seq, blob: batch.seal(keys, uuidv7()) };
}

function changedEvents(backend: ConsoleBackend): BackendEvent[] {
  const events: BackendEvent[] = [];
  backend.subscribe((event) => {
    if (event.type === 'changed') events.push(event);
  });
  return events;
}

const sorted = (event: BackendEvent | undefined) =>
  event?.type === 'changed'
    ? [...event.entities].sort((a, b) => `${a.entity}:${a.id}`.localeCompare(`${b.entity}:${b.id}`))
    : [];

describe('received ops, applied with no socket (backend/sync/inbound.ts)', () => {
  it('announces the same change for an op made here and the same op received from the relay', async () => {
    const here = consoleEnv();
    const there = consoleEnv();
    const inbound = new Inbound(there.ctx, keys, new SyncReport(there.ctx.now));

    const incident = value(await here.call('createIncident', sampleIncident));
    const responder = value(await here.call('createResponder', sampleResponder));
    inbound.applyItems([
      logItem(
        1,
        localOps(here).map((op) => op.body),
      ),
    ]);
    const before = localOps(here).at(-1)!.hlc;

    const localEvents = changedEvents(here);
    value(
      await here.call('createAssignment', {
        incidentId: incident.id,
        responderId: responder.id,
        overrideReason: 'Test: the guards are not what this checks',
      }),
    );
    const remoteEvents = changedEvents(there);
    inbound.applyItems([
      logItem(
        2,
        localOps(here, before).map((op) => op.body),
      ),
    ]);

    expect(localEvents).toHaveLength(1);
    expect(remoteEvents).toHaveLength(1);
    expect(localEvents[0]).toMatchObject({ origin: 'local' });
    expect(remoteEvents[0]).toMatchObject({ origin: 'remote' });
    const entities = sorted(localEvents[0]);
    expect(entities.map((e) => e.entity)).toEqual(
      expect.arrayContaining(['assignment', 'incident', 'responder', 'activity']),
    );
    expect(sorted(remoteEvents[0])).toEqual(entities);
  });

  it('applies items in relay order, stops at a gap, and parks a change whose record has not arrived', async () => {
    const here = consoleEnv();
    const there = consoleEnv();
    const report = new SyncReport(there.ctx.now);
    const inbound = new Inbound(there.ctx, keys, report);

    const incident = value(await here.call('createIncident', sampleIncident));
    const [create] = localOps(here);
    value(
      await here.call('updateIncident', {
        id: incident.id,
        changes: { description: 'Second call: two vans' },
      }),
    );
    const edit = localOps(here, create!.hlc);

    // The edit arrives before the incident it changes: parked, not dropped. Seq 3 after 1 is a
    // gap: nothing past it is applied and the position stays at 1.
    inbound.applyItems([
      logItem(
        1,
        edit.map((op) => op.body),
      ),
      logItem(3, [create!.body]),
    ]);
    expect(inbound.seq).toBe(1);
    expect(value(await there.call('listIncidents', {}))).toHaveLength(0);
    const parked = there.ctx.db.$client.prepare('SELECT reason FROM sync_inbox').all();
    expect(parked).toEqual([{ reason: 'missing_record' }]);
    expect(report.counters.parked).toBe(1);

    // Once the incident lands, the parked edit is applied from the inbox.
    inbound.applyItems([logItem(2, [create!.body])]);
    expect(inbound.seq).toBe(2);
    expect(there.ctx.db.$client.prepare('SELECT count(*) AS n FROM sync_inbox').get()).toEqual({
      n: 0,
    });
    const detail = value(await there.call('getIncident', { id: incident.id }));
    expect(detail.incident.description).toBe('Second call: two vans');
  });

  it('skips and reports a blob sealed with another key, and goes on', async () => {
    const there = consoleEnv();
    const report = new SyncReport(there.ctx.now);
    const inbound = new Inbound(there.ctx, keys, report);
    const stranger = keysFromSecret(randomBytes(32), 'inbound-test');
    const batch = new OpBatch(200, 64_000);
    batch.tryAdd('{}', 0);
    inbound.applyItems([{ seq: 1, blob: batch.seal(stranger, uuidv7()) }]);
    expect(inbound.seq).toBe(1);
    expect(report.counters.undecryptable).toBe(1);
    expect(report.problems.at(-1)?.message).toMatch(/#1 .*skipped/);
  });
});
