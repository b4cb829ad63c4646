import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../shared/roster/csv';
import { suggestMapping } from '../../shared/roster/columns';
import { planRosterImport } from '../../shared/roster/import-plan';
import { mergeResponderFields, rosterToCsv } from '../../shared/roster/export';
import type { Responder } from '../../shared/api/schemas';

const plan = (text: string, existing: Parameters<typeof planRosterImport>[2] = []) => {
  const csv = parseCsvText(text);
  return planRosterImport(csv, suggestMapping(csv.headers), existing);
};

const HEADER = 'Nombre / Name,Teléfono,Idiomas,Pueblo/Town,Roles,Carro?';

describe('the import planner', () => {
  it('plans good rows and reports each bad row by line with its reason', () => {
    const p = plan(
      [
        HEADER,
        'Ana Prueba,(413) 555-0111,"Español, inglés",Florence,observador legal,sí',
        '',
        ',413-555-0112,English,Amherst,verifier,no',
        'Bea Ejemplo,555-0113,English,Amherst,verifier,no',
        'Ciro Muestra,413-555-0114,Klingon,Amherst,verifier,no',
        'Dora Ficticia,413-555-0115,English,Atlantis,verifier,no',
        'Eli Inventado,413-555-0116,English,Amherst,juggler,no',
        'Fe Demo,413-555-0117,English,Amherst,driver,maybe',
      ].join('\n'),
    );
    expect(p.mappingProblems).toEqual([]);
    expect(p.rowsToAdd.map((r) => r.line)).toEqual([2]);
    expect(p.rowsToAdd[0]!.fields).toMatchObject({
      name: 'Ana Prueba',
      phones: [{ e164: '+14135550111', original: '(413) 555-0111', label: '' }],
      languages: ['es', 'en'],
      roles: ['legal_observer'],
      homeTown: 'Florence',
      hasCar: true,
      active: true,
      maxTravelMinutes: 30,
    });
    expect(p.problems).toEqual([
      { line: 4, reason: 'Name is missing' },
      {
        line: 5,
        reason: 'Phone "555-0113" has 7 digits; a US number needs 10 (with the area code)',
      },
      { line: 6, reason: 'Unknown language: "Klingon"' },
      { line: 7, reason: 'Unknown town "Atlantis"' },
      { line: 8, reason: 'Unknown role: "juggler"' },
      { line: 9, reason: 'Car: "maybe" is not yes or no (sí/no)' },
    ]);
    expect(p.totalRows).toBe(7);
  });

  it('finds duplicates against the roster and within the file', () => {
    const existing = [
      { id: 'r1', name: 'Rosa Testa', homeTown: 'Holyoke', phones: [{ e164: '+14135550101' }] },
      {
        id: 'r2',
        name: 'Marta Existente',
        homeTown: 'Pittsfield',
        phones: [{ e164: '+14135550199' }],
      },
    ];
    const p = plan(
      [
        HEADER,
        'Rosa T.,413.555.0101,English,Holyoke,medic,yes', // same phone as r1
        'marta  EXISTENTE,413-555-0200,Spanish,Pittsfield,driver,no', // same name + town as r2
        'Nadia Nueva,413-555-0300,Spanish,Chicopee,driver,no',
        'Nadia Nueva,(413) 555-0300,Spanish,Chicopee,medic,no', // same phone as line 4
        'Nadia Nueva,413-555-0301,Spanish,Chicopee,medic,no', // same name + town as line 4
      ].join('\n'),
      existing,
    );
    expect(p.rowsToAdd.map((r) => r.line)).toEqual([4]);
    expect(
      p.duplicates.map((d) => ({
        line: d.line,
        by: d.matchedBy,
        match: d.match,
        action: d.proposedAction,
      })),
    ).toEqual([
      {
        line: 2,
        by: 'phone',
        match: { kind: 'roster', responderId: 'r1', name: 'Rosa Testa', homeTown: 'Holyoke' },
        action: 'merge',
      },
      {
        line: 3,
        by: 'name_town',
        match: {
          kind: 'roster',
          responderId: 'r2',
          name: 'Marta Existente',
          homeTown: 'Pittsfield',
        },
        action: 'skip',
      },
      {
        line: 5,
        by: 'phone',
        match: { kind: 'file', line: 4, name: 'Nadia Nueva', homeTown: 'Chicopee' },
        action: 'merge',
      },
      {
        line: 6,
        by: 'name_town',
        match: { kind: 'file', line: 4, name: 'Nadia Nueva', homeTown: 'Chicopee' },
        action: 'skip',
      },
    ]);
  });

  it('uses an edited mapping and refuses one without the required columns', () => {
    const csv = parseCsvText('Who,Where,Speaks,Extra\nAna Prueba,Holyoke,es,x');
    const auto = planRosterImport(csv, suggestMapping(csv.headers), []);
    expect(auto.mappingProblems).toEqual([
      'No column is mapped to "name"',
      'No column is mapped to "homeTown"',
      'No column is mapped to "languages"',
    ]);
    expect(auto.rowsToAdd).toEqual([]);
    const edited = planRosterImport(csv, ['name', 'homeTown', 'languages', null], []);
    expect(edited.mappingProblems).toEqual([]);
    expect(edited.rowsToAdd.map((r) => r.fields.name)).toEqual(['Ana Prueba']);
    expect(
      planRosterImport(csv, ['name', 'homeTown', 'languages', 'homeTown'], []).mappingProblems,
    ).toEqual(['Several columns are mapped to "homeTown"; choose one']);
  });

  it('refuses values over the schema limits with the field named', () => {
    const p = plan(`${HEADER},Notas\nAna Prueba,413-555-0111,es,Holyoke,,no,${'x'.repeat(1001)}`);
    expect(p.problems).toEqual([{ line: 2, reason: 'notes: At most 1000 characters' }]);
  });
});

