import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoNetwork } from '../../backend/demo/seed-demo';
import { tempBackend, value } from './helpers';

type Incident = {
  id: string;
  status: string;
  callReceivedAt: string;
  createdAt: string;
  statusChangedAt: string;
};
type Entry = { kind: string; at: string; incidentId: string | null };

describe('the demo network', () => {
  let t: ReturnType<typeof tempBackend> | null = null;
  afterEach(() => {
    t?.cleanup();
    t = null;
  });

  it('reads like a shift under way: statuses changed between the call and now, not all at load', async () => {
    t = tempBackend(Date.parse('2026-11-28T14:00:00Z'));
    const now = t.clock.now;
    await seedDemoNetwork(t.backend);
    const open = value(await t.backend.call('listIncidents', { scope: 'open' })) as Incident[];
    expect(open.length).toBeGreaterThanOrEqual(5);
    const inStatusMinutes = open.map((i) => (now - Date.parse(i.statusChangedAt)) / 60_000);
    // No card says "0 min in status" on a first run; the newest report moved a few minutes ago.
    expect(Math.min(...inStatusMinutes)).toBeGreaterThanOrEqual(3);
    expect(new Set(open.map((i) => i.statusChangedAt)).size).toBe(open.length);
    for (const incident of open) {
      const called = Date.parse(incident.callReceivedAt);
      expect(Date.parse(incident.createdAt)).toBeGreaterThan(called);
      expect(Date.parse(incident.statusChangedAt)).toBeGreaterThanOrEqual(
        Date.parse(incident.createdAt),
      );
      expect(Date.parse(incident.statusChangedAt)).toBeLessThan(now);
      // The timeline tells the same story in order: entered, then each status change.
      const entries = value(
        await t.backend.call('listActivity', { incidentId: incident.id }),
      ) as Entry[];
      const times = entries.map((e) => Date.parse(e.at)).reverse();
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBe(Date.parse(incident.createdAt));
      expect(times.at(-1)).toBe(Date.parse(incident.statusChangedAt));
    }
  });
});
