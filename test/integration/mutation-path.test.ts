import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sampleIncident, tableCounts, tempBackend, value } from './helpers';
import { mutate, applyOpInTransaction } from '../../backend/mutation';
import { incidents, opLog } from '../../db/schema';
import type { Op } from '../../shared/sync/op';
import { uuidv7 } from '../../shared/ids';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

const activity = (id: string) => ({
  kind: 'test',
  message: 'test',
  params: {},
  entity: 'incident' as const,
  entityId: id,
  incidentId: id,
});

describe('the mutation path', () => {
  it('stores nothing when any part of a change fails', async () => {
    env = tempBackend();
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    const before = tableCounts(backend);
    expect(() =>
      mutate(backend.ctx, {
        activity: activity(incident.id),
        changes: [
          {
            entity: 'incident',
            id: incident.id,
            create: false,
            fields: { description: 'half-done' },
          },
          {
            entity: 'incident',
            id: uuidv7(),
            create: false,
            fields: { description: 'no such row' },
          },
        ],
      }),
    ).toThrow(/No incident/);
    expect(tableCounts(backend)).toEqual(before);
    const row = backend.ctx.db.select().from(incidents).where(eq(incidents.id, incident.id)).get();
    expect(row!.description).toBe('Test report');
  });

  it('refuses fields that are not columns, and erasing activity entries', async () => {
    env = tempBackend();
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    const before = tableCounts(backend);
    expect(() =>
      mutate(backend.ctx, {
        activity: activity(incident.id),
        changes: [
          {
            entity: 'incident',
            id: incident.id,
            create: false,
            fields: { immigrationStatus: 'x' },
          },
        ],
      }),
    ).toThrow(/cannot be set/);
    const entry = value(await backend.call('listActivity', { incidentId: incident.id }))[0]!;
    expect(() =>
      mutate(backend.ctx, {
        activity: activity(incident.id),
        changes: [
          { entity: 'activity', id: entry.id, create: false, fields: { message: 'rewritten' } },
        ],
      }),
    ).toThrow(/cannot be set/);
    expect(tableCounts(backend)).toEqual(before);
  });

  it('applies an op idempotently and keeps the newest value per field', async () => {
    env = tempBackend();
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    env.clock.now += 1000;
    value(
      await backend.call('updateIncident', { id: incident.id, changes: { description: 'newer' } }),
    );
    const newest = backend.ctx.db
      .select()
      .from(opLog)
      .all()
      .map((r) => r.body as Op)
      .at(-1)!;

    // The same op again is a no-op.
    const again = backend.ctx.db.$client.transaction(() =>
      applyOpInTransaction(backend.ctx.db, newest, 'remote', env.clock.now),
    )();
    expect(again).toBe('duplicate');

    // An op from another console stamped earlier loses to the newer local value.
    const otherDevice = uuidv7();
    const olderHlc = `${String(env.clock.now - 500).padStart(13, '0')}-00000-${otherDevice}`;
    const older: Op = {
      ...newest,
      opId: uuidv7(),
      hlc: olderHlc,
      deviceId: otherDevice,
      changes: [
        {
          entity: 'incident',
          id: incident.id,
          create: false,
          fields: { description: 'older', affectedAdults: 3 },
        },
      ],
    };
    backend.ctx.db.$client.transaction(() =>
      applyOpInTransaction(backend.ctx.db, older, 'remote', env.clock.now),
    )();
    const after = value(await backend.call('getIncident', { id: incident.id })).incident;
    expect(after.description).toBe('newer');
    expect(after.affectedAdults).toBe(3); // untouched field: the older op still sets it
  });

  it('resumes its clock after a restart: new ops sort after old ones', async () => {
    env = tempBackend();
    const incident = value(await env.backend.call('createIncident', sampleIncident));
    const firstHlc = env.backend.ctx.db.select().from(opLog).get()!.hlc;
    env.backend.close();
    env.clock.now -= 60_000; // the wall clock went backwards across the restart
    const reopened = env.reopen();
    value(
      await reopened.call('updateIncident', {
        id: incident.id,
        changes: { description: 'after restart' },
      }),
    );
    const hlcs = reopened.ctx.db
      .select()
      .from(opLog)
      .orderBy(opLog.hlc)
      .all()
      .map((r) => r.hlc);
    expect(hlcs).toHaveLength(2);
    expect(hlcs[1]! > firstHlc).toBe(true);
    expect(reopened.ctx.deviceId).toBe(env.backend.ctx.deviceId);
    env.cleanup(reopened);
  });
});
