import { afterEach, describe, expect, it } from 'vitest';
import { seedScaleNetwork } from '../../bench/seed-scale';
import type { BackendEvent } from '../../shared/api/events';
import type { Incident } from '../../shared/api/schemas';
import { sortByUrgency } from '../../shared/domain/board';
import { sampleIncident, sampleResponder, tempBackend, value } from './helpers';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

/** More open incidents than any old cap (1,000 on the board, 500 in the status bar). */
const OPEN = 1_200;
const CLOSED = 300;

async function seeded() {
  env = tempBackend();
  seedScaleNetwork(env.backend.ctx, { responders: 1, open: OPEN, closed: CLOSED });
  const { backend } = env;
  // A few of every urgency, so the order has something to sort.
  const urgent = value(
    await backend.call('createIncident', { ...sampleIncident, triage: 'mobilize_now' }),
  );
  value(await backend.call('transitionIncident', { id: urgent.id, to: 'triaged' }));
  const onScene = value(await backend.call('createIncident', sampleIncident));
  for (const to of ['triaged', 'verifying', 'confirmed', 'mobilizing'] as const)
    value(await backend.call('transitionIncident', { id: onScene.id, to }));
  value(await backend.call('createIncident', { ...sampleIncident, type: 'labor_abuse' }));
  return backend;
}

describe('the board paged from the backend', () => {
  it('pages through every open incident in urgency order with the true total', async () => {
    const backend = await seeded();
    const all = value(await backend.call('listIncidents', { scope: 'open', limit: 20_000 }));
    expect(all).toHaveLength(OPEN + 3);
    const expected = sortByUrgency(all).map((i) => i.id);
    const paged: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 200) {
      const page = value(
        await backend.call('listIncidentPage', { scope: 'open', offset, limit: 200 }),
      );
      expect(page.total).toBe(OPEN + 3);
      expect(page.offset).toBe(offset);
      paged.push(...page.items.map((i) => i.id));
    }
    expect(paged).toEqual(expected);
    // The mobilizing incident leads; the slow case closes the list.
    expect(all.find((i) => i.id === paged[0])!.status).toBe('mobilizing');
    expect(all.find((i) => i.id === paged.at(-1))!.type).toBe('labor_abuse');
    expect(value(await backend.call('countIncidents', { scope: 'open' })).total).toBe(OPEN + 3);
  });

  it('says where an incident sits in the order, and null where the filter hides it', async () => {
    const backend = await seeded();
    const order = sortByUrgency(
      value(await backend.call('listIncidents', { scope: 'open', limit: 20_000 })),
    );
    for (const index of [0, 1, 57, 640, order.length - 1]) {
      const found = value(
        await backend.call('locateIncident', { scope: 'open', id: order[index]!.id }),
      );
      expect(found.index).toBe(index);
    }
    const closed = value(await backend.call('listIncidentPage', { scope: 'history', limit: 1 }));
    const closedId = closed.items[0]!.id;
    expect(
      value(await backend.call('locateIncident', { scope: 'open', id: closedId })).index,
    ).toBeNull();
    expect(
      value(await backend.call('locateIncident', { scope: 'history', id: closedId })).index,
    ).toBe(0);
  });

  it('searches history newest first and counts every match', async () => {
    const backend = await seeded();
    const page = value(
      await backend.call('listIncidentPage', {
        scope: 'history',
        query: 'Synthetic report 12',
        limit: 5,
      }),
    );
    // Closed reports are numbered 0..299: 12 and 120..129.
    expect(page.total).toBe(11);
    expect(page.items).toHaveLength(5);
    const times = page.items.map((i: Incident) => i.callReceivedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('lists only the asked-for incidents that match the filter (a change patched in place)', async () => {
    const backend = await seeded();
    const [open] = value(await backend.call('listIncidentPage', { scope: 'open', limit: 1 })).items;
    const [closed] = value(
      await backend.call('listIncidentPage', { scope: 'history', limit: 1 }),
    ).items;
    const found = value(
      await backend.call('listIncidents', { scope: 'open', ids: [open!.id, closed!.id] }),
    );
    expect(found.map((i) => i.id)).toEqual([open!.id]);
  });
});

describe('what a change event names', () => {
  const incidentRefs = (events: BackendEvent[]) =>
    events
      .flatMap((e) => (e.type === 'changed' ? e.entities : []))
      .filter((r) => r.entity === 'incident');

  it('tells a change to an incident row from a note that only mentions it', async () => {
    env = tempBackend();
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    const events: BackendEvent[] = [];
    backend.subscribe((event) => events.push(event));

    value(await backend.call('addIncidentNote', { incidentId: incident.id, text: 'Two vans' }));
    expect(incidentRefs(events)).toEqual([
      { entity: 'incident', id: incident.id, via: 'activity' },
    ]);

    events.length = 0;
    value(await backend.call('transitionIncident', { id: incident.id, to: 'triaged' }));
    expect(incidentRefs(events)).toEqual([{ entity: 'incident', id: incident.id }]);

    // A merge changes the report count the other incident shows: a change to both.
    const report = value(await backend.call('createIncident', sampleIncident));
    events.length = 0;
    value(await backend.call('mergeIncidents', { intoId: incident.id, reportId: report.id }));
    expect(incidentRefs(events)).toEqual(
      expect.arrayContaining([
        { entity: 'incident', id: incident.id },
        { entity: 'incident', id: report.id },
      ]),
    );
    expect(incidentRefs(events).some((r) => 'via' in r)).toBe(false);

    // An assignment changes the incident's team: named via the assignment, not the log entry.
    const responder = value(await backend.call('createResponder', sampleResponder));
    events.length = 0;
    value(
      await backend.call('createAssignment', {
        incidentId: incident.id,
        responderId: responder.id,
        overrideReason: 'Test: the guards are not what this checks',
      }),
    );
    expect(incidentRefs(events)).toEqual([
      { entity: 'incident', id: incident.id, via: 'assignment' },
    ]);
  });
});
