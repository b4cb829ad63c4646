import { describe, expect, it } from 'vitest';
import { buildRosterIndex, matchCandidates, type MatchRequest } from '../../shared/matching/engine';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { canonicalLanguage, languageName } from '../../shared/domain/languages';
import { ResponderFieldsSchema, type Responder } from '../../shared/api/schemas';
import { label } from '../../shared/i18n';

const NOW = Date.parse('2026-11-28T19:30:00-05:00');
const SPRINGFIELD = { lat: 42.1015, lon: -72.5898 };

let seq = 0;
const interpreter = (name: string, languages: string[]): Responder => ({
  id: `01900000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
  name,
  phones: [],
  languages,
  roles: ['interpreter'],
  trainings: [],
  homeTown: 'Springfield',
  homeLat: SPRINGFIELD.lat,
  homeLon: SPRINGFIELD.lon,
  availability: [],
  onCall: true,
  hasCar: true,
  maxTravelMinutes: 45,
  avoidEnforcementScenes: false,
  notes: '',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const request = (language: string): MatchRequest => ({
  incident: { ...SPRINGFIELD, language },
  role: 'interpreter',
  limit: 20,
  now: NOW,
  settings: DEFAULT_SETTINGS,
});

describe('languages are open', () => {
  it('stores any language canonically: ISO codes for known names, the name otherwise', () => {
    expect(canonicalLanguage('Twi')).toBe('tw');
    expect(canonicalLanguage('twi')).toBe('tw');
    expect(canonicalLanguage('Español')).toBe('es');
    expect(canonicalLanguage('Mam')).toBe('mam');
    expect(canonicalLanguage('  Garifuna ')).toBe('garifuna');
    const fields = ResponderFieldsSchema.parse({
      ...interpreter('Yaa Asantewaa', ['English', 'Twi', 'Garifuna']),
    });
    expect(fields.languages).toEqual(['en', 'tw', 'garifuna']);
  });

  it('names languages in English and Spanish, free text as written', () => {
    expect(languageName('tw', 'en')).toBe('Twi');
    expect(languageName('so', 'es')).toBe('Somalí');
    expect(label('es', 'lang', 'am')).toBe('Amárico');
    expect(label('es', 'lang', 'es')).toBe('Español');
    expect(label('en', 'lang', 'garifuna')).toBe('Garifuna');
  });

  it('a caller who speaks Twi finds the interpreter who does, and nobody who does not', () => {
    const roster = [
      interpreter('Ana Spanish', ['es', 'en']),
      interpreter('Yaa Asantewaa', ['en', 'tw']),
      interpreter('Kofi Akan', ['ak']),
    ];
    const result = matchCandidates(buildRosterIndex(roster), request('Twi'));
    expect(result.candidates.map((c) => c.name)).toEqual(['Yaa Asantewaa']);
    expect(result.candidates[0]!.explanation.text).toMatch(/speaks Twi/);
    expect(result.excludedCounts.language).toBe(2);
  });

  it('matches languages beyond any fixed list, even past the 31 with bits of their own', () => {
    const many = Array.from({ length: 40 }, (_, i) => `constructed language ${i}`);
    const roster = many.map((l, i) => interpreter(`Person ${i}`, ['en', l]));
    const index = buildRosterIndex(roster);
    for (const i of [0, 20, 39]) {
      const r = matchCandidates(index, request(`Constructed Language ${i}`));
      expect(r.candidates.map((c) => c.name)).toEqual([`Person ${i}`]);
    }
  });
});
