import { afterEach, describe, expect, it } from 'vitest';
import { sampleResponder, tableCounts, tempBackend, value } from './helpers';
import type { ApiInput } from '../../shared/api/contract';
import { activityMessage, textFor, translate } from '../../shared/i18n';
import { overrideGuards } from '../../renderer/src/features/assign/override-text';
import { errorText } from '../../renderer/src/lib/error-text';

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

// Saturday 2026-11-28 14:00 UTC = 09:00 in Western Mass.
const START = Date.parse('2026-11-28T14:00:00Z');
const incidentInput: ApiInput<'createIncident'> = {
  type: 'home_raid',
  triage: 'mobilize_now',
  location: { text: 'Holyoke', lat: 42.2043, lon: -72.6162, precision: 'town', town: 'Holyoke' },
  language: 'es',
};
const person = (
  name: string,
  patch: Partial<ApiInput<'createResponder'>> = {},
): ApiInput<'createResponder'> => ({
  ...sampleResponder,
  name,
  phones: [
    {
      e164: `+1413555${String(Math.floor(Math.random() * 9000) + 1000)}`,
      original: '555',
      label: '',
    },
  ],
  roles: ['rally_responder', 'rally_lead', 'verifier'],
  trainings: [
    { kind: 'sanctuary_in_the_streets', completedOn: '2026-01-10', expiresOn: '2028-01-10' },
    { kind: 'verifier', completedOn: '2026-01-10', expiresOn: '2028-01-10' },
  ],
  onCall: true,
  ...patch,
});

async function setup() {
  env = tempBackend(START);
  const { backend } = env;
  const incident = value(await backend.call('createIncident', incidentInput));
  const other = value(await backend.call('createIncident', { ...incidentInput, type: 'arrest' }));
  const ana = value(
    await backend.call('createResponder', person('Ana Prueba', { languages: ['es', 'en'] })),
  );
  const ben = value(
    await backend.call('createResponder', person('Ben Ejemplo', { languages: ['en'] })),
  );
  return { backend, incident, other, ana, ben };
}

