import { describe, expect, it } from 'vitest';
import { confidenceOf, findMergeCandidates } from '../../shared/domain/duplicates';
import { isReporterPurgeDue } from '../../shared/domain/retention';
import { formatDuration, incidentTimers, sortByUrgency } from '../../shared/domain/board';
import type { Incident } from '../../shared/api/schemas';

const T0 = Date.parse('2026-11-28T14:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const thresholds = { radiusMeters: 400, windowMinutes: 45 };

describe('duplicate report proposals', () => {
  const open = [
    { id: 'same-block', lat: 42.6043, lon: -72.5565, reportedAt: at(-10) },
    { id: 'next-street', lat: 42.606, lon: -72.5565, reportedAt: at(-20) }, // ~190 m north
    { id: 'other-town', lat: 42.5876, lon: -72.5995, reportedAt: at(-5) }, // Greenfield, ~4 km
    { id: 'yesterday', lat: 42.6043, lon: -72.5565, reportedAt: at(-60 * 24) },
  ];
  it('proposes open incidents nearby in space and time, nearest first', () => {
    const c = findMergeCandidates(
      { lat: 42.6044, lon: -72.5566, reportedAt: at(0) },
      open,
      thresholds,
    );
    expect(c.map((x) => x.id)).toEqual(['same-block', 'next-street']);
    expect(c[0]!.distanceMeters).toBeLessThan(20);
    expect(c[1]!.distanceMeters).toBeGreaterThan(150);
    expect(c[1]!.minutesApart).toBe(20);
  });
  it('respects the thresholds from settings and never proposes the report itself', () => {
    expect(
      findMergeCandidates(
        { id: 'same-block', lat: 42.6043, lon: -72.5565, reportedAt: at(0) },
        open,
        { radiusMeters: 100, windowMinutes: 15 },
      ).map((x) => x.id),
    ).toEqual([]);
    expect(
      findMergeCandidates({ lat: 42.6043, lon: -72.5565, reportedAt: at(0) }, open, {
        radiusMeters: 100,
        windowMinutes: 15,
      }).map((x) => x.id),
    ).toEqual(['same-block']);
  });
  it('says "same town, exact distance unknown" when either point is a town point', () => {
    const holyoke = { lat: 42.2043, lon: -72.6162 };
    const townPoint = { ...holyoke, precision: 'town' as const, town: 'Holyoke' };
    const others = [
      // Another street of Holyoke, typed but not located: it sits on the same town point.
      { id: 'other-street', ...townPoint, reportedAt: at(-5) },
      // Located on its street 1.5 km from the centre: beyond the radius, so not proposed.
      {
        id: 'on-street',
        lat: 42.218,
        lon: -72.6162,
        precision: 'street' as const,
        town: 'Holyoke',
        reportedAt: at(-8),
      },
      {
        id: 'chicopee',
        lat: 42.1487,
        lon: -72.6079,
        precision: 'town' as const,
        town: 'Chicopee',
        reportedAt: at(-3),
      },
    ];
    const c = findMergeCandidates({ ...townPoint, reportedAt: at(0) }, others, thresholds);
    expect(c.map((x) => [x.id, x.distanceKind])).toEqual([['other-street', 'same_town']]);
    // Two street-precise points keep their measured distance.
    const precise = findMergeCandidates(
      { lat: 42.6044, lon: -72.5566, precision: 'street', town: 'Montague', reportedAt: at(0) },
      open.map((o) => ({ ...o, precision: 'intersection' as const, town: 'Montague' })),
      thresholds,
    );
    expect(precise.map((x) => x.distanceKind)).toEqual(['measured', 'measured']);
  });
  it('raises confidence with independent reports; verification settles it', () => {
    expect(confidenceOf(1, null)).toBe('single_report');
    expect(confidenceOf(3, null)).toBe('corroborated');
    expect(confidenceOf(1, 'confirmed')).toBe('verified');
    expect(confidenceOf(4, 'false_alarm')).toBe('refuted');
  });
});

describe('caller data retention', () => {
  const subject = {
    status: 'verifying',
    createdAt: at(0),
    reporterName: 'X',
    reporterPhone: '555',
    reporterPurgedAt: null,
  };
  it('purges after the configured hours', () => {
    expect(isReporterPurgeDue(subject, T0 + 11.9 * 3_600_000, 12)).toBe(false);
    expect(isReporterPurgeDue(subject, T0 + 12 * 3_600_000, 12)).toBe(true);
    expect(isReporterPurgeDue(subject, T0 + 2 * 3_600_000, 2)).toBe(true);
  });
  it('purges at once when closed, and never twice', () => {
    expect(isReporterPurgeDue({ ...subject, status: 'closed' }, T0 + 60_000, 12)).toBe(true);
    expect(
      isReporterPurgeDue(
        { ...subject, reporterName: '', reporterPhone: '' },
        T0 + 99 * 3_600_000,
        12,
      ),
    ).toBe(false);
  });
});

describe('the live board', () => {
  const base = {
    type: 'home_raid',
    triage: 'verify_first',
    status: 'new',
    callReceivedAt: at(0),
    statusChangedAt: at(0),
  } as unknown as Incident;
  const mk = (id: string, patch: Partial<Incident>) => ({ ...base, id, ...patch }) as Incident;
  it('sorts by urgency, then the longest wait first, slow cases last', () => {
    const list = [
      mk('labor', { type: 'labor_abuse', triage: 'mobilize_now', callReceivedAt: at(-600) }),
      mk('verify-old', { callReceivedAt: at(-30) }),
      mk('verify-new', { callReceivedAt: at(-5) }),
      mk('mobilize', { triage: 'mobilize_now', status: 'mobilizing' }),
      mk('followup', { status: 'follow_up', callReceivedAt: at(-900) }),
      mk('dns', { triage: 'do_not_share', callReceivedAt: at(-40) }),
    ];
    expect(sortByUrgency(list).map((i) => i.id)).toEqual([
      'mobilize',
      'verify-old',
      'verify-new',
      'dns',
      'followup',
      'labor',
    ]);
  });
  it('runs timers and flags overdue verification', () => {
    const i = mk('a', { status: 'verifying', callReceivedAt: at(-20), statusChangedAt: at(-12) });
    const t = incidentTimers(i, T0, 15);
    expect(t.sinceReportMs).toBe(20 * 60_000);
    expect(t.inStatusMs).toBe(12 * 60_000);
    expect(t.verificationOverdue).toBe(true);
    expect(incidentTimers(i, T0, 30).verificationOverdue).toBe(false);
    expect(
      incidentTimers(
        mk('b', { type: 'labor_abuse', status: 'new', callReceivedAt: at(-600) }),
        T0,
        15,
      ).verificationOverdue,
    ).toBe(false);
    expect(
      incidentTimers(mk('c', { status: 'confirmed', callReceivedAt: at(-600) }), T0, 15)
        .verificationOverdue,
    ).toBe(false);
  });
  it('formats running durations compactly', () => {
    expect(formatDuration(4 * 60_000 + 59_000)).toBe('4 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration((3 * 24 + 4) * 3_600_000)).toBe('3 d 4 h');
  });
});
