import { randomUUID } from 'node:crypto';
import type { ApiInput } from '../../shared/api/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleIncident, sampleResponder, tableCounts, tempBackend, value } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setup() {
  const t = tempBackend();
  cleanups.push(() => t.cleanup());
  return t;
}

describe('a create sent twice with the same idempotency key', () => {
  it('is applied once and answered with the first result, for every create', async () => {
    const { backend } = setup();
    const key = randomUUID();
    const first = value(
      await backend.call('createIncident', { ...sampleIncident, idempotencyKey: key }),
    );
    const counts = tableCounts(backend);
    const again = value(
      await backend.call('createIncident', { ...sampleIncident, idempotencyKey: key }),
    );
    expect(again).toEqual(first);
    expect(tableCounts(backend)).toEqual(counts);
    expect(value(await backend.call('listIncidents', {}))).toHaveLength(1);

    const responderKey = randomUUID();
    const ana = value(
      await backend.call('createResponder', { ...sampleResponder, idempotencyKey: responderKey }),
    );
    const anaAgain = value(
      await backend.call('createResponder', { ...sampleResponder, idempotencyKey: responderKey }),
    );
    expect(anaAgain.id).toBe(ana.id);
    expect(
      value(await backend.call('listResponders', {})).filter((r) => r.name === ana.name),
    ).toHaveLength(1);

    // Without the key, sending an assignment again is refused as a second assignment of Ana;
    // with it, the retry gets the assignment the first call made.
    const assignKey = randomUUID();
    const assignment: ApiInput<'createAssignment'> = {
      incidentId: first.id,
      responderId: ana.id,
      idempotencyKey: assignKey,
    };
    const made = value(await backend.call('createAssignment', assignment));
    expect(value(await backend.call('createAssignment', assignment)).id).toBe(made.id);
    const withoutKey = await backend.call('createAssignment', {
      incidentId: first.id,
      responderId: ana.id,
    });
    expect(!withoutKey.ok && withoutKey.error.message).toMatch(/already on this incident/);

    const noteKey = randomUUID();
    const note = {
      incidentId: first.id,
      text: 'Caller says the vans left',
      idempotencyKey: noteKey,
    };
    const entry = value(await backend.call('addIncidentNote', note));
    expect(value(await backend.call('addIncidentNote', note)).id).toBe(entry.id);
    const timeline = value(await backend.call('getIncident', { id: first.id })).timeline;
    expect(timeline.filter((e) => e.kind === 'incident.note')).toHaveLength(1);
  });

  it('is applied twice with two keys, keeps keys apart across operations, and survives a restart', async () => {
    const t = setup();
    const one = value(
      await t.backend.call('createIncident', { ...sampleIncident, idempotencyKey: randomUUID() }),
    );
    const key = randomUUID();
    const two = value(
      await t.backend.call('createIncident', { ...sampleIncident, idempotencyKey: key }),
    );
    expect(two.id).not.toBe(one.id);
    const misused = await t.backend.call('createResponder', {
      ...sampleResponder,
      idempotencyKey: key,
    });
    expect(!misused.ok && misused.error.code).toBe('invalid_input');
    const notAKey = await t.backend.call('createIncident', {
      ...sampleIncident,
      idempotencyKey: 'abc',
    });
    expect(!notAKey.ok && notAKey.error.code).toBe('invalid_input');

    t.backend.close();
    const reopened = t.reopen();
    cleanups.push(() => reopened.close());
    const retried = value(
      await reopened.call('createIncident', { ...sampleIncident, idempotencyKey: key }),
    );
    expect(retried.id).toBe(two.id);
    expect(value(await reopened.call('listIncidents', {}))).toHaveLength(2);
  });

  it('a refused create keeps nothing: the corrected retry with the same key is applied', async () => {
    const { backend } = setup();
    const key = randomUUID();
    const refused = await backend.call('createIncident', {
      ...sampleIncident,
      callReceivedAt: new Date(Date.parse('2026-11-28T15:00:00Z')).toISOString(),
      idempotencyKey: key,
    });
    expect(!refused.ok && refused.error.code).toBe('invalid_input');
    const saved = value(
      await backend.call('createIncident', { ...sampleIncident, idempotencyKey: key }),
    );
    expect(value(await backend.call('listIncidents', {})).map((i) => i.id)).toEqual([saved.id]);
  });
});
