import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { tempBackend, value, sampleIncident, sampleResponder } from './helpers';
import type { ConsoleBackend } from '../../backend/console-backend';
import { assignDemoTeam } from '../../backend/demo/demo-team';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup() {
  const t = tempBackend();
  let current: ConsoleBackend = t.backend;
  cleanup = () => t.cleanup(current);
  return {
    ...t,
    get b() {
      return current;
    },
    reopen() {
      current.close();
      current = t.reopen();
      return current;
    },
    tick(ms: number) {
      t.clock.now += ms;
    },
  };
}

const raw = (b: ConsoleBackend, query: string) =>
  b.ctx.db.all<Record<string, unknown>>(sql.raw(query));

describe('shifts: sign on, attribution, PIN', () => {
  it('signs a new dispatcher on and attributes every change to them', async () => {
    const t = setup();
    const state = value(
      await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }),
    );
    expect(state.shift?.dispatcherName).toBe('Ana Day');
    expect(state.locked).toBe(false);
    expect(state.dispatchers).toEqual(['Ana Day']);
    expect(value(await t.b.call('getSession', {})).dispatcherName).toBe('Ana Day');
    t.tick(1000);
    const incident = value(await t.b.call('createIncident', sampleIncident));
    expect(incident.createdBy).toBe('Ana Day');
    const actors = raw(t.b, 'SELECT DISTINCT actor FROM op_log').map((r) => r.actor);
    expect(actors).toEqual(['Ana Day']);
    // The shift is a synced entity in the op log; the PIN hash is not, anywhere.
    const ops = raw(t.b, 'SELECT body FROM op_log').map((r) => String(r.body));
    expect(ops.some((o) => o.includes('"entity":"shift"'))).toBe(true);
    const hash = String(raw(t.b, 'SELECT hash FROM dispatcher_pins')[0]!.hash);
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[0-9a-f]{64}$/);
    expect(ops.join('')).not.toContain(hash.slice(-64));
    expect(ops.join('')).not.toContain('246813');
  });

  it('refuses a wrong PIN, an unknown name, a duplicate registration and a bad PIN shape', async () => {
    const t = setup();
    value(await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
    value(await t.b.call('endShift', {}));
    const wrong = await t.b.call('signOn', { name: 'ana  day', pin: '111111' });
    expect(wrong.ok ? null : wrong.error.code).toBe('unauthorized');
    const unknown = await t.b.call('signOn', { name: 'Bo', pin: '111111' });
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found');
    const dup = await t.b.call('signOn', { name: 'Ana Day', pin: '111111', newDispatcher: true });
    expect(dup.ok ? null : dup.error.code).toBe('conflict');
    const shape = await t.b.call('signOn', { name: 'Bo', pin: '12ab', newDispatcher: true });
    expect(shape.ok ? null : shape.error.fieldErrors?.pin).toMatch(/6 to 12 digits/);
    // Names match case- and space-insensitively.
    expect(
      value(await t.b.call('signOn', { name: 'ana  day', pin: '246813' })).shift?.dispatcherName,
    ).toBe('Ana Day');
  });

  it('locks a name for 60 s after 5 wrong PINs, doubling each time, even across restarts', async () => {
    const t = setup();
    value(await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
    value(await t.b.call('lockConsole', {}));
    for (let i = 0; i < 4; i++) {
      const r = await t.b.call('unlockConsole', { pin: '000000' });
      expect(r.ok ? '' : r.error.message).toMatch(/Wrong PIN/);
    }
    const fifth = await t.b.call('unlockConsole', { pin: '000000' });
    expect(fifth.ok ? '' : fifth.error.message).toMatch(/locked for 60 s/);
    // Even the right PIN is refused while locked, and a restart does not reset the lock.
    t.reopen();
    const during = await t.b.call('unlockConsole', { pin: '246813' });
    expect(during.ok ? '' : during.error.message).toMatch(/Try again in 60 s/);
    expect(value(await t.b.call('getShiftState', {})).locked).toBe(true);
    t.tick(61_000);
    for (let i = 0; i < 5; i++) await t.b.call('unlockConsole', { pin: '999999' });
    const second = await t.b.call('unlockConsole', { pin: '246813' });
    expect(second.ok ? '' : second.error.message).toMatch(/Try again in 120 s/);
    t.tick(121_000);
    expect(value(await t.b.call('unlockConsole', { pin: '246813' })).locked).toBe(false);
    // A success resets the counters: the next lock is 60 s again.
    value(await t.b.call('lockConsole', {}));
    for (let i = 0; i < 4; i++) await t.b.call('unlockConsole', { pin: '999999' });
    const again = await t.b.call('unlockConsole', { pin: '999999' });
    expect(again.ok ? '' : again.error.message).toMatch(/locked for 60 s/);
  });

  it('resumes the open shift after the console closes mid-shift', async () => {
    const t = setup();
    const first = value(
      await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }),
    );
    t.tick(5_000);
    value(await t.b.call('createIncident', sampleIncident));
    t.reopen();
    const after = value(await t.b.call('getShiftState', {}));
    expect(after.shift?.id).toBe(first.shift?.id);
    expect(after.shift?.endedAt).toBeNull();
    t.tick(5_000);
    expect(value(await t.b.call('createIncident', sampleIncident)).createdBy).toBe('Ana Day');
  });

  it('refuses a second dispatcher while one is on shift, unless they take over', async () => {
    const t = setup();
    value(await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
    const busy = await t.b.call('signOn', { name: 'Bo Night', pin: '135724', newDispatcher: true });
    expect(busy.ok ? null : busy.error.code).toBe('conflict');
    expect(value(await t.b.call('getShiftState', {})).dispatchers).toEqual(['Ana Day']);
    t.tick(1000);
    const took = value(
      await t.b.call('signOn', {
        name: 'Bo Night',
        pin: '135724',
        newDispatcher: true,
        takeOver: true,
      }),
    );
    expect(took.shift?.dispatcherName).toBe('Bo Night');
    expect(took.pendingHandoff?.dispatcherName).toBe('Ana Day');
    expect(took.pendingHandoff?.endedBy).toBe('Bo Night');
  });
});

