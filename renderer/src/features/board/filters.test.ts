import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/api/schemas';
import { NO_FILTERS, boardFilterInput, hasFilters } from './filters';
import { patchIncidentList } from './list-patch';

describe('boardFilterInput', () => {
  it('asks for every open incident when nothing is filtered', () => {
    expect(boardFilterInput('open', NO_FILTERS)).toEqual({
      scope: 'open',
      query: '',
      statuses: [],
      types: [],
      town: '',
    });
  });

  it('passes the status filter for open incidents only (history is all closed)', () => {
    const filters = { ...NO_FILTERS, status: 'confirmed' as const, type: 'arrest' as const };
    expect(boardFilterInput('open', filters)).toMatchObject({
      statuses: ['confirmed'],
      types: ['arrest'],
    });
    expect(boardFilterInput('history', filters)).toMatchObject({
      statuses: [],
      types: ['arrest'],
    });
  });
});

describe('hasFilters', () => {
  it('is false only when every filter is empty', () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, town: 'Holyoke' })).toBe(true);
    expect(hasFilters({ ...NO_FILTERS, query: 'raid' })).toBe(true);
  });
});

describe('patchIncidentList', () => {
  const at = (id: string, minute: number) =>
    ({
      id,
      callReceivedAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
    }) as Incident;
  const ids = (list: Incident[] | undefined) => list?.map((i) => i.id);

  it('puts a new incident in its place, replaces a changed one and drops one that left', () => {
    const list = [at('c', 30), at('b', 20), at('a', 10)];
    // d is new, b changed, a no longer matches (closed): only d and b come back.
    const patched = patchIncidentList(list, [at('d', 25), at('b', 20)], ['d', 'b', 'a'], 10);
    expect(ids(patched)).toEqual(['c', 'd', 'b']);
  });

  it('cannot patch a list cut at its limit when a row leaves (what moves up is unknown)', () => {
    expect(patchIncidentList([at('b', 2), at('a', 1)], [], ['a'], 2)).toBeUndefined();
    // A newer row coming in pushes the oldest out.
    expect(ids(patchIncidentList([at('b', 2), at('a', 1)], [at('c', 3)], ['c'], 2))).toEqual([
      'c',
      'b',
    ]);
  });
});
