import { textFor } from '../../shared/i18n';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  rosterCli,
  sampleIncident,
  sampleResponder,
  tableCounts,
  tempBackend,
  value,
} from './helpers';
import { createConsoleBackend } from '../../backend/console-backend';
import { testEncryption } from '../test-passphrase';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name));
const WIN1252 = fixture('roster-messy-win1252.csv');
const BOM_SEMICOLON = fixture('roster-bom-semicolon.csv');

let env: ReturnType<typeof tempBackend>;
afterEach(() => env?.cleanup());

/** The roster the fixtures are checked against: one person shares a phone, one a name + town. */
async function seededBackend() {
  env = tempBackend();
  value(await env.backend.call('createResponder', sampleResponder)); // Rosa Testa, +14135550101
  value(
    await env.backend.call('createResponder', {
      ...sampleResponder,
      name: 'Marta Existente',
      homeTown: 'Pittsfield',
      homeLat: 42.4501,
      homeLon: -73.2454,
      phones: [{ e164: '+14135550999', original: '413-555-0999', label: '' }],
    }),
  );
  return env.backend;
}

describe('roster import from messy bilingual CSV files', () => {
  it('Windows-1252, commas, CRLF, empty lines, quoted commas: lands the good rows, reports the bad', async () => {
    const backend = await seededBackend();
    const csvBase64 = WIN1252.toString('base64');
    const before = tableCounts(backend);
    const plan = value(await backend.call('planRosterImport', { csvBase64 }));
    expect(tableCounts(backend)).toEqual(before); // a dry run writes nothing
    expect(plan.encoding).toBe('windows-1252');
    expect(plan.delimiter).toBe(',');
    expect(plan.headers[1]).toBe('Teléfono');
    expect(plan.mapping).toEqual([
      'name',
      'phones',
      'languages',
      'homeTown',
      'roles',
      'hasCar',
      'trainings',
      null,
      'notes',
    ]);
    // Only the row without a name is refused; the others import with a warning per cell.
    expect(plan.problems).toEqual([
      { line: 6, kind: 'name_missing', params: {}, reason: 'No name' },
    ]);
    const warned = [...plan.rowsToAdd, ...plan.duplicates]
      .filter((r) => r.warnings.length)
      .map((r) => [r.line, r.warnings.map((w) => w.kind)]);
    expect(warned).toEqual([
      [7, ['phone_unreadable']],
      [8, ['outside_area']],
      [14, ['phone_unreadable']],
    ]);
    expect(
      plan.duplicates.map((d) => [d.line, d.matchedBy, d.match.kind, d.proposedAction]),
    ).toEqual([
      [13, 'phone_and_name', 'file', 'merge'],
      [15, 'phone_and_name', 'roster', 'merge'],
      [16, 'name_town', 'roster', 'review'],
    ]);
    expect(plan.rowsToAdd).toHaveLength(33);
    expect(plan.totalRows).toBe(37);

    const result = value(
      await backend.call('commitRosterImport', { csvBase64, mapping: plan.mapping, decisions: {} }),
    );
    expect(result).toMatchObject({ added: 34, merged: 2, skipped: 0, review: 4 });
    expect(result.lines.merged).toEqual([13, 15]);
    expect(result.problems.map((p) => p.line)).toEqual([6]);

    const all = value(await backend.call('listResponders', { includeInactive: true, limit: 5000 }));
    expect(all).toHaveLength(36);
    const byName = (name: string) => all.filter((r) => r.name === name);
    const ana = byName('Ana Lucía Ferreira')[0]!;
    expect(ana).toMatchObject({
      homeTown: 'Florence',
      languages: ['es', 'en'],
      roles: ['legal_observer', 'verifier'],
      hasCar: true,
      notes: 'Prefers texts, not calls',
      trainings: [
        { kind: 'legal_observer', completedOn: '2026-03-15', expiresOn: null },
        { kind: 'verifier', completedOn: '2026-01-10', expiresOn: '2028-01-10' },
      ],
    });
    expect(ana.phones).toEqual([{ e164: '+14135550111', original: '(413) 555-0111', label: '' }]);
    expect(byName('Bernard Exemple')[0]!.languages).toEqual(['ht']);
    expect(byName('Omar Ficticio')[0]!.notes).toBe('He said "call after 5"');
    expect(byName('Pedro Inventado')[0]!.homeTown).toBe('Northampton');
    // Line 13 (same phone as line 5) merged into line 5's new responder: one Carmen.
    expect(byName('Carmen Prueba')).toHaveLength(1);
    expect(byName('Carmen Prueba')[0]!.roles).toEqual(['song_leader']);
    // Line 15 merged into the existing Rosa: the medic role and first-aid training were added.
    const rosa = byName('Rosa Testa')[0]!;
    expect(rosa.roles).toEqual(['verifier', 'rally_responder', 'medic']);
    expect(rosa.trainings.map((t) => t.kind)).toEqual(['verifier', 'first_aid']);
    // Line 16 (same name and town as an existing person, other phone): both kept, flagged.
    expect(byName('Marta Existente')).toHaveLength(2);
    expect(byName('Marta Existente')[1]!.notes).toMatch(
      /^⚑ Maybe the same person as Marta Existente/,
    );
    // Nobody is silently dropped: what could not be read is in their notes.
    expect(byName('Diego Muestra')[0]!).toMatchObject({ phones: [], active: true });
    expect(byName('Diego Muestra')[0]!.notes).toBe('⚑ Phone not read: "555-0115"');
    expect(byName('Elena Ficticia')[0]!).toMatchObject({ homeTown: 'Boston', active: false });
    expect(byName('Kim Testperson')[0]!.notes).toBe('⚑ Phone not read: "413-555-0122 ext 4"');

    const log = value(await backend.call('listActivity', { limit: 1000 }));
    expect(log.filter((e) => e.kind === 'responder.imported')).toHaveLength(34);
    expect(log.filter((e) => e.kind === 'responder.merged')).toHaveLength(1); // Carmen's merge changed nothing new
  });

  it('UTF-8 with BOM, semicolons, a cell spanning two lines: line numbers stay physical', async () => {
    const backend = await seededBackend();
    const csvBase64 = BOM_SEMICOLON.toString('base64');
    const plan = value(await backend.call('planRosterImport', { csvBase64 }));
    expect(plan.encoding).toBe('utf-8-bom');
    expect(plan.delimiter).toBe(';');
    expect(plan.headers[0]).toBe('Name');
    expect(plan.problems.map((p) => [p.line, p.reason])).toEqual([
      [11, 'Row has 11 cells but the header has 10 (an unquoted ";" inside a cell?)'],
    ]);
    const warned = plan.rowsToAdd
      .filter((r) => r.warnings.length)
      .map((r) => [r.line, r.warnings.map((w) => w.kind)]);
    expect(warned).toEqual([
      [9, ['yes_no_unreadable']],
      [10, ['travel_unreadable']],
    ]);
    expect(plan.rowsToAdd.find((r) => r.line === 6)!.fields.languages).toEqual(['klingon']);
    expect(plan.duplicates.map((d) => [d.line, d.matchedBy, d.proposedAction])).toEqual([
      [13, 'name_town', 'review'],
    ]);
    const result = value(
      await backend.call('commitRosterImport', {
        csvBase64,
        mapping: plan.mapping,
        decisions: { '13': 'add' }, // two different people of the same name in Florence
      }),
    );
    expect(result).toMatchObject({ added: 32, merged: 0, skipped: 0 });
    const all = value(await backend.call('listResponders', { includeInactive: true, limit: 5000 }));
    const nusta = all.find((r) => r.name === 'Ñusta Quispe')!;
    expect(nusta).toMatchObject({
      languages: ['qu', 'es'],
      roles: ['interpreter', 'family_support'],
      maxTravelMinutes: 45,
      availability: [{ day: 'mon', start: '18:00', end: '22:00' }],
      phones: [{ e164: '+14135550211', original: '413-555-0211', label: 'cell' }],
    });
    const raul = all.find((r) => r.name === 'Raúl Ejemplo')!;
    expect(raul.phones.map((p) => [p.e164, p.label])).toEqual([
      ['+14135550212', ''],
      ['+14135550213', 'casa'],
    ]);
    expect(raul.onCall).toBe(true);
    expect(all.find((r) => r.name === 'Tomás Probeta')!.notes).toBe('Line one\nline two of a note');
    expect(all.filter((r) => r.name === 'Ximena Ficticia')).toHaveLength(2);
  });

  it('a failure part-way leaves nothing of the import behind', async () => {
    const backend = await seededBackend();
    const before = tableCounts(backend);
    // Sabotage the 10th insert: a trigger makes the database refuse it mid-transaction.
    backend.ctx.db.$client.exec(`
      CREATE TEMP TRIGGER fail_import BEFORE INSERT ON responders
      WHEN (SELECT count(*) FROM responders) >= 12
      BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;`);
    const csvBase64 = WIN1252.toString('base64');
    const plan = value(await backend.call('planRosterImport', { csvBase64 }));
    const result = await backend.call('commitRosterImport', { csvBase64, mapping: plan.mapping });
    expect(result.ok).toBe(false);
    expect(tableCounts(backend)).toEqual(before);
  });

  it('refuses bad input at the boundary', async () => {
    env = tempBackend();
    const { backend } = env;
    const both = await backend.call('planRosterImport', { csvText: 'a', csvBase64: 'YQ==' });
    expect(both.ok).toBe(false);
    const badMapping = await backend.call('planRosterImport', {
      csvText: 'a',
      mapping: ['shoe_size'] as never,
    });
    expect(badMapping.ok).toBe(false);
    const noName = await backend.call('commitRosterImport', {
      csvText: 'Town,Languages\nHolyoke,es',
      mapping: ['homeTown', 'languages'],
    });
    expect(noName.ok).toBe(false);
    if (!noName.ok) {
      expect(noName.error.message).toBe(
        'The column mapping cannot be used: No column is mapped to "Name".',
      );
      expect(textFor('es', noName.error.text!)).toBe(
        'No se pueden usar estas columnas: Ninguna columna corresponde a "Nombre".',
      );
    }
    const empty = value(await backend.call('planRosterImport', { csvText: '' }));
    expect(empty.mappingProblems).toContain('The file is empty (no header row)');
  });

  it('export round-trips: exported, then imported into an empty console, gives the same roster', async () => {
    const backend = await seededBackend();
    const csvBase64 = WIN1252.toString('base64');
    const plan = value(await backend.call('planRosterImport', { csvBase64 }));
    value(await backend.call('commitRosterImport', { csvBase64, mapping: plan.mapping }));
    const original = value(
      await backend.call('listResponders', { includeInactive: true, limit: 5000 }),
    );
    const exported = value(await backend.call('exportRoster', {}));
    expect(exported.fileName).toBe('roster-2026-11-28.csv');

    const other = tempBackend();
    try {
      const again = value(await other.backend.call('planRosterImport', { csvText: exported.csv }));
      expect(again.problems).toEqual([]);
      // The two Marta Existente of Pittsfield stay two people.
      expect(again.duplicates.map((d) => [d.fields.name, d.proposedAction])).toEqual([
        ['Marta Existente', 'review'],
      ]);
      value(
        await other.backend.call('commitRosterImport', {
          csvText: exported.csv,
          mapping: again.mapping,
          decisions: { [String(again.duplicates[0]!.line)]: 'add' },
        }),
      );
      const copy = value(
        await other.backend.call('listResponders', { includeInactive: true, limit: 5000 }),
      );
      const strip = (rs: typeof copy) =>
        rs.map(
          ({ id: _i, createdAt: _c, updatedAt: _u, homeLat: _la, homeLon: _lo, ...rest }) => rest,
        );
      expect(strip(copy)).toEqual(strip(original));
      // Re-importing the export into the console it came from finds everyone as a duplicate.
      const self = value(await backend.call('planRosterImport', { csvText: exported.csv }));
      expect(self.rowsToAdd).toEqual([]);
      expect(self.duplicates).toHaveLength(original.length);
    } finally {
      other.cleanup();
    }
  });
});