describe('shifts: hand-off and metrics', () => {
  it('ends a shift with a brief (asking first about overdue items); the next dispatcher acknowledges', async () => {
    const t = setup();
    const ana = value(
      await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }),
    );
    t.tick(1000);
    const incident = value(await t.b.call('createIncident', sampleIncident));
    value(await t.b.call('transitionIncident', { id: incident.id, to: 'verifying' }));
    t.tick(20 * 60_000); // verification is now overdue (15 min)
    const preview = value(await t.b.call('previewHandoff', { notes: 'x' }));
    expect(preview.attention.map((a) => a.kind)).toEqual(['verification_overdue']);
    const before = raw(t.b, 'SELECT count(*) AS n FROM op_log')[0]!.n;
    const refused = await t.b.call('endShift', { notes: 'Florence needs a verifier.' });
    expect(refused.ok ? null : refused.error.code).toBe('conflict');
    expect(raw(t.b, 'SELECT count(*) AS n FROM op_log')[0]!.n).toBe(before);
    expect(value(await t.b.call('getShiftState', {})).shift?.id).toBe(ana.shift?.id);

    const ended = value(
      await t.b.call('endShift', { notes: 'Florence needs a verifier.', confirmAttention: true }),
    );
    expect(ended.brief.notes).toBe('Florence needs a verifier.');
    expect(ended.brief.openIncidents).toHaveLength(1);
    expect(ended.brief.pendingVerifications[0]).toMatchObject({
      overdue: true,
      status: 'verifying',
    });
    expect(ended.shift.endedBy).toBe('Ana Day');
    expect(JSON.stringify(ended.brief)).not.toContain(sampleIncident.reporterPhone!);

    const nobody = value(await t.b.call('getShiftState', {}));
    expect(nobody.shift).toBeNull();
    expect(nobody.pendingHandoff?.id).toBe(ana.shift?.id);

    t.tick(60_000);
    const bo = value(
      await t.b.call('signOn', { name: 'Bo Night', pin: '135724', newDispatcher: true }),
    );
    expect(bo.pendingHandoff?.id).toBe(ana.shift?.id);
    expect(bo.shift?.handoffFromShiftId).toBe(ana.shift?.id);
    const page = value(
      await t.b.call('getHandoffBriefPage', { shiftId: ana.shift!.id, locale: 'es' }),
    );
    expect(page.html).toContain('Informe de relevo de turno');
    expect(page.html).toContain('Florence needs a verifier.');
    const acked = value(await t.b.call('acknowledgeHandoff', { shiftId: ana.shift!.id }));
    expect(acked.acknowledgedBy).toBe('Bo Night');
    expect(value(await t.b.call('getShiftState', {})).pendingHandoff).toBeNull();
    const again = await t.b.call('acknowledgeHandoff', { shiftId: ana.shift!.id });
    expect(again.ok ? null : again.error.code).toBe('refused');
    const log = value(await t.b.call('listActivity', { entityId: ana.shift!.id }));
    expect(log.map((e) => [e.kind, e.actor])).toEqual([
      ['shift.handoff_acknowledged', 'Bo Night'],
      ['shift.ended', 'Ana Day'],
      ['shift.started', 'Ana Day'],
    ]);
  });

  it('measures the intervals of the shift from real timings', async () => {
    const t = setup();
    value(await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
    t.tick(10_000);
    const callAt = new Date(t.clock.now).toISOString();
    t.tick(40_000);
    const a = value(
      await t.b.call('createIncident', { ...sampleIncident, callReceivedAt: callAt }),
    );
    value(await t.b.call('transitionIncident', { id: a.id, to: 'verifying' }));
    t.tick(90_000);
    value(await t.b.call('transitionIncident', { id: a.id, to: 'confirmed' }));
    const callAt2 = new Date(t.clock.now).toISOString();
    t.tick(20_000);
    const b = value(
      await t.b.call('createIncident', { ...sampleIncident, callReceivedAt: callAt2 }),
    );
    value(await t.b.call('transitionIncident', { id: b.id, to: 'verifying' }));
    t.tick(30_000);
    value(await t.b.call('transitionIncident', { id: b.id, to: 'false_alarm' }));

    const m = value(await t.b.call('getShiftMetrics', {}));
    const row = (k: string) => m.intervals.find((i) => i.kind === k)!;
    expect(row('call_to_saved')).toMatchObject({
      count: 2,
      p50Ms: 20_000,
      p90Ms: 40_000,
      withinTarget: 1,
    });
    expect(row('saved_to_verified')).toMatchObject({
      count: 2,
      p50Ms: 30_000,
      p90Ms: 90_000,
      withinTarget: 0.5,
    });
    expect(row('verified_to_assigned').count).toBe(0);
    const ended = value(await t.b.call('endShift', {}));
    expect(ended.brief.metrics.intervals[0]!.count).toBe(2);
    // A later shift does not count the earlier shift's work.
    t.tick(1000);
    value(await t.b.call('signOn', { name: 'Bo Night', pin: '135724', newDispatcher: true }));
    expect(value(await t.b.call('getShiftMetrics', {})).intervals.every((i) => i.count === 0)).toBe(
      true,
    );
    expect(
      value(await t.b.call('getShiftMetrics', { shiftId: ended.shift.id })).intervals[1]!.count,
    ).toBe(2);
  });

  it('refuses shift operations with nobody on shift', async () => {
    const t = setup();
    for (const op of ['endShift', 'lockConsole', 'previewHandoff', 'getShiftMetrics'] as const) {
      const r = await t.b.call(op, {});
      expect(r.ok ? null : r.error.code).toBe('refused');
    }
  });
});

