import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleBackend } from '../../backend/console-backend';
import { rosterIndex } from '../../backend/matching/roster-cache';
import { seedScaleNetwork } from '../../bench/seed-scale';
import { testEncryption } from '../test-passphrase';
import { sampleIncident, sampleResponder, tempBackend, value } from './helpers';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

// Saturday evening: the sample responder is on call, the synthetic roster's windows apply.
const SATURDAY = Date.parse('2026-11-28T19:30:00-05:00');

describe("matching's roster index", () => {
  it('loads in the background: other calls are answered while a large roster is indexed', async () => {
    env = tempBackend(SATURDAY);
    const { backend } = env;
    seedScaleNetwork(backend.ctx, { responders: 20_000, open: 3, closed: 0 });
    const incident = value(await backend.call('createIncident', sampleIncident));
    const answered: string[] = [];
    const match = backend
      .call('matchCandidates', { incidentId: incident.id, role: 'rally_responder', limit: 20 })
      .then((r) => (answered.push('matchCandidates'), value(r)));
    const session = backend.call('getSession', {}).then((r) => (answered.push('getSession'), r));
    const [ranked] = await Promise.all([match, session]);
    expect(answered).toEqual(['getSession', 'matchCandidates']);
    // Everyone seeded was indexed: people near Florence are ranked, the rest counted.
    expect(ranked.candidates).toHaveLength(20);
    const counted =
      ranked.eligibleCount +
      Object.values(ranked.excludedCounts).reduce((n, k) => n + k, 0) +
      ranked.busy.length;
    expect(counted).toBeGreaterThanOrEqual(20_000 * 0.95);
  });

  it('follows edits and assignments person by person instead of rebuilding', async () => {
    env = tempBackend(SATURDAY);
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    const rosa = value(await backend.call('createResponder', sampleResponder));
    const ranked = async () =>
      value(await backend.call('matchCandidates', { incidentId: incident.id, role: 'verifier' }));
    expect((await ranked()).candidates.map((c) => c.name)).toEqual(['Rosa Testa']);
    const index = rosterIndex(backend.ctx);

    value(await backend.call('updateResponder', { id: rosa.id, changes: { name: 'Rosa Nueva' } }));
    expect((await ranked()).candidates.map((c) => c.name)).toEqual(['Rosa Nueva']);
    value(
      await backend.call('createAssignment', {
        incidentId: incident.id,
        responderId: rosa.id,
        role: 'verifier',
      }),
    );
    const afterAssign = await ranked();
    expect(afterAssign.candidates).toEqual([]);
    // Without a role: the plan's first open slot (verify-first needs two verifiers, one is out).
    const open = value(await backend.call('matchCandidates', { incidentId: incident.id }));
    expect(open.role).toBe('verifier');
    expect(open.excludedCounts.taken).toBe(1);
    expect(afterAssign.excludedCounts.taken).toBe(1);
    // The same index object, brought up to date: no rebuild of the roster happened.
    expect(rosterIndex(backend.ctx)).toBe(index);
  });

  it('sees a responder another connection added (the roster command line)', async () => {
    env = tempBackend(SATURDAY);
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    expect(
      value(await backend.call('matchCandidates', { incidentId: incident.id, role: 'verifier' }))
        .candidates,
    ).toEqual([]);
    const other = createConsoleBackend({
      ...testEncryption,
      dbFile: env.file,
      now: () => SATURDAY,
    });
    try {
      value(await other.call('createResponder', sampleResponder));
    } finally {
      other.close();
    }
    const after = value(
      await backend.call('matchCandidates', { incidentId: incident.id, role: 'verifier' }),
    );
    expect(after.candidates.map((c) => c.name)).toEqual(['Rosa Testa']);
  });
});
