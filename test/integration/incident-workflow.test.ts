import { textFor } from '../../shared/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { opLog } from '../../db/schema';
import { sampleIncident, tableCounts, tempBackend, value } from './helpers';
import type { ApiInput } from '../../shared/api/contract';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

const turnersFalls: ApiInput<'createIncident'> = {
  ...sampleIncident,
  location: {
    text: 'Turners Falls',
    streetText: 'Avenue A',
    lat: 42.6043,
    lon: -72.5565,
    precision: 'street',
    town: 'Montague',
  },
};

describe('incident workflow through the API', () => {
  it('walks new -> verifying -> confirmed, recording who verified and when', async () => {
    env = tempBackend();
    const { backend, clock } = env;
    const callAt = new Date(clock.now - 45_000).toISOString();
    const created = value(
      await backend.call('createIncident', { ...turnersFalls, callReceivedAt: callAt }),
    );
    clock.now += 60_000;
    value(await backend.call('transitionIncident', { id: created.id, to: 'verifying' }));
    clock.now += 4 * 60_000;
    const confirmed = value(
      await backend.call('transitionIncident', {
        id: created.id,
        to: 'confirmed',
        verifiedBy: 'Paola (verifier)',
      }),
    );
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.verificationOutcome).toBe('confirmed');
    expect(confirmed.verifiedBy).toBe('Paola (verifier)');
    expect(confirmed.verifiedAt).toBe(new Date(clock.now).toISOString());

    const timings = value(await backend.call('listTimings', {}));
    expect(timings.map((t) => [t.kind, t.durationMs])).toEqual([
      ['call_to_saved', 45_000],
      ['saved_to_verified', 5 * 60_000],
    ]);
    const timeline = value(await backend.call('getIncident', { id: created.id })).timeline;
    expect(timeline.map((e) => e.kind)).toEqual([
      'incident.created',
      'incident.status',
      'incident.status',
    ]);
    expect(timeline[2]!.message).toMatch(/verifying -> confirmed \(verifier: Paola/);
  });

  it('refuses a step the workflow does not allow, and a stale board, changing nothing', async () => {
    env = tempBackend();
    const { backend } = env;
    const created = value(await backend.call('createIncident', turnersFalls));
    const before = tableCounts(backend);
    const skip = await backend.call('transitionIncident', { id: created.id, to: 'on_scene' });
    expect(skip.ok).toBe(false);
    if (!skip.ok) {
      expect(skip.error.code).toBe('refused');
      expect(skip.error.message).toBe('The incident cannot go from "New" to "On scene".');
      expect(skip.error.text && textFor('es', skip.error.text)).toBe(
        'El incidente no puede pasar de «Nuevo» a «En el lugar».',
      );
    }
    const stale = await backend.call('transitionIncident', {
      id: created.id,
      to: 'verifying',
      expectedFrom: 'triaged',
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error.code).toBe('conflict');
    expect(tableCounts(backend)).toEqual(before);
  });

  it('puts an incident on hold and brings it back where it was', async () => {
    env = tempBackend();
    const { backend } = env;
    const created = value(await backend.call('createIncident', turnersFalls));
    value(await backend.call('transitionIncident', { id: created.id, to: 'verifying' }));
    const held = value(
      await backend.call('transitionIncident', {
        id: created.id,
        to: 'on_hold',
        note: 'caller unreachable',
      }),
    );
    expect(held.heldFromStatus).toBe('verifying');
    const back = value(
      await backend.call('transitionIncident', { id: created.id, to: 'verifying' }),
    );
    expect(back.status).toBe('verifying');
    expect(back.heldFromStatus).toBeNull();
  });

  it('proposes, merges and splits duplicate reports, keeping every report', async () => {
    env = tempBackend();
    const { backend, clock } = env;
    const first = value(await backend.call('createIncident', turnersFalls));
    clock.now += 10 * 60_000;
    const far = value(await backend.call('createIncident', { ...sampleIncident }));
    const second = value(
      await backend.call('createIncident', {
        ...turnersFalls,
        location: { ...turnersFalls.location, lat: 42.6055, streetText: '3rd St' },
      }),
    );
    const candidates = value(await backend.call('findMergeCandidates', { incidentId: second.id }));
    expect(candidates.map((c) => c.incident.id)).toEqual([first.id]);
    expect(candidates[0]!.distanceMeters).toBeGreaterThan(100);
    expect(candidates[0]!.minutesApart).toBe(10);
    expect(far.id).not.toBe(first.id);

    const merged = value(
      await backend.call('mergeIncidents', { intoId: first.id, reportId: second.id }),
    );
    expect(merged.reportCount).toBe(2);
    const board = value(await backend.call('listIncidents', {}));
    expect(board.map((i) => i.id).sort()).toEqual([first.id, far.id].sort());
    const detail = value(await backend.call('getIncident', { id: first.id }));
    expect(detail.mergedReports.map((r) => r.id)).toEqual([second.id]);
    expect(detail.timeline.at(-1)!.kind).toBe('incident.merged');

    const split = value(await backend.call('splitIncident', { reportId: second.id }));
    expect(split.mergedIntoId).toBeNull();
    expect(value(await backend.call('getIncident', { id: first.id })).incident.reportCount).toBe(1);
    expect(value(await backend.call('listIncidents', {}))).toHaveLength(3);
  });

  it('refuses to merge an incident with itself or a merged report, changing nothing', async () => {
    env = tempBackend();
    const { backend } = env;
    const a = value(await backend.call('createIncident', turnersFalls));
    const b = value(await backend.call('createIncident', turnersFalls));
    const c = value(await backend.call('createIncident', turnersFalls));
    value(await backend.call('mergeIncidents', { intoId: a.id, reportId: b.id }));
    const before = tableCounts(backend);
    const self = await backend.call('mergeIncidents', { intoId: a.id, reportId: a.id });
    expect(!self.ok && self.error.message).toMatch(/with itself/);
    const twice = await backend.call('mergeIncidents', { intoId: c.id, reportId: b.id });
    expect(!twice.ok && twice.error.message).toMatch(/already merged/);
    const intoMerged = await backend.call('mergeIncidents', { intoId: b.id, reportId: c.id });
    expect(!intoMerged.ok && intoMerged.error.message).toMatch(/itself merged/);
    expect(tableCounts(backend)).toEqual(before);
  });

  it('corrects a timeline entry by striking it through, never erasing it', async () => {
    env = tempBackend();
    value(await env.backend.call('setDispatcherName', { name: 'Ana' }));
    const created = value(await env.backend.call('createIncident', turnersFalls));
    const note = value(
      await env.backend.call('addIncidentNote', {
        incidentId: created.id,
        text: 'Two agents at the door',
      }),
    );
    const struck = value(
      await env.backend.call('correctActivity', {
        entryId: note.id,
        correction: 'It was four agents',
      }),
    );
    expect(struck).toMatchObject({
      message: 'Two agents at the door',
      struckBy: 'Ana',
      correction: 'It was four agents',
    });
    const timeline = value(await env.backend.call('getIncident', { id: created.id })).timeline;
    expect(timeline.map((e) => e.kind)).toEqual([
      'incident.created',
      'incident.note',
      'activity.corrected',
    ]);
    const again = await env.backend.call('correctActivity', { entryId: note.id, correction: 'x' });
    expect(again.ok).toBe(false);
  });

  it('warns about a location outside Western Mass and saves it only with a reason', async () => {
    env = tempBackend();
    const boston = {
      ...sampleIncident,
      location: {
        text: 'Boston',
        lat: 42.36,
        lon: -71.06,
        precision: 'town' as const,
        town: 'Boston',
      },
    };
    const refused = await env.backend.call('createIncident', boston);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error.fieldErrors?.location).toMatch(/outside Western Massachusetts/);
    const withReason: ApiInput<'createIncident'> = {
      ...boston,
      outsideRegionReason: 'Family from Holyoke detained in Boston',
    };
    const saved = value(await env.backend.call('createIncident', withReason));
    expect(saved.outsideRegionReason).toMatch(/Holyoke/);
  });

  it('refuses impossible times', async () => {
    env = tempBackend();
    const future = new Date(env.clock.now + 3_600_000).toISOString();
    const r = await env.backend.call('createIncident', {
      ...turnersFalls,
      salute: { timeSeen: future },
    });
    expect(!r.ok && r.error.fieldErrors?.['salute.timeSeen']).toMatch(/future/);
  });
});

