import { describe, expect, it } from 'vitest';
import {
  activityMessage,
  settingLabels,
  textFieldLabel,
  translate,
  translateCount,
} from '../../shared/i18n';
import { FREE_TEXT_FIELDS } from '../../shared/sync/merge-semantics';
import { CreateIncidentInput } from '../../shared/api/incidents';

describe('plurals and people text in both languages', () => {
  it('picks the plural form with Intl.PluralRules', () => {
    expect(translateCount('es', 'details.adults', 1)).toBe('1 adulto');
    expect(translateCount('es', 'details.adults', 2)).toBe('2 adultos');
    expect(translateCount('en', 'details.children', 1)).toBe('1 child');
    expect(translateCount('en', 'details.children', 0)).toBe('0 children');
    expect(translateCount('es', 'merge.reportCount', 1)).toBe('1 reporte');
  });
  it('does not end a sentence with a doubled period after a Spanish time', () => {
    const time = new Intl.DateTimeFormat('es', {
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    }).format(Date.UTC(2026, 10, 28, 18, 46));
    expect(translate('es', 'intake.intro', { time })).not.toMatch(/\.\./);
  });
  it('words assignment timeline entries in Spanish, statuses as assignment statuses', () => {
    const entry = {
      kind: 'assignment.status',
      message: 'Ana (Verifier): proposed -> declined (reason: No answer)',
      params: {
        name: 'Ana',
        role: 'verifier',
        from: 'proposed',
        to: 'declined',
        reason: 'no_answer',
      },
    };
    const es = activityMessage('es', entry);
    expect(es).toContain('Ana (Verificador');
    expect(es).not.toMatch(/proposed|declined|Verifier/);
    expect(
      activityMessage('es', {
        kind: 'assignment.created',
        message: 'x',
        params: { name: 'Ana', role: 'verifier', override: null },
      }),
    ).toMatch(/asignado\/a como/);
  });
});

describe('the callback phone', () => {
  const base = {
    type: 'arrest',
    triage: 'verify_first',
    location: {
      text: 'Holyoke',
      lat: 42.2,
      lon: -72.6,
      precision: 'town',
      town: 'Holyoke',
      streetText: null,
    },
  };
  it('accepts a dialable number or nothing, like the roster', () => {
    expect(
      CreateIncidentInput.safeParse({ ...base, reporterPhone: '(413) 555-0199' }).success,
    ).toBe(true);
    expect(CreateIncidentInput.safeParse({ ...base, reporterPhone: '' }).success).toBe(true);
  });
  it('refuses "call me maybe" and a number too short to dial', () => {
    for (const reporterPhone of ['call me maybe', '555-01']) {
      const r = CreateIncidentInput.safeParse({ ...base, reporterPhone });
      expect(r.success).toBe(false);
      expect(JSON.stringify(r.error?.issues)).toContain('callback number');
    }
  });
  it('words an undone assignment action from its kind, and old entries from their message', () => {
    const undone = {
      kind: 'assignment.undone',
      message: 'Undone: check-in of Dana Fictional',
      params: {
        what: 'check-in of Dana Fictional',
        whatKind: 'undo.checkIn',
        name: 'Dana Fictional',
      },
    };
    expect(activityMessage('es', undone)).toBe('Deshecho: reporte de Dana Fictional');
    expect(activityMessage('en', undone)).toBe('Undone: check-in of Dana Fictional');
    const stored = { ...undone, params: { what: 'check-in of Dana Fictional' } };
    expect(activityMessage('es', stored)).toBe('Deshecho: check-in of Dana Fictional');
  });
});

describe('setting and field names in the reader language', () => {
  it('names changed settings by their labels, not their keys', () => {
    expect(settingLabels('es', 'idleLockMinutes, networkName')).toBe(
      `${translate('es', 'shift.idleLockMinutes')}, Nombre de la red`,
    );
    expect(settingLabels('en', 'tileUrl')).toBe('Map tile address');
    expect(settingLabels('es', 'settingFromANewerConsole')).toBe('settingFromANewerConsole');
  });

  it('names every free-text field that can conflict', () => {
    for (const fields of Object.values(FREE_TEXT_FIELDS))
      for (const field of fields) {
        expect(textFieldLabel('es', field), field).not.toBe(field);
        expect(textFieldLabel('en', field), field).not.toBe(field);
      }
    expect(textFieldLabel('es', 'description')).toBe('Descripción');
  });
});
