import { afterEach, describe, expect, it } from 'vitest';
import { seedScaleNetwork } from '../../bench/seed-scale';
import { tempBackend, value } from './helpers';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

describe('the responder status board of a large roster', () => {
  it('counts everyone per group and lists each group a page at a time, in name order', async () => {
    env = tempBackend(Date.parse('2026-11-28T19:30:00-05:00'));
    const { backend } = env;
    seedScaleNetwork(backend.ctx, { responders: 3_000, open: 1, closed: 0 });
    const active = value(await backend.call('pageResponders', { limit: 1 })).population;
    const board = value(await backend.call('getResponderBoard', { limit: 20 }));
    const { available, off_duty: offDuty } = board.counts;
    expect(Object.values(board.counts).reduce((n, k) => n + k, 0)).toBe(active);
    expect(available).toBeGreaterThan(20);
    expect(offDuty).toBeGreaterThan(20);
    const group = (rows: typeof board.rows, g: string) => rows.filter((r) => r.group === g);
    const firstAvailable = group(board.rows, 'available').map((r) => r.name);
    expect(firstAvailable).toHaveLength(20);
    expect(firstAvailable).toEqual([...firstAvailable].sort());

    const more = value(
      await backend.call('getResponderBoard', { limit: 20, limits: { available: 70 } }),
    );
    const longer = group(more.rows, 'available').map((r) => r.name);
    expect(longer).toHaveLength(70);
    expect(longer.slice(0, 20)).toEqual(firstAvailable);
    expect(group(more.rows, 'off_duty')).toHaveLength(20);

    const town = board.towns[0]!;
    const inTown = value(await backend.call('getResponderBoard', { town, limit: 500 }));
    expect(inTown.rows.every((r) => r.town === town)).toBe(true);
    expect(inTown.counts.available + inTown.counts.off_duty).toBeLessThan(active);
    const role = value(await backend.call('getResponderBoard', { role: 'medic', limit: 500 }));
    expect(role.rows.every((r) => r.roles.includes('medic'))).toBe(true);
  });
});