describe('matching through the API', () => {
  it('ranks candidates for an incident and refreshes after roster changes', async () => {
    env = tempBackend(Date.parse('2026-11-28T19:30:00-05:00'));
    const { backend } = env;
    const incident = value(
      await backend.call('createIncident', { ...sampleIncident, callReceivedAt: undefined }),
    );
    const first = value(
      await backend.call('matchCandidates', { incidentId: incident.id, role: 'verifier' }),
    );
    expect(first.candidates).toEqual([]);
    const rosa = value(await backend.call('createResponder', sampleResponder));
    const second = value(
      await backend.call('matchCandidates', { incidentId: incident.id, role: 'verifier' }),
    );
    expect(second.candidates.map((c) => c.name)).toEqual(['Rosa Testa']);
    expect(second.candidates[0]!.explanation.text).toMatch(
      /^~\d+ min by car from Holyoke · speaks Spanish · verifier \(trained 2026-03\) · on call now/,
    );
    value(await backend.call('updateResponder', { id: rosa.id, changes: { active: false } }));
    const third = value(
      await backend.call('matchCandidates', { incidentId: incident.id, role: 'verifier' }),
    );
    expect(third.candidates).toEqual([]);
    expect(third.excludedCounts.inactive).toBe(1);
  });

  it('suggests a team from the default plan, and from an edited one stored on the incident', async () => {
    env = tempBackend(Date.parse('2026-11-28T19:30:00-05:00'));
    const { backend } = env;
    const incident = value(await backend.call('createIncident', sampleIncident));
    value(await backend.call('createResponder', sampleResponder));
    value(
      await backend.call('createResponder', {
        ...sampleResponder,
        name: 'Vero Segunda',
        phones: [{ e164: '+14135550102', original: '413-555-0102', label: '' }],
      }),
    );
    const plan = value(await backend.call('getTeamPlan', { incidentId: incident.id }));
    expect(plan.isDefault).toBe(true);
    expect(plan.slots.map((s) => [s.role, s.needed])).toEqual([['verifier', 2]]);
    const team = value(await backend.call('suggestTeam', { incidentId: incident.id }));
    expect(team.slots[0]!.filled.map((c) => c.name).sort()).toEqual(['Rosa Testa', 'Vero Segunda']);
    expect(team.slots[0]!.unfilledReason).toBeNull();

    const edited = value(
      await backend.call('updateTeamPlan', {
        incidentId: incident.id,
        slots: [
          { role: 'verifier', needed: 2, minimum: 2 },
          { role: 'legal_observer', needed: 1 },
        ],
      }),
    );
    expect(edited.isDefault).toBe(false);
    const team2 = value(await backend.call('suggestTeam', { incidentId: incident.id }));
    expect(team2.isDefaultPlan).toBe(false);
    expect(team2.slots[1]!.unfilledReason!.text).toBe(
      'No legal observer available (nobody on the roster has the role)',
    );
    const timeline = value(await backend.call('getIncident', { id: incident.id })).timeline;
    expect(timeline.map((e) => e.kind)).toContain('incident.team_plan_updated');
    const reset = value(
      await backend.call('updateTeamPlan', { incidentId: incident.id, slots: null }),
    );
    expect(reset.isDefault).toBe(true);
    const bad = await backend.call('updateTeamPlan', {
      incidentId: incident.id,
      slots: [{ role: 'verifier', needed: 1, minimum: 2 }],
    });
    expect(bad.ok).toBe(false);
  });
});

