import { afterEach, describe, expect, it } from 'vitest';
import { seedScaleNetwork } from '../../bench/seed-scale';
import { sampleResponder, tempBackend, value } from './helpers';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

describe('the roster a page at a time', () => {
  it('finds anyone in a roster of thousands, with honest totals and no cap', async () => {
    env = tempBackend();
    const { backend } = env;
    seedScaleNetwork(backend.ctx, { responders: 8_000, open: 1, closed: 0 });
    const first = value(await backend.call('pageResponders', { limit: 50 }));
    const active = first.population;
    expect(active).toBeGreaterThan(7_000);
    expect(first.total).toBe(active);
    expect(first.rows).toHaveLength(50);
    // Name order, page after page, with nobody skipped or repeated.
    const last = value(await backend.call('pageResponders', { offset: active - 10, limit: 50 }));
    expect(last.rows).toHaveLength(10);
    const names = [...first.rows, ...last.rows].map((r) => r.name);
    expect(names).toEqual([...names].sort());

    const person = value(
      await backend.call('pageResponders', { query: 'Synthetic Person 7999', status: 'all' }),
    );
    expect(person.rows.map((r) => r.name)).toEqual(['Synthetic Person 7999']);
    expect(person.total).toBe(1);
    // A short prefix matches everyone: counted exactly, paged in name order.
    const many = value(await backend.call('pageResponders', { query: 'synth', limit: 20 }));
    expect(many.total).toBe(active);
    expect(many.rows.map((r) => r.name)).toEqual(first.rows.slice(0, 20).map((r) => r.name));
  });

  it('filters by status, town, role, language and duty in the database', async () => {
    env = tempBackend();
    const { backend } = env;
    const rosa = value(await backend.call('createResponder', sampleResponder));
    value(
      await backend.call('createResponder', {
        ...sampleResponder,
        name: 'Teo Portugues',
        languages: ['pt'],
        roles: ['driver'],
        onCall: false,
        homeTown: 'Springfield',
      }),
    );
    const old = value(
      await backend.call('createResponder', { ...sampleResponder, name: 'Vera Vieja' }),
    );
    value(await backend.call('updateResponder', { id: old.id, changes: { active: false } }));
    const names = async (input: Parameters<typeof backend.call<'pageResponders'>>[1]) =>
      value(await backend.call('pageResponders', input)).rows.map((r) => r.name);

    expect(await names({})).toEqual(['Rosa Testa', 'Teo Portugues']);
    expect(await names({ status: 'inactive' })).toEqual(['Vera Vieja']);
    expect(await names({ status: 'all' })).toEqual(['Rosa Testa', 'Teo Portugues', 'Vera Vieja']);
    expect(await names({ town: 'Springfield' })).toEqual(['Teo Portugues']);
    expect(await names({ role: 'driver' })).toEqual(['Teo Portugues']);
    expect(await names({ role: 'verifier' })).toEqual(['Rosa Testa']);
    expect(await names({ language: 'pt' })).toEqual(['Teo Portugues']);
    expect(await names({ duty: 'on' })).toEqual(['Rosa Testa']);
    expect(await names({ duty: 'off' })).toEqual(['Teo Portugues']);
    // Search ignores accents and case, and words may be the start of a name or a town.
    expect(await names({ query: 'ROSA holy' })).toEqual(['Rosa Testa']);
    expect(await names({ query: '!!!' })).toEqual([]);
    const counts = value(await backend.call('pageResponders', { role: 'driver' }));
    expect([counts.total, counts.population]).toEqual([1, 2]);
    value(await backend.call('updateResponder', { id: rosa.id, changes: { roles: ['driver'] } }));
    expect(await names({ role: 'driver' })).toEqual(['Rosa Testa', 'Teo Portugues']);
  });

  it("says where a responder sits in the roster's order under the same search and filters", async () => {
    env = tempBackend();
    const { backend } = env;
    seedScaleNetwork(backend.ctx, { responders: 3_000, open: 1, closed: 0 });
    // Two people with one name: the order between them is still fixed.
    for (let i = 0; i < 2; i++)
      value(await backend.call('createResponder', { ...sampleResponder, name: 'Synthetic Twin' }));
    type Filter = Omit<Parameters<typeof backend.call<'pageResponders'>>[1], 'offset' | 'limit'>;
    const everyRow = async (filter: Filter) => {
      const rows: { id: string; active: boolean }[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = value(await backend.call('pageResponders', { ...filter, offset, limit: 500 }));
        rows.push(...page.rows);
        if (rows.length >= page.total) return rows;
      }
    };
    const locate = async (filter: Filter, id: string) =>
      value(await backend.call('locateResponder', { ...filter, id })).index;

    const filters: Filter[] = [{}, { status: 'all' }, { query: 'synth' }, { role: 'driver' }];
    for (const filter of filters) {
      const rows = await everyRow(filter);
      expect(rows.length).toBeGreaterThan(100);
      for (const at of [0, 1, Math.floor(rows.length / 2), rows.length - 2, rows.length - 1])
        expect(await locate(filter, rows[at]!.id)).toBe(at);
    }
    const twins = (await everyRow({ query: 'twin' })).map((r) => r.id);
    expect(twins).toHaveLength(2);
    expect([await locate({}, twins[0]!), await locate({}, twins[1]!)]).toEqual(
      await Promise.all(
        twins.map(async (id) => (await everyRow({})).findIndex((r) => r.id === id)),
      ),
    );

    // Hidden by the search, a filter or the status: nowhere in that list.
    const everyone = await everyRow({ status: 'all' });
    const inactive = everyone.find((r) => !r.active)!;
    expect(await locate({}, inactive.id)).toBeNull();
    expect(await locate({ status: 'inactive' }, inactive.id)).toBe(
      (await everyRow({ status: 'inactive' })).findIndex((r) => r.id === inactive.id),
    );
    const active = everyone.find((r) => r.active)!;
    expect(await locate({ query: 'twin' }, active.id)).toBeNull();
    expect(await locate({ query: '!!!' }, active.id)).toBeNull();
    expect(await locate({ status: 'inactive' }, active.id)).toBeNull();
    expect(await locate({}, '00000000-0000-7000-8000-0000ffffffff')).toBeNull();
  });
});
