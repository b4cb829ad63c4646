import { describe, expect, it } from 'vitest';
import type { Responder } from '../../../../shared/api/schemas';
import { NO_ROSTER_FILTERS, filterRoster, searchText } from './filters';

const person = (over: Partial<Responder>): Responder =>
  ({
    id: over.name ?? 'x',
    name: 'Nobody',
    homeTown: 'Holyoke',
    active: true,
    roles: ['verifier'],
    languages: ['en'],
    onCall: false,
    ...over,
  }) as Responder;

const roster = [
  person({ name: 'José Fictício', homeTown: 'Chicopee', roles: ['driver'], languages: ['es'] }),
  person({ name: 'Ana Example', onCall: true }),
  person({ name: 'Old Member', active: false }),
];
const names = (list: Responder[]) => list.map((r) => r.name);

describe('searchText', () => {
  it('ignores case, accents and surrounding spaces', () => {
    expect(searchText('  JOSÉ ')).toBe('jose');
  });
});

describe('filterRoster', () => {
  it('shows active people by default', () => {
    expect(names(filterRoster(roster, NO_ROSTER_FILTERS))).toEqual([
      'José Fictício',
      'Ana Example',
    ]);
  });
  it('finds by name or home town without accents', () => {
    expect(names(filterRoster(roster, { ...NO_ROSTER_FILTERS, query: 'jose' }))).toEqual([
      'José Fictício',
    ]);
    expect(names(filterRoster(roster, { ...NO_ROSTER_FILTERS, query: 'chicopee' }))).toEqual([
      'José Fictício',
    ]);
  });
  it('narrows by role, language, duty and status', () => {
    expect(names(filterRoster(roster, { ...NO_ROSTER_FILTERS, role: 'driver' }))).toEqual([
      'José Fictício',
    ]);
    expect(names(filterRoster(roster, { ...NO_ROSTER_FILTERS, language: 'en' }))).toEqual([
      'Ana Example',
    ]);
    expect(names(filterRoster(roster, { ...NO_ROSTER_FILTERS, duty: 'on' }))).toEqual([
      'Ana Example',
    ]);
    expect(names(filterRoster(roster, { ...NO_ROSTER_FILTERS, status: 'inactive' }))).toEqual([
      'Old Member',
    ]);
  });
});
