import { describe, expect, it } from 'vitest';
import type { Responder } from '../../../../shared/api/schemas';
import {
  LIMITS,
  buildResponderFields,
  changedFields,
  draftOf,
  errorId,
  serverPath,
  toggle,
} from './responder-draft';

const t = (key: string) => key;
const saved = {
  id: 'r1',
  name: 'Ana Example',
  phones: [{ e164: '+14135550123', original: '413-555-0123', label: 'cell' }],
  languages: ['es'],
  roles: ['driver'],
  trainings: [],
  homeTown: 'Holyoke',
  homeLat: 42.2,
  homeLon: -72.6,
  availability: [],
  onCall: false,
  hasCar: true,
  maxTravelMinutes: 30,
  avoidEnforcementScenes: false,
  notes: '',
  active: true,
} as unknown as Responder;

describe('responder draft', () => {
  it('takes its limits from the contract', () => {
    expect(LIMITS).toMatchObject({
      name: 80,
      notes: 1000,
      phones: 4,
      travelMin: 5,
      travelMax: 240,
    });
  });

  it('an unchanged edit saves nothing', () => {
    const built = buildResponderFields(draftOf(saved), saved, t as never);
    expect('fields' in built && changedFields(built.fields, saved)).toEqual({});
  });

  it('an edit sends only what changed', () => {
    const draft = { ...draftOf(saved), notes: 'Evenings only', hasCar: false };
    const built = buildResponderFields(draft, saved, t as never);
    expect('fields' in built && changedFields(built.fields, saved)).toEqual({
      notes: 'Evenings only',
      hasCar: false,
    });
  });

  it('refuses a phone it cannot read and a town not picked from the list', () => {
    const draft = { ...draftOf(null), phones: [{ text: '12', label: '' }], townText: 'Somewhere' };
    const built = buildResponderFields(draft, null, t as never);
    expect('errors' in built && Object.keys(built.errors).sort()).toEqual(['homeTown', 'phones.0']);
    expect('errors' in built && built.errors.homeTown).toBe('roster.townPick');
  });

  it('names server paths as the form does, and error elements by path', () => {
    expect(serverPath('changes.name')).toBe('name');
    expect(serverPath('homeLat')).toBe('homeTown');
    expect(errorId('availability.0.end')).toBe('responder-error-availability-0-end');
  });

  it('toggles an item in a list without duplicates', () => {
    expect(toggle(['es'], 'es', true)).toEqual(['es']);
    expect(toggle(['es'], 'en', true)).toEqual(['es', 'en']);
    expect(toggle(['es', 'en'], 'es', false)).toEqual(['en']);
  });
});