describe('the roster CLI', () => {
  const cli = rosterCli;
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the plan for --dry-run, imports without it, exports, and fails clearly', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
    const file = join(dir, 'roster.csv');
    writeFileSync(file, WIN1252);
    const dry = await cli(['import', file, '--dry-run', '--data-dir', dir]);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.columns[0]).toEqual({ column: 1, header: 'Nombre / Name', field: 'name' });
    expect(plan.summary).toEqual({ toAdd: 35, duplicates: 1, problems: 1 });
    expect(plan.problems).toEqual([{ line: 6, kind: 'name_missing', reason: 'No name' }]);
    expect(plan.duplicates[0]).toMatchObject({
      line: 13,
      matchedBy: 'phone_and_name',
      proposedAction: 'merge',
    });
    // Warnings per line, in words (the person is imported; the text is kept for review).
    expect(plan.warnings).toEqual([
      { line: 7, warnings: ['Phone not read: "555-0115"'] },
      {
        line: 8,
        warnings: [
          'Home outside the area: "Boston"; imported inactive until a home base in the area is set',
        ],
      },
      { line: 14, warnings: ['Phone not read: "413-555-0122 ext 4"'] },
    ]);
    expect(plan.inWords).toBe('35 added, 1 merged, 3 need review, 1 needs a name');

    const done = await cli(['import', file, '--data-dir', dir]);
    expect(done.code).toBe(0);
    const committed = JSON.parse(done.stdout);
    expect(committed).toMatchObject({ added: 35, merged: 1, skipped: 0, review: 3 });
    expect(committed.inWords).toBe('35 added, 1 merged, 3 need review, 1 needs a name');
    expect(committed.warnings.map((w: { line: number }) => w.line)).toEqual([7, 8, 14]);
    expect(committed.problems).toEqual([{ line: 6, kind: 'name_missing', reason: 'No name' }]);
    const backend = createConsoleBackend({
      ...testEncryption,
      dbFile: join(dir, 'console.sqlite'),
      sync: { autoStart: false },
    });
    try {
      const all = value(
        await backend.call('listResponders', { includeInactive: true, limit: 5000 }),
      );
      expect(all).toHaveLength(35);
      expect(all.filter((r) => !r.active).map((r) => r.name)).toEqual(['Elena Ficticia']);
    } finally {
      backend.close();
    }

    const out = join(dir, 'out.csv');
    const exported = await cli(['export', out, '--data-dir', dir]);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Name / Nombre');

    expect(
      (await cli(['import', join(dir, 'missing.csv'), '--dry-run', '--data-dir', dir])).code,
    ).toBe(3);
    const missing = await cli(['import', join(dir, 'missing.csv'), '--data-dir', dir]);
    expect(missing.stderr).toMatch(/file not found/);
    expect((await cli(['import', dir, '--data-dir', dir])).code).toBe(3);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['import'])).code).toBe(2);
  }, 180_000);
});
