import { afterEach, describe, expect, it } from 'vitest';
import { sampleIncident, sampleResponder, tableCounts, tempBackend, value } from './helpers';
import { opLog } from '../../db/schema';
import type { Op } from '../../shared/sync/op';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

describe('the API over a real SQLite file', () => {
  it('creates an incident and writes state, op log and activity in one go', async () => {
    env = tempBackend();
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    expect(incident.status).toBe('new');
    expect(incident.location.town).toBe('Northampton');

    const ops = backend.ctx.db.select().from(opLog).all();
    expect(ops).toHaveLength(1);
    const op = ops[0]!.body as Op;
    expect(op.deviceId).toBe(backend.ctx.deviceId);
    expect(op.changes[0]).toMatchObject({ entity: 'incident', id: incident.id, create: true });
    expect(op.changes[0]!.fields).toMatchObject({
      type: 'home_raid',
      locationText: 'Florence',
      status: 'new',
    });
    expect(op.hlc).toMatch(/^\d{13}-[0-9a-f]{5}-/);

    const detail = value(await backend.call('getIncident', { id: incident.id }));
    expect(detail.timeline).toHaveLength(1);
    expect(detail.timeline[0]).toMatchObject({
      kind: 'incident.created',
      actor: 'Dispatcher',
      incidentId: incident.id,
    });
  });

  it('attributes changes to the dispatcher on this console', async () => {
    env = tempBackend();
    value(await env.backend.call('setDispatcherName', { name: 'Mara (night shift)' }));
    const incident = value(await env.backend.call('createIncident', sampleIncident));
    expect(incident.createdBy).toBe('Mara (night shift)');
  });

  it('updates only the fields it is given and logs which ones', async () => {
    env = tempBackend();
    const { backend } = env;
    const created = value(
      await backend.call('createIncident', { ...sampleIncident, affectedAdults: 2 }),
    );
    env.clock.now += 60_000;
    const updated = value(
      await backend.call('updateIncident', {
        id: created.id,
        changes: { description: 'Two cars now' },
      }),
    );
    expect(updated.description).toBe('Two cars now');
    expect(updated.affectedAdults).toBe(2);
    expect(updated.language).toBe('es');
    const timeline = value(await backend.call('getIncident', { id: created.id })).timeline;
    expect(timeline.map((e) => e.kind)).toEqual(['incident.created', 'incident.updated']);
    expect(timeline[1]!.message).toContain('description');
  });

  it('lists open incidents and searches them', async () => {
    env = tempBackend();
    const { backend } = env;
    value(await backend.call('createIncident', sampleIncident));
    value(
      await backend.call('createIncident', {
        ...sampleIncident,
        location: { ...sampleIncident.location, text: 'Pittsfield', town: 'Pittsfield' },
        description: 'mill',
      }),
    );
    expect(value(await backend.call('listIncidents', {}))).toHaveLength(2);
    expect(value(await backend.call('listIncidents', { query: 'pittsf' }))).toHaveLength(1);
    expect(value(await backend.call('listIncidents', { town: 'Northampton' }))).toHaveLength(1);
    expect(value(await backend.call('listIncidents', { query: '%' }))).toHaveLength(0);
  });

  it('keeps responders: create, filter by role, deactivate without deleting', async () => {
    env = tempBackend();
    const { backend } = env;
    const r = value(await backend.call('createResponder', sampleResponder));
    expect(r.maxTravelMinutes).toBe(30);
    expect(value(await backend.call('listResponders', { role: 'verifier' }))).toHaveLength(1);
    expect(value(await backend.call('listResponders', { role: 'medic' }))).toHaveLength(0);
    value(await backend.call('updateResponder', { id: r.id, changes: { active: false } }));
    expect(value(await backend.call('listResponders', {}))).toHaveLength(0);
    const all = value(await backend.call('listResponders', { includeInactive: true }));
    expect(all).toHaveLength(1);
    expect(all[0]!.active).toBe(false);
    const log = value(await backend.call('listActivity', { entityId: r.id }));
    expect(log.map((e) => e.kind)).toEqual(['responder.deactivated', 'responder.created']);
  });

  it('validates settings and keeps the rest', async () => {
    env = tempBackend();
    const { backend } = env;
    const next = value(await backend.call('updateSettings', { purgeReporterAfterHours: 6 }));
    expect(next.purgeReporterAfterHours).toBe(6);
    expect(next.verificationOverdueMinutes).toBe(15);
    const bad = await backend.call('updateSettings', {
      tileUrl: 'http://evil.example/{z}/{x}/{y}.png',
    });
    expect(bad.ok).toBe(false);
    expect(value(await backend.call('getSession', {})).settings.purgeReporterAfterHours).toBe(6);
  });
});

describe('invalid calls get a clear error and change nothing', () => {
  const cases: [string, string, unknown, RegExp][] = [
    [
      'wrong type',
      'createIncident',
      { ...sampleIncident, affectedAdults: 'two' },
      /affectedAdults/,
    ],
    ['missing field', 'createIncident', { type: 'home_raid', triage: 'verify_first' }, /location/],
    ['unknown enum value', 'createIncident', { ...sampleIncident, type: 'party' }, /type/],
    [
      'unknown field',
      'createIncident',
      { ...sampleIncident, immigrationStatus: 'x' },
      /immigrationStatus|Unrecognized/,
    ],
    [
      'text over the limit',
      'createIncident',
      { ...sampleIncident, description: 'x'.repeat(4001) },
      /4000/,
    ],
    [
      'bad coordinates',
      'createIncident',
      { ...sampleIncident, location: { ...sampleIncident.location, lat: 123 } },
      /lat/,
    ],
    [
      'future call time',
      'createIncident',
      { ...sampleIncident, callReceivedAt: '2030-01-01T00:00:00Z' },
      /future/,
    ],
    [
      'unknown id',
      'updateIncident',
      { id: '01900000-0000-7000-8000-000000000000', changes: { description: 'x' } },
      /That incident is no longer on this console/,
    ],
    ['malformed id', 'getIncident', { id: '1 OR 1=1' }, /valid id/],
    [
      'empty patch',
      'updateIncident',
      { id: '01900000-0000-7000-8000-000000000000', changes: {} },
      /Nothing to change/,
    ],
    [
      'bad phone',
      'createResponder',
      { ...sampleResponder, phones: [{ e164: '555', original: '555' }] },
      /E\.164/,
    ],
    ['unknown operation', 'dropTables', {}, /Unknown operation/],
    ['not an object', 'listIncidents', 'everything', /Invalid input/],
  ];
  it.each(cases)('%s', async (_label, op, input, message) => {
    env = tempBackend();
    const { backend } = env;
    value(await backend.call('createIncident', sampleIncident));
    const before = tableCounts(backend);
    const result = await backend.call(op, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(tableCounts(backend)).toEqual(before);
  });
});
