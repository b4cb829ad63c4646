import { describe, expect, it } from 'vitest';
import { activityMessage, translate, translateCount } from '../../shared/i18n';
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
});
