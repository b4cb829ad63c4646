import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import type { IncidentStatus } from '../../shared/domain/vocabulary';
import { PartitionSim } from './partition-sim';
import { buildSnapshot, mergeSnapshot } from '../../backend/sync/snapshot';
import { sampleIncident, sampleResponder, value } from './helpers';

/** The partition merges of docs/sync.md: two consoles edit while apart, then meet again. */
let sim: PartitionSim;
afterEach(() => sim?.cleanup());

const START = Date.parse('2026-11-28T14:00:00Z');

function pair() {
  sim = new PartitionSim();
  // B's clock runs a minute later: B's ops win last-writer-wins, deterministically.
  return { a: sim.console(START), b: sim.console(START + 60_000) };
}

const incidentRow = (c: ConsoleBackend, id: string) =>
  c.ctx.db.$client
    .prepare('SELECT status, closed_at, description, held_from_status FROM incidents WHERE id = ?')
    .get(id) as {
    status: string;
    closed_at: string | null;
    description: string;
    held_from_status: string | null;
  };
const assignmentStatus = (c: ConsoleBackend, id: string) =>
  c.ctx.db.$client.prepare('SELECT status FROM assignments WHERE id = ?').pluck().get(id);
const conflicts = async (c: ConsoleBackend, incidentId: string) =>
  value(await c.call('listConflicts', { incidentId }));

async function walk(c: ConsoleBackend, id: string, steps: IncidentStatus[]) {
  for (const to of steps) value(await c.call('transitionIncident', { id, to }));
}

/** A responder both consoles know; then, apart, A adds 0177 and B adds 0188 (and `alsoOnB`). */
async function phoneAddedOnEach(alsoOnB: Record<string, unknown> = {}) {
  const { a, b } = pair();
  const responder = value(await a.call('createResponder', sampleResponder));
  sim.settle(a, b);
  const phone = (n: string) => ({ e164: `+1413555${n}`, original: `413-555-${n}`, label: '' });
  value(
    await a.call('updateResponder', {
      id: responder.id,
      changes: { phones: [...responder.phones, phone('0177')] },
    }),
  );
  value(
    await b.call('updateResponder', {
      id: responder.id,
      changes: { phones: [...responder.phones, phone('0188')], ...alsoOnB },
    }),
  );
  return { a, b, responder };
}

