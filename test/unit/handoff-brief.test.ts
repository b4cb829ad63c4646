import { describe, expect, it } from 'vitest';
import { buildHandoffBrief, type HandoffInput } from '../../shared/shifts/handoff';
import { renderHandoffHtml } from '../../shared/shifts/handoff-html';
import { computeShiftMetrics } from '../../shared/shifts/metrics';
import type { Incident } from '../../shared/api/schemas';

const NOW = Date.parse('2026-11-28T20:00:00Z');
const ago = (min: number) => new Date(NOW - min * 60_000).toISOString();

function incident(id: string, over: Partial<Incident>): Incident {
  return {
    id,
    type: 'home_raid',
    triage: 'verify_first',
    location: {
      text: 'Holyoke',
      streetText: '12 Elm St',
      lat: 42.2,
      lon: -72.6,
      precision: 'exact',
      town: 'Holyoke',
    },
    salute: {
      agentsCount: null,
      vehiclesCount: null,
      activity: '',
      agency: 'unknown',
      timeSeen: null,
      equipment: '',
    },
    vehiclesPlates: '',
    affectedAdults: 1,
    affectedChildren: 0,
    affectedFirstNames: 'Mateo',
    language: 'es',
    description: 'secret details',
    reporterName: 'Graciela Caller',
    reporterPhone: '(413) 555-0199',
    outsideRegionReason: null,
    status: 'new',
    statusChangedAt: ago(10),
    verificationOutcome: null,
    verifiedBy: null,
    verifiedAt: null,
    mergedIntoId: null,
    heldFromStatus: null,
    reportCount: 1,
    reporterPurgedAt: null,
    callReceivedAt: ago(10),
    createdAt: ago(10),
    createdBy: 'A',
    updatedAt: ago(10),
    closedAt: null,
    ...over,
  } as Incident;
}

const base = (): HandoffInput => ({
  nowMs: NOW,
  shift: { id: 's1', dispatcherName: 'Ana Day', startedAt: ago(480) },
  notes: '  Call the Holyoke team back at 9.  ',
  incidents: [
    incident('00000000-0000-7000-8000-00000000aaa1', {
      status: 'verifying',
      callReceivedAt: ago(40),
      statusChangedAt: ago(30),
    }),
    incident('00000000-0000-7000-8000-00000000aaa2', {
      status: 'on_scene',
      triage: 'mobilize_now',
      callReceivedAt: ago(90),
      location: {
        text: 'Springfield',
        streetText: null,
        lat: 42.1,
        lon: -72.59,
        precision: 'town',
        town: 'Springfield',
      },
    }),
    incident('00000000-0000-7000-8000-00000000aaa3', {
      status: 'follow_up',
      callReceivedAt: ago(3000),
    }),
    incident('00000000-0000-7000-8000-00000000aaa4', { status: 'new', callReceivedAt: ago(5) }),
    incident('00000000-0000-7000-8000-00000000aaa5', { status: 'closed' }),
    incident('00000000-0000-7000-8000-00000000aaa6', {
      status: 'verifying',
      mergedIntoId: '00000000-0000-7000-8000-00000000aaa1',
    }),
  ],
  assignments: [
    {
      id: 'a1',
      incidentId: '00000000-0000-7000-8000-00000000aaa2',
      role: 'rally_lead',
      status: 'on_scene',
      statusChangedAt: ago(50),
      lastCheckInAt: ago(35),
      responderName: 'Rosa Dwyer',
    },
    {
      id: 'a2',
      incidentId: '00000000-0000-7000-8000-00000000aaa2',
      role: 'legal_observer',
      status: 'en_route',
      statusChangedAt: ago(5),
      lastCheckInAt: null,
      responderName: 'Maggie Teixeira',
    },
    {
      id: 'a3',
      incidentId: '00000000-0000-7000-8000-00000000aaa2',
      role: 'driver',
      status: 'released',
      statusChangedAt: ago(5),
      lastCheckInAt: null,
      responderName: 'Dev Delgado',
    },
  ],
  settings: { verificationOverdueMinutes: 15, checkInOverdueMinutes: 20 },
  metrics: computeShiftMetrics([], { from: ago(480), to: ago(0) }),
});