describe('export and merge', () => {
  const responder: Responder = {
    id: '01900000-0000-7000-8000-000000000001',
    name: '=Ana, "la jefa"',
    phones: [
      { e164: '+14135550111', original: '(413) 555-0111', label: 'cell' },
      { e164: '+14135550112', original: 'weird', label: '' },
    ],
    languages: ['es', 'ht'],
    roles: ['legal_observer', 'song_leader'],
    trainings: [{ kind: 'legal_observer', completedOn: '2026-03-15', expiresOn: '2028-03-15' }],
    homeTown: 'Florence',
    homeLat: 42.33,
    homeLon: -72.67,
    availability: [{ day: 'mon', start: '18:00', end: '22:00' }],
    onCall: true,
    hasCar: false,
    maxTravelMinutes: 45,
    avoidEnforcementScenes: true,
    notes: 'Line one\nline two; with, punctuation',
    active: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('writes columns the planner reads back to the same fields (formulas defused)', () => {
    const csv = rosterToCsv([responder]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain("'=Ana");
    const p = plan(csv);
    expect(p.problems).toEqual([]);
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = responder;
    const back = p.rowsToAdd[0]!.fields;
    expect({ ...back, homeLat: 42.33, homeLon: -72.67 }).toEqual({
      ...fields,
      phones: [fields.phones[0], { e164: '+14135550112', original: '+14135550112', label: '' }],
    });
  });

  it('merges phones, languages, roles and newer trainings; only ever turns the risk flag on', () => {
    const patch = mergeResponderFields(
      { ...responder, avoidEnforcementScenes: false },
      {
        ...responder,
        phones: [{ e164: '+14135550999', original: '413-555-0999', label: '' }],
        languages: ['es', 'pt'],
        roles: ['driver'],
        trainings: [{ kind: 'legal_observer', completedOn: '2026-06-01', expiresOn: null }],
        availability: [],
        avoidEnforcementScenes: true,
        name: 'Other Name',
      },
    );
    expect(patch).toEqual({
      phones: [...responder.phones, { e164: '+14135550999', original: '413-555-0999', label: '' }],
      languages: ['es', 'ht', 'pt'],
      roles: ['legal_observer', 'song_leader', 'driver'],
      trainings: [{ kind: 'legal_observer', completedOn: '2026-06-01', expiresOn: null }],
      avoidEnforcementScenes: true,
    });
    expect(
      mergeResponderFields(responder, { ...responder, avoidEnforcementScenes: false }),
    ).toEqual({});
  });
});
