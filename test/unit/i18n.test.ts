import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { es } from '../../shared/i18n/es';
import {
  LOCALES,
  VOCABULARY_GROUPS,
  activityMessage,
  fillPlaceholders,
  isMessageKey,
  label,
  translate,
  type VocabularyGroup,
} from '../../shared/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('labels every vocabulary code in both languages', () => {
    for (const locale of LOCALES) {
      for (const group of Object.keys(VOCABULARY_GROUPS) as VocabularyGroup[]) {
        for (const code of VOCABULARY_GROUPS[group]) {
          const key = `${group}.${code}`;
          expect(isMessageKey(key), `${key} is missing`).toBe(true);
          const text = label(locale, group, code as never);
          expect(text.trim(), `${locale} ${key}`).not.toBe('');
          expect(text, `${locale} ${key} falls back to the code`).not.toBe(key);
        }
      }
    }
  });

  it('has the same keys and the same placeholders in Spanish and English', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key].trim(), `es ${key} is empty`).not.toBe('');
      expect(placeholders(es[key]), `placeholders of ${key}`).toEqual(placeholders(en[key]));
    }
  });

  it('uses real Spanish for the incident vocabulary', () => {
    expect(label('es', 'incidentType', 'home_raid')).toBe('Redada en casa');
    expect(label('es', 'incidentType', 'workplace_raid')).toBe('Redada en lugar de trabajo');
    expect(label('es', 'incidentType', 'arrest')).toBe('Arresto/detención');
    expect(label('es', 'triage', 'verify_first')).toBe('Solo verificar primero');
    expect(label('en', 'status', 'on_scene')).toBe('On scene');
  });
});

describe('translate', () => {
  it('fills {name} placeholders', () => {
    expect(translate('en', 'time.minutesAgo', { n: 12 })).toBe('12 min ago');
    expect(translate('es', 'time.minutesAgo', { n: 12 })).toBe('hace 12 min');
    expect(translate('en', 'responders.count', { shown: 3, total: 10 })).toBe('3 of 10');
    expect(
      translate('es', 'map.incidentMarker', {
        type: 'Redada en casa',
        status: 'Nuevo',
        town: 'Holyoke',
      }),
    ).toBe('Redada en casa - Nuevo - Holyoke');
  });

  it('leaves a missing placeholder visible rather than printing "undefined"', () => {
    expect(fillPlaceholders('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('en', 'time.minutesAgo')).toBe('{n} min ago');
  });

  it('renders activity entries in the reader language, codes as labels', () => {
    const entry = {
      kind: 'incident.created',
      message: 'Incident reported: home raid at Holyoke',
      params: { type: 'home_raid', place: 'Holyoke', triage: 'verify_first' },
    };
    expect(activityMessage('en', entry)).toBe('Incident reported: Home raid at Holyoke');
    expect(activityMessage('es', entry)).toBe('Incidente reportado: Redada en casa en Holyoke');
  });

  it('falls back to the stored message for an unknown activity kind', () => {
    expect(
      activityMessage('es', { kind: 'something.new', message: 'Stored text', params: {} }),
    ).toBe('Stored text');
  });
});