describe('hand-off brief', () => {
  it('lists open incidents with status and age, oldest first, without closed or merged ones', () => {
    const b = buildHandoffBrief(base());
    expect(b.openIncidents.map((i) => [i.ref, i.status])).toEqual([
      ['00AAA3', 'follow_up'],
      ['00AAA2', 'on_scene'],
      ['00AAA1', 'verifying'],
      ['00AAA4', 'new'],
    ]);
    expect(b.openIncidents[1]!.ageMs).toBe(90 * 60_000);
    expect(b.notes).toBe('Call the Holyoke team back at 9.');
    expect(b.endedAt).toBe(new Date(NOW).toISOString());
  });

  it('flags overdue verifications and check-ins as needing attention', () => {
    const b = buildHandoffBrief(base());
    expect(b.pendingVerifications.map((v) => [v.ref, v.overdue])).toEqual([
      ['00AAA1', true],
      ['00AAA4', false],
    ]);
    expect(b.respondersOut.map((r) => [r.name, r.status, r.overdue])).toEqual([
      ['Rosa', 'on_scene', true],
      ['Maggie', 'en_route', false],
    ]);
    expect(b.followUps.map((f) => f.ref)).toEqual(['00AAA3']);
    expect(b.attention.map((a) => a.kind)).toEqual(['verification_overdue', 'checkin_overdue']);
  });

  it('has nothing needing attention on a quiet board', () => {
    const quiet = { ...base(), incidents: [], assignments: [] };
    const b = buildHandoffBrief(quiet);
    expect(b.attention).toEqual([]);
    expect(b.openIncidents).toEqual([]);
  });

  it('never carries caller data, descriptions or affected names, and prints in Spanish', () => {
    const b = buildHandoffBrief(base());
    const json = JSON.stringify(b);
    for (const banned of ['Graciela', '555-0199', 'Mateo', 'secret', '12 Elm'])
      expect(json).not.toContain(banned);
    const { html } = renderHandoffHtml(b, { paper: 'letter', locale: 'es', acknowledged: null });
    expect(html).toContain('Informe de relevo de turno');
    expect(html).toContain('Verificación atrasada');
    expect(html).toContain('Aún sin confirmar');
    expect(html).toContain('<svg');
  });

  it('lists proposals untouched past the check-in limit and asks about them', () => {
    const input = base();
    const aaa2 = '00000000-0000-7000-8000-00000000aaa2';
    input.assignments = [
      ...input.assignments,
      {
        id: 'p1',
        incidentId: aaa2,
        role: 'verifier',
        status: 'proposed',
        statusChangedAt: ago(25),
        lastCheckInAt: null,
        responderName: 'Paz Olvido',
      },
      {
        id: 'p2',
        incidentId: aaa2,
        role: 'verifier',
        status: 'proposed',
        statusChangedAt: ago(5),
        lastCheckInAt: null,
        responderName: 'Nico Nuevo',
      },
    ];
    const b = buildHandoffBrief(input);
    expect(b.staleProposals.map((p) => [p.name, p.ref, p.proposedForMs])).toEqual([
      ['Paz', '00AAA2', 25 * 60_000],
    ]);
    expect(b.attention.map((a) => [a.kind, a.what])).toContainEqual([
      'proposal_stale',
      'Paz (00AAA2 Springfield)',
    ]);
    const { html } = renderHandoffHtml(b, { paper: 'letter', locale: 'es', acknowledged: null });
    expect(html).toContain('Propuestas sin atender (1)');
    expect(html).not.toContain('Nico');
  });
});