describe('caller data retention', () => {
  it('purges reporter contact after the configured hours, with a timeline entry and no copy left in the op log', async () => {
    env = tempBackend();
    const { backend, clock } = env;
    value(await backend.call('updateSettings', { purgeReporterAfterHours: 2 }));
    const created = value(await backend.call('createIncident', turnersFalls));
    clock.now += 119 * 60_000;
    backend.runMaintenance();
    expect(
      value(await backend.call('getIncident', { id: created.id })).incident.reporterPhone,
    ).toBe('(413) 555-0142');
    clock.now += 2 * 60_000;
    backend.runMaintenance();
    const detail = value(await backend.call('getIncident', { id: created.id }));
    expect(detail.incident).toMatchObject({ reporterName: '', reporterPhone: '' });
    expect(detail.incident.reporterPurgedAt).not.toBeNull();
    const entry = detail.timeline.at(-1)!;
    expect(entry.kind).toBe('incident.reporter_purged');
    expect(entry.message).not.toContain('555-0142');
    const bodies = JSON.stringify(backend.ctx.db.select().from(opLog).all());
    expect(bodies).not.toContain('555-0142');
    expect(bodies).not.toContain('Test Caller');
    backend.runMaintenance();
    expect(
      value(await backend.call('getIncident', { id: created.id })).timeline.filter(
        (e) => e.kind === 'incident.reporter_purged',
      ),
    ).toHaveLength(1);
  });

  it('purges at once when the incident closes', async () => {
    env = tempBackend();
    const { backend } = env;
    const created = value(await backend.call('createIncident', turnersFalls));
    value(
      await backend.call('transitionIncident', {
        id: created.id,
        to: 'closed',
        note: 'no follow-up wanted',
      }),
    );
    const detail = value(await backend.call('getIncident', { id: created.id }));
    expect(detail.incident.reporterPhone).toBe('');
    expect(detail.timeline.map((e) => e.kind)).toEqual([
      'incident.created',
      'incident.status',
      'incident.reporter_purged',
    ]);
    expect(value(await backend.call('listIncidents', {}))).toHaveLength(0);
    expect(value(await backend.call('listIncidents', { scope: 'history' }))).toHaveLength(1);
  });
});
