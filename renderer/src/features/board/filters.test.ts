import { describe, expect, it } from 'vitest';
import { BOARD_LIMITS, NO_FILTERS, boardListInput, hasFilters } from './filters';

describe('boardListInput', () => {
  it('asks for every open incident when nothing is filtered', () => {
    expect(boardListInput('open', NO_FILTERS)).toEqual({
      scope: 'open',
      query: '',
      statuses: [],
      types: [],
      town: '',
      limit: BOARD_LIMITS.open,
    });
  });

  it('passes the status filter for open incidents only (history is all closed)', () => {
    const filters = { ...NO_FILTERS, status: 'confirmed' as const, type: 'arrest' as const };
    expect(boardListInput('open', filters)).toMatchObject({
      statuses: ['confirmed'],
      types: ['arrest'],
    });
    expect(boardListInput('history', filters)).toMatchObject({
      statuses: [],
      types: ['arrest'],
      limit: BOARD_LIMITS.history,
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