describe('rally briefing through the API', () => {
  it('prints the team and the meeting point, never the caller, and says what is missing', async () => {
    const t = setup();
    value(await t.b.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
    const lead = value(
      await t.b.call('createResponder', {
        ...sampleResponder,
        name: 'Rosa Testa',
        roles: ['rally_lead'],
      }),
    );
    expect(lead.id).toBeTruthy();
    const incident = value(
      await t.b.call('createIncident', {
        ...sampleIncident,
        location: {
          text: 'Holyoke',
          streetText: '12 High St',
          lat: 42.2046,
          lon: -72.6052,
          precision: 'exact',
          town: 'Holyoke',
        },
      }),
    );
    const empty = value(await t.b.call('getBriefing', { incidentId: incident.id }));
    expect(empty.missing).toEqual(['team']);
    expect(empty.html).toContain('High St');
    expect(empty.html).not.toContain('12 High St');
    assignDemoTeam(t.b, incident.id, ['rally_lead']);
    const full = value(
      await t.b.call('getBriefing', { incidentId: incident.id, languages: ['es'], paper: 'a4' }),
    );
    expect(full.missing).toEqual([]);
    expect(full.html).toContain('Rosa');
    expect(full.html).not.toContain('Testa');
    expect(full.html).toContain('413-555-0101');
    expect(full.html).toContain('Punto de encuentro');
    expect(full.html).not.toContain(sampleIncident.reporterPhone!);
    expect(full.html).not.toContain(sampleIncident.reporterName!);
    const bad = await t.b.call('getBriefing', { incidentId: incident.id, languages: ['fr'] });
    expect(bad.ok).toBe(false);
  });
});

describe('attribution during a shift', () => {
  it('refuses renaming the dispatcher while someone is on shift', async () => {
    const env = tempBackend();
    try {
      const { backend } = env;
      const signed = await backend.call('signOn', {
        name: 'Rita Turno',
        pin: '432109',
        newDispatcher: true,
        takeOver: false,
      });
      expect(signed.ok).toBe(true);
      const renamed = await backend.call('setDispatcherName', { name: 'Someone Else' });
      expect(renamed.ok).toBe(false);
      if (!renamed.ok) expect(renamed.error.message).toMatch(/end the shift or hand off/);
      const session = await backend.call('getSession', {});
      expect(session.ok && session.value.dispatcherName).toBe('Rita Turno');
    } finally {
      env.cleanup();
    }
  });
});

describe('the idle lock', () => {
  it('refuses everything but unlocking while the console is locked', async () => {
    const env = tempBackend();
    try {
      const { backend } = env;
      value(
        await backend.call('signOn', {
          name: 'Lia Candado',
          pin: '246813',
          newDispatcher: true,
          takeOver: false,
        }),
      );
      value(await backend.call('lockConsole', {}));
      const list = await backend.call('listIncidents', {});
      expect(!list.ok && list.error.code).toBe('unauthorized');
      const create = await backend.call('createIncident', sampleIncident);
      expect(!create.ok && create.error.message).toMatch(/locked/);
      const join = await backend.call('joinNetwork', {
        relayUrl: 'http://127.0.0.1:9',
        network: 'x',
        passphrase: 'long enough passphrase',
      });
      expect(join.ok).toBe(false);
      expect((await backend.call('unlockConsole', { pin: '000000' })).ok).toBe(false);
      value(await backend.call('unlockConsole', { pin: '246813' }));
      expect((await backend.call('listIncidents', {})).ok).toBe(true);
    } finally {
      env.cleanup();
    }
  });
});
