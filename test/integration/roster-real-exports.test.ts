import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleIncident, sampleResponder, tempBackend, value } from './helpers';
import type { BackendEvent } from '../../shared/api/events';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rosters', name)).toString('base64');

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

async function importFile(name: string) {
  const { backend } = env;
  const csvBase64 = fixture(name);
  const plan = value(await backend.call('planRosterImport', { csvBase64 }));
  const result = value(
    await backend.call('commitRosterImport', { csvBase64, mapping: plan.mapping }),
  );
  const all = value(await backend.call('listResponders', { includeInactive: true, limit: 5000 }));
  return { plan, result, all };
}

describe('importing real exports through the API', () => {
  it('a bilingual Google Forms export lands everyone; the merge is logged and can be undone', async () => {
    env = tempBackend();
    const { backend } = env;
    const events: BackendEvent[] = [];
    backend.subscribe((e) => events.push(e));
    const { result, all } = await importFile('google-forms-bilingual.csv');
    expect(result).toMatchObject({ added: 22, merged: 1, skipped: 0, review: 5 });
    expect(result.problems).toEqual([]);
    expect(all).toHaveLength(22);
    expect(result.summary.map((s) => s.kind)).toEqual([
      'importSummary.added.other',
      'importSummary.merged.one',
      'importSummary.review.other',
    ]);
    // Progress of the plan and the commit, for the dialog's progress bar.
    const progress = events.flatMap((e) => (e.type === 'importProgress' ? [e.progress] : []));
    expect(progress[0]).toEqual({ phase: 'plan', done: 0, total: 23 });
    expect(progress.at(-1)).toEqual({ phase: 'commit', done: 23, total: 23 });

    // Line 23 (Ana again, same phone) merged: the union of both submissions.
    const ana = all.find((r) => r.name === 'Ana Prueba')!;
    expect(ana.roles).toEqual(['rally_responder', 'interpreter', 'song_leader']);
    expect(ana.availability.map((w) => w.day + w.start)).toContain('mon06:00');
    expect(ana.notes).toBe('Segunda vez que llena el formulario');
    // The shared family phone under another name: two people, the second flagged.
    const valeria = all.find((r) => r.name === 'Valeria Ejemplo')!;
    expect(valeria.phones[0]!.e164).toBe('+14135550102');
    expect(valeria.notes).toMatch(/⚑ Maybe the same person as Bruno Ejemplo \(Springfield\)/);
    expect(all.filter((r) => r.phones[0]?.e164 === '+14135550102')).toHaveLength(2);

    // The roster's "needs review" list: everyone imported with a warning, and Valeria.
    const review = value(await backend.call('listResponders', { needsReview: true }));
    expect(review.map((r) => r.name)).toEqual([
      'Carmen Pérez',
      'Dario Muestra',
      'Elena Ficticia',
      'Jorge Borrador',
      'Valeria Ejemplo',
    ]);

    const log = value(await backend.call('listActivity', { limit: 1000 }));
    const merge = log.find((e) => e.kind === 'responder.merged')!;
    expect(merge.entityId).toBe(ana.id);
    expect(result.merges).toEqual([{ line: 23, activityId: merge.id }]);

    const undone = value(await backend.call('undoImportMerge', { activityId: merge.id }));
    expect(undone.restoredId).toBe(ana.id);
    const after = value(
      await backend.call('listResponders', { includeInactive: true, limit: 5000 }),
    );
    const anas = after.filter((r) => r.name === 'Ana Prueba');
    expect(anas).toHaveLength(2);
    const restored = anas.find((r) => r.id === ana.id)!;
    expect(restored.roles).toEqual(['rally_responder', 'interpreter']);
    expect(restored.notes).toBe('');
    expect(anas.find((r) => r.id === undone.addedId)!.roles).toEqual(['song_leader']);
    const again = await backend.call('undoImportMerge', { activityId: merge.id });
    expect(again.ok).toBe(false);
    const log2 = value(await backend.call('listActivity', { limit: 1000 }));
    expect(log2.find((e) => e.kind === 'responder.merge_undone')!.params).toMatchObject({
      name: 'Ana Prueba',
      mergeId: merge.id,
    });
  });

  it('a proposed review kept as "add as new" stays on the needs-review list, as the plan counted it', async () => {
    env = tempBackend();
    const { backend } = env;
    const csvBase64 = fixture('google-forms-bilingual.csv');
    const plan = value(await backend.call('planRosterImport', { csvBase64 }));
    // The dialog's defaults: a proposed review is "add as new", a proposed merge is "merge".
    const decisions = Object.fromEntries(
      plan.duplicates.map((d) => [
        String(d.line),
        d.proposedAction === 'review' ? ('add' as const) : d.proposedAction,
      ]),
    );
    expect(Object.values(decisions)).toContain('add');
    const result = value(
      await backend.call('commitRosterImport', { csvBase64, mapping: plan.mapping, decisions }),
    );
    const planned = plan.summary.find((s) => s.kind.startsWith('importSummary.review'));
    const committed = result.summary.find((s) => s.kind.startsWith('importSummary.review'));
    expect(committed).toEqual(planned);
    expect(result.review).toBe(5);
    const review = value(await backend.call('listResponders', { needsReview: true }));
    expect(review.map((r) => r.name)).toContain('Valeria Ejemplo');
    expect(review).toHaveLength(5);
  });

  it('a commit plans again when the roster changed after the dry run', async () => {
    env = tempBackend();
    const { backend } = env;
    const csvBase64 = fixture('action-network.csv');
    const plan = value(await backend.call('planRosterImport', { csvBase64 }));
    expect(plan.duplicates).toEqual([]);
    // Meanwhile a dispatcher adds Wendy by hand (same phone, same name).
    value(
      await backend.call('createResponder', {
        ...sampleResponder,
        name: 'Wendy Ficticia',
        phones: [{ e164: '+14135550201', original: '413-555-0201', label: '' }],
      }),
    );
    const result = value(
      await backend.call('commitRosterImport', { csvBase64, mapping: plan.mapping }),
    );
    expect(result).toMatchObject({ added: 10, merged: 1 });
    const all = value(await backend.call('listResponders', { includeInactive: true }));
    expect(all.filter((r) => r.name === 'Wendy Ficticia')).toHaveLength(1);
  });

  it('an Excel workbook imports like the CSV it holds', async () => {
    env = tempBackend();
    const { plan, result, all } = await importFile('roster.xlsx');
    expect(plan.encoding).toBe('xlsx');
    expect(plan.mapping[1]).toBe('name');
    expect(result.added).toBe(7);
    expect(all.find((r) => r.name === 'Carmen Pérez')!.homeTown).toBe('Florence');
    const bad = await env.backend.call('planRosterImport', {
      csvBase64: Buffer.from('PK\x03\x04 not really a workbook').toString('base64'),
    });
    expect(bad.ok).toBe(false);
  });

  it('a caller who speaks Twi finds the responder who does (Action Network import)', async () => {
    env = tempBackend(Date.parse('2026-11-28T19:30:00-05:00'));
    const { backend } = env;
    const { result, all } = await importFile('action-network.csv');
    expect(result.added).toBe(11);
    expect(all.find((r) => r.name === 'Zoe Muestra')!.active).toBe(false);
    const incident = value(
      await backend.call('createIncident', {
        ...sampleIncident,
        language: 'Twi',
        location: { ...sampleIncident.location, text: 'Springfield', lat: 42.1015, lon: -72.5898 },
      }),
    );
    expect(incident.language).toBe('tw');
    const found = value(
      await backend.call('matchCandidates', { incidentId: incident.id, role: 'interpreter' }),
    );
    const names = [...found.candidates, ...found.unavailable].map((c) => c.name);
    expect(names).toEqual(['Yaa Asantewaa']);
    expect(found.excludedCounts.language).toBeGreaterThan(0);
  });
});