describe('partition merges (docs/sync.md)', () => {
  it('keeps both versions of a description edited on two consoles at once, on both', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    sim.settle(a, b);

    value(
      await a.call('updateIncident', {
        id: incident.id,
        changes: { description: 'Two vans, Elm St' },
      }),
    );
    value(
      await b.call('updateIncident', {
        id: incident.id,
        changes: { description: 'Agents left at 3' },
      }),
    );
    sim.settle(a, b);

    expect(incidentRow(a, incident.id).description).toBe('Agents left at 3');
    expect(incidentRow(b, incident.id).description).toBe('Agents left at 3');
    for (const c of [a, b]) {
      const [conflict, ...rest] = await conflicts(c, incident.id);
      expect(rest).toEqual([]);
      expect(conflict!.kind).toBe('concurrent_text');
      expect(conflict!.versions.map((v) => [v.value, v.kept])).toEqual([
        ['Agents left at 3', true],
        ['Two vans, Elm St', false],
      ]);
    }
  });

  it('an edit made after seeing the other is no conflict', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    sim.settle(a, b);
    value(await a.call('updateIncident', { id: incident.id, changes: { description: 'First' } }));
    sim.settle(a, b);
    value(await b.call('updateIncident', { id: incident.id, changes: { description: 'Second' } }));
    sim.settle(a, b);
    expect(await conflicts(a, incident.id)).toEqual([]);
    expect(incidentRow(a, incident.id).description).toBe('Second');
  });

  it('a close and a concurrent re-mobilize: the winning status brings its own closedAt, and a person is asked', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    await walk(a, incident.id, ['mobilizing', 'stood_down']);
    sim.settle(a, b);

    await walk(a, incident.id, ['closed']);
    await walk(b, incident.id, ['mobilizing']);
    sim.settle(a, b);

    for (const c of [a, b]) {
      const row = incidentRow(c, incident.id);
      expect(row.status).toBe('mobilizing');
      expect(row.closed_at).toBeNull();
      const found = await conflicts(c, incident.id);
      expect(found.map((f) => f.kind)).toEqual(['status_transition']);
      expect(found[0]!.versions.map((v) => v.value)).toEqual(['mobilizing', 'closed']);
    }
  });

  it('a closed incident never keeps an assignment proposed at the same time: released the same way on both', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    const responder = value(await a.call('createResponder', sampleResponder));
    sim.settle(a, b);

    await walk(a, incident.id, ['closed']);
    const assignment = value(
      await b.call('createAssignment', {
        incidentId: incident.id,
        responderId: responder.id,
        overrideReason: 'Test: the guards are not what this checks',
      }),
    );
    sim.settle(a, b);

    for (const c of [a, b]) {
      expect(assignmentStatus(c, assignment.id)).toBe('released');
      const found = await conflicts(c, incident.id);
      expect(found.map((f) => f.kind)).toEqual(['invariant_repair']);
      expect(found[0]!.versions.map((v) => v.value)).toEqual(['closed', 'proposed', 'released']);
    }
    const repairs = (c: ConsoleBackend) =>
      c.ctx.db.$client
        .prepare("SELECT op_id FROM op_log WHERE actor = 'Sync (automatic repair)'")
        .pluck()
        .all();
    expect(repairs(a)).toHaveLength(1);
    expect(repairs(a)).toEqual(repairs(b));
  });

  it('a responder deactivated on one console and assigned on the other ends released, with a conflict', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    const responder = value(await a.call('createResponder', sampleResponder));
    sim.settle(a, b);

    value(await a.call('updateResponder', { id: responder.id, changes: { active: false } }));
    const assignment = value(
      await b.call('createAssignment', {
        incidentId: incident.id,
        responderId: responder.id,
        overrideReason: 'Test: the guards are not what this checks',
      }),
    );
    sim.settle(a, b);

    for (const c of [a, b]) {
      expect(assignmentStatus(c, assignment.id)).toBe('released');
      const found = await conflicts(c, incident.id);
      expect(found.map((f) => [f.kind, f.responderId])).toEqual([
        ['invariant_repair', responder.id],
      ]);
    }
  });

  it('status steps made in view of each other are no conflict', async () => {
    const { a, b } = pair();
    const incident = value(await a.call('createIncident', sampleIncident));
    sim.settle(a, b);
    await walk(a, incident.id, ['mobilizing', 'stood_down']);
    sim.settle(a, b);
    expect(await conflicts(b, incident.id)).toEqual([]);
    expect(incidentRow(b, incident.id).status).toBe('stood_down');
  });

  it('a phone added on each console at once: both numbers survive on both', async () => {
    const { a, b, responder } = await phoneAddedOnEach({ languages: ['en'] });
    sim.settle(a, b);

    for (const c of [a, b]) {
      const merged = value(await c.call('getResponder', { id: responder.id }));
      expect(merged.phones.map((p) => p.e164)).toEqual([
        '+14135550101',
        '+14135550177',
        '+14135550188',
      ]);
      expect(merged.languages).toEqual(['en']);
    }
  });

  it('a snapshot merged into a console with data keeps a phone added there at the same time', async () => {
    const { a, b, responder } = await phoneAddedOnEach();
    // B starts from a snapshot of A's state instead of A's ops (bounded history).
    const snapshot = buildSnapshot(a.ctx.db.$client);
    b.ctx.db.$client.transaction(() => mergeSnapshot(b.ctx.db.$client, snapshot))();
    const merged = value(await b.call('getResponder', { id: responder.id }));
    expect(merged.phones.map((p) => p.e164)).toEqual([
      '+14135550101',
      '+14135550177',
      '+14135550188',
    ]);
    // And the clocks it kept still merge later ops by the same rules: A's own op now changes nothing.
    sim.settle(a, b);
    for (const c of [a, b])
      expect(
        value(await c.call('getResponder', { id: responder.id })).phones.map((p) => p.e164),
      ).toEqual(['+14135550101', '+14135550177', '+14135550188']);
  });

  it('a removal removes only what its author saw: a number added at the same time stays', async () => {
    const { a, b } = pair();
    const responder = value(await a.call('createResponder', sampleResponder));
    sim.settle(a, b);
    const added = { e164: '+14135550199', original: '413-555-0199', label: 'work' };

    value(await a.call('updateResponder', { id: responder.id, changes: { phones: [] } }));
    value(
      await b.call('updateResponder', {
        id: responder.id,
        changes: { phones: [...responder.phones, added], roles: ['verifier'] },
      }),
    );
    sim.settle(a, b);

    for (const c of [a, b]) {
      const merged = value(await c.call('getResponder', { id: responder.id }));
      expect(merged.phones.map((p) => p.e164)).toEqual(['+14135550199']);
      expect(merged.roles).toEqual(['verifier']);
    }
  });

  it('reads an op in the older whole-set form (no deltas) as last writer wins', async () => {
    const { a, b } = pair();
    const responder = value(await a.call('createResponder', sampleResponder));
    sim.settle(a, b);
    value(
      await a.call('updateResponder', {
        id: responder.id,
        changes: { availability: [{ day: 'sun', start: '10:00', end: '12:00' }] },
      }),
    );
    // Strip the deltas from A's op as an older console would have sent it.
    a.ctx.db.$client
      .prepare(
        "UPDATE op_log SET body = json_remove(body, '$.changes[0].sets') WHERE origin = 'local' AND relay_seq IS NULL",
      )
      .run();
    sim.settle(a, b);
    const merged = value(await b.call('getResponder', { id: responder.id }));
    expect(merged.availability).toEqual([{ day: 'sun', start: '10:00', end: '12:00' }]);
  });
});
