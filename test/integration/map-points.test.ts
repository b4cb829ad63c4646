import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../shared/api/contract';
import { MAP_COORDINATE_SCALE } from '../../shared/api/map-points';
import { sampleIncident, sampleResponder, tempBackend, value } from './helpers';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env.cleanup());

describe('map points', () => {
  it('lists the incidents the board would, every one, merged reports as their incident', async () => {
    env = tempBackend();
    const { backend } = env;
    const florence = value(await backend.call('createIncident', sampleIncident));
    const duplicate = value(await backend.call('createIncident', sampleIncident));
    const pittsfield = value(
      await backend.call('createIncident', {
        ...sampleIncident,
        type: 'arrest',
        location: { text: 'Pittsfield', lat: 42.45, lon: -73.25, precision: 'town', town: null },
      }),
    );
    value(await backend.call('mergeIncidents', { intoId: florence.id, reportId: duplicate.id }));

    const points = value(await backend.call('listMapIncidents', {}));
    expect(points.map((p) => p[0]).sort()).toEqual([florence.id, pittsfield.id].sort());
    expect(points.find((p) => p[0] === pittsfield.id)).toEqual([
      pittsfield.id,
      42.45,
      -73.25,
      'arrest',
      'new',
      'verify_first',
      'Pittsfield',
      null,
    ]);
    const filters: ApiInput<'listIncidents'>[] = [
      { query: 'pittsf' },
      { town: 'Northampton' },
      { types: ['arrest' as const] },
      { statuses: ['triaged' as const] },
      { query: '%' },
      { query: pittsfield.id.slice(-6) },
      { scope: 'history' as const },
      { scope: 'all' as const },
    ];
    for (const filter of filters) {
      const board = value(await backend.call('listIncidents', filter)).map((i) => i.id);
      const map = value(await backend.call('listMapIncidents', filter)).map((p) => p[0]);
      expect(map, JSON.stringify(filter)).toEqual(board);
    }
  });

  it('lists every active responder in columns, coordinates as whole 1e-5 degrees', async () => {
    env = tempBackend();
    const { backend } = env;
    const rosa = value(await backend.call('createResponder', sampleResponder));
    const gone = value(
      await backend.call('createResponder', { ...sampleResponder, name: 'Ana Ida', onCall: false }),
    );
    const off = value(
      await backend.call('createResponder', {
        ...sampleResponder,
        name: 'Beto Fictício',
        onCall: false,
        homeLat: 42.101234,
      }),
    );
    value(await backend.call('updateResponder', { id: gone.id, changes: { active: false } }));

    const points = value(await backend.call('listMapResponders', {}));
    const at = (id: string) => points.ids.indexOf(id);
    expect([...points.ids].sort()).toEqual([rosa.id, off.id].sort());
    expect(points.onCall[at(rosa.id)]).toBe('1');
    expect(points.onCall[at(off.id)]).toBe('0');
    expect(points.lat[at(off.id)]! / MAP_COORDINATE_SCALE).toBeCloseTo(42.10123, 5);
    expect(points.lon[at(rosa.id)]).toBe(
      Math.round(sampleResponder.homeLon * MAP_COORDINATE_SCALE),
    );
  });
});