describe('assignments through the API', () => {
  it('counts proposals apart on the status board and flags them after the check-in limit', async () => {
    const { backend, incident, ana } = await setup();
    const a = value(
      await backend.call('createAssignment', { incidentId: incident.id, responderId: ana.id }),
    );
    const board = () => backend.call('getResponderBoard', {}).then(value);
    expect((await board()).counts).toMatchObject({ proposed: 1, notified: 0 });
    expect((await board()).rows.find((r) => r.responderId === ana.id)!.proposalStale).toBe(false);
    env.clock.now += 21 * 60_000;
    expect((await board()).rows.find((r) => r.responderId === ana.id)!.proposalStale).toBe(true);
    const [view] = value(await backend.call('listAssignments', { incidentId: incident.id }));
    expect(view!.proposalStale).toBe(true);
    value(
      await backend.call('advanceAssignment', {
        id: a.id,
        to: 'notified',
        expectedFrom: 'proposed',
      }),
    );
    expect((await board()).counts).toMatchObject({ proposed: 0, notified: 1 });
  });

  it('keeps the verify-first team plan until ICE is confirmed, then switches to the rally team', async () => {
    const { backend } = await setup();
    const verify = value(
      await backend.call('createIncident', { ...incidentInput, triage: 'verify_first' }),
    );
    const roles = async () =>
      value(await backend.call('getTeamPlan', { incidentId: verify.id })).slots.map((s) => s.role);
    expect(await roles()).toEqual(['verifier']);
    value(await backend.call('transitionIncident', { id: verify.id, to: 'verifying' }));
    value(await backend.call('transitionIncident', { id: verify.id, to: 'confirmed' }));
    expect(await roles()).toContain('rally_responder');
    expect(await roles()).not.toContain('verifier');
  });

  it('assigns into the best open team slot and walks the lifecycle to on scene, recording timings', async () => {
    const { backend, incident, ana } = await setup();
    value(await backend.call('transitionIncident', { id: incident.id, to: 'verifying' }));
    value(await backend.call('transitionIncident', { id: incident.id, to: 'confirmed' }));
    env.clock.now += 45_000;
    const a = value(
      await backend.call('createAssignment', {
        incidentId: incident.id,
        responderId: ana.id,
        expectedBusy: false,
      }),
    );
    expect(a).toMatchObject({
      status: 'proposed',
      role: 'rally_lead',
      responderName: 'Ana Prueba',
    });
    const steps: [string, string, object?][] = [
      ['proposed', 'notified'],
      ['notified', 'accepted'],
      ['accepted', 'en_route', { etaMinutes: 12 }],
      ['en_route', 'on_scene'],
    ];
    for (const [from, to, extra] of steps) {
      env.clock.now += 30_000;
      const r = value(
        await backend.call('advanceAssignment', {
          id: a.id,
          expectedFrom: from,
          to,
          ...extra,
        } as ApiInput<'advanceAssignment'>),
      );
      expect(r.assignment.status).toBe(to);
    }
    const timings = value(await backend.call('listTimings', {})).map((t) => [t.kind, t.durationMs]);
    expect(timings).toContainEqual(['verified_to_assigned', 45_000]);
    expect(timings).toContainEqual(['notified_to_accepted', 30_000]);
    const timeline = value(await backend.call('getIncident', { id: incident.id })).timeline.map(
      (e) => e.message,
    );
    expect(timeline.some((m) => /Ana Prueba assigned as rally lead/.test(m))).toBe(true);
    expect(timeline.some((m) => /en route -> on scene/.test(m))).toBe(true);
  });

  it('refuses steps out of order, a stale board, the same person twice and closed incidents, changing nothing', async () => {
    const { backend, incident, other, ana } = await setup();
    const a = value(
      await backend.call('createAssignment', { incidentId: incident.id, responderId: ana.id }),
    );
    const before = tableCounts(backend);
    const skip = await backend.call('advanceAssignment', {
      id: a.id,
      expectedFrom: 'proposed',
      to: 'on_scene',
    });
    expect(!skip.ok && skip.error.message).toBe(
      'This assignment cannot go from "Proposed" to "On scene".',
    );
    expect(!skip.ok && skip.error.text && textFor('es', skip.error.text)).toBe(
      'Esta asignación no puede pasar de «Propuesto» a «En el lugar».',
    );
    const stale = await backend.call('advanceAssignment', {
      id: a.id,
      expectedFrom: 'notified',
      to: 'accepted',
    });
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const twice = await backend.call('createAssignment', {
      incidentId: incident.id,
      responderId: ana.id,
    });
    expect(!twice.ok && twice.error.message).toMatch(/already on this incident/);
    const staleDrag = await backend.call('createAssignment', {
      incidentId: other.id,
      responderId: ana.id,
      expectedBusy: false,
    });
    expect(!staleDrag.ok && staleDrag.error.code).toBe('conflict');
    const noDecline = await backend.call('advanceAssignment', {
      id: a.id,
      expectedFrom: 'proposed',
      to: 'declined',
    });
    expect(!noDecline.ok && noDecline.error.fieldErrors?.declineReason).toMatch(/why/);
    expect(tableCounts(backend)).toEqual(before);
    value(await backend.call('transitionIncident', { id: other.id, to: 'closed' }));
    const closed = await backend.call('createAssignment', {
      incidentId: other.id,
      responderId: ana.id,
    });
    expect(!closed.ok && closed.error.message).toMatch(/closed/);
  });

  it('asks for an explicit override for a busy, off-duty, untrained or scene-averse responder, and records it', async () => {
    const { backend, incident, other, ana } = await setup();
    const careful = value(
      await backend.call(
        'createResponder',
        person('Cai Cuidado', {
          avoidEnforcementScenes: true,
          onCall: false,
          availability: [],
          trainings: [],
        }),
      ),
    );
    const r = await backend.call('createAssignment', {
      incidentId: incident.id,
      responderId: careful.id,
      role: 'legal_observer',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('needs_override');
      expect(Object.keys(r.error.fieldErrors ?? {}).sort()).toEqual([
        'avoids_scenes',
        'missing_training',
        'off_duty',
      ]);
      // Each guard is worded for the reader: the override dialog shows these in Spanish.
      expect(overrideGuards('es', r.error)).toEqual([
        `${careful.name} está fuera de turno y fuera de su disponibilidad ahora.`,
        `${careful.name} no tiene vigente la capacitación «${translate('es', 'training.legal_observer')}», que requiere la función ${translate('es', 'role.legal_observer')}.`,
        `${careful.name} pidió no ser enviado/a a escenas de control migratorio; ${translate('es', 'role.legal_observer')} es una función en escena.`,
      ]);
    }
    const forced = value(
      await backend.call('createAssignment', {
        incidentId: incident.id,
        responderId: careful.id,
        role: 'driver',
        overrideReason: 'Called in, will drive the family away',
      }),
    );
    expect(forced.overrideReason).toMatch(/Called in.*off_duty/);

    value(await backend.call('createAssignment', { incidentId: other.id, responderId: ana.id }));
    const busy = await backend.call('createAssignment', {
      incidentId: incident.id,
      responderId: ana.id,
    });
    expect(!busy.ok && busy.error.fieldErrors?.busy_elsewhere).toMatch(
      /already assigned to arrest/,
    );
  });

  it('frees the slot on a decline and offers the next candidate', async () => {
    const { backend, incident, ana, ben } = await setup();
    const a = value(
      await backend.call('createAssignment', {
        incidentId: incident.id,
        responderId: ana.id,
        role: 'rally_responder',
      }),
    );
    value(
      await backend.call('advanceAssignment', {
        id: a.id,
        expectedFrom: 'proposed',
        to: 'notified',
      }),
    );
    const declined = value(
      await backend.call('advanceAssignment', {
        id: a.id,
        expectedFrom: 'notified',
        to: 'declined',
        declineReason: 'no_answer',
      }),
    );
    expect(declined.assignment).toMatchObject({ status: 'declined', declineReason: 'no_answer' });
    expect(declined.nextCandidate?.responderId).toBe(ben.id);
    // Declined people no longer count as busy.
    expect(value(await backend.call('listAssignments', { activeOnly: true }))).toHaveLength(0);
  });

  it('flags an overdue check-in and clears it with one action', async () => {
    const { backend, incident, ana } = await setup();
    const a = value(
      await backend.call('createAssignment', { incidentId: incident.id, responderId: ana.id }),
    );
    for (const [from, to] of [
      ['proposed', 'notified'],
      ['notified', 'accepted'],
      ['accepted', 'en_route'],
    ] as const)
      value(await backend.call('advanceAssignment', { id: a.id, expectedFrom: from, to }));
    env.clock.now += 21 * 60_000;
    expect(
      value(await backend.call('listAssignments', { incidentId: incident.id }))[0]!.checkInOverdue,
    ).toBe(true);
    const board = value(await backend.call('getResponderBoard', {}));
    expect(board.rows.find((r) => r.responderId === ana.id)).toMatchObject({
      group: 'en_route',
      checkInOverdue: true,
    });
    const checked = value(await backend.call('logCheckIn', { id: a.id, note: 'parking now' }));
    expect(checked.checkInOverdue).toBe(false);
  });

  it('undoes the last action with a compensating change, never a deletion', async () => {
    const { backend, incident, ana } = await setup();
    const a = value(
      await backend.call('createAssignment', { incidentId: incident.id, responderId: ana.id }),
    );
    value(
      await backend.call('advanceAssignment', {
        id: a.id,
        expectedFrom: 'proposed',
        to: 'notified',
      }),
    );
    const { undone: what } = value(await backend.call('undoLastAssignmentAction', {}));
    // What was undone is people's text: the Undo toast words it in the reader's language.
    expect(textFor('es', what)).toBe(
      `${ana.name}: ${translate('es', 'assignmentStatus.proposed')} → ${translate('es', 'assignmentStatus.notified')}`,
    );
    const after = value(await backend.call('listAssignments', { incidentId: incident.id }))[0]!;
    expect(after.status).toBe('proposed');
    const timeline = value(await backend.call('getIncident', { id: incident.id })).timeline;
    expect(timeline.map((e) => e.kind).slice(-3)).toEqual([
      'assignment.created',
      'assignment.status',
      'assignment.undone',
    ]);
    // The undone action is data too, so a Spanish reader sees no English inside.
    const undone = timeline.at(-1)!;
    expect(activityMessage('es', undone)).toBe(
      `Deshecho: ${ana.name}: ${translate('es', 'assignmentStatus.proposed')} → ${translate('es', 'assignmentStatus.notified')}`,
    );
    const again = await backend.call('undoLastAssignmentAction', {});
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.message).toBe('There is no assignment action to undo on this console.');
      expect(errorText('es', again.error)).toBe(
        'No hay ninguna acción de asignación que deshacer en esta consola.',
      );
    }
  });

  it("writes the alert in the responder's language with the coarsened meeting point", async () => {
    const { backend, incident, ana, ben } = await setup();
    const a = value(
      await backend.call('createAssignment', { incidentId: incident.id, responderId: ana.id }),
    );
    const b = value(
      await backend.call('createAssignment', { incidentId: incident.id, responderId: ben.id }),
    );
    const es = value(await backend.call('getAlertText', { assignmentId: a.id }));
    expect(es.locales).toEqual(['es']);
    expect(es.text).toMatch(/^.*Ana, te pedimos ir como líder/);
    expect(es.text).toContain('Holyoke');
    const en = value(await backend.call('getAlertText', { assignmentId: b.id }));
    expect(en.text).toMatch(/Ben, you are asked as/);
    expect(en.text).not.toMatch(/42\.20/);
  });
});
