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
  it('imports every person it can name and reach, with a warning for each cell it cannot read', () => {
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
        'Gil Nadie,,English,,driver,no',
      ].join('\n'),
    );
    expect(p.mappingProblems).toEqual([]);
    expect(p.rowsToAdd.map((r) => r.line)).toEqual([2, 5, 6, 7, 8, 9]);
    expect(p.rowsToAdd[0]!.fields).toMatchObject({
      name: 'Ana Prueba',
      phones: [{ e164: '+14135550111', original: '(413) 555-0111', label: '' }],
      languages: ['es', 'en'],
      roles: ['legal_observer'],
      homeTown: 'Florence',
      hasCar: true,
      active: true,
      maxTravelMinutes: 30,
      notes: '',
    });
    expect(p.rowsToAdd.map((r) => r.warnings)).toEqual([
      [],
      [{ kind: 'phone_unreadable', params: { text: '555-0113' } }],
      [],
      [{ kind: 'town_unknown', params: { text: 'Atlantis' } }],
      [{ kind: 'role_unknown', params: { text: 'juggler' } }],
      [{ kind: 'yes_no_unreadable', params: { field: 'hasCar', text: 'maybe' } }],
    ]);
    // Any language is kept; an unplaceable home imports the person inactive, text kept.
    expect(p.rowsToAdd[2]!.fields.languages).toEqual(['klingon']);
    expect(p.rowsToAdd[3]!.fields).toMatchObject({ active: false, homeTown: 'Atlantis' });
    expect(p.rowsToAdd[4]!.fields.notes).toBe('⚑ Role not recognized: "juggler"');
    expect(p.problems).toEqual([
      { line: 4, kind: 'name_missing', params: {}, reason: 'No name' },
      {
        line: 10,
        kind: 'unreachable',
        params: {},
        reason: 'No phone and no town: no way to reach or place this person',
      },
    ]);
    expect(p.totalRows).toBe(8);
  });

  it('finds duplicates against the roster and within the file; merges only when phone and name agree', () => {
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
        'Rosa,413.555.0101,English,Holyoke,medic,yes', // same phone as r1, name within hers
        'marta  EXISTENTE,413-555-0200,Spanish,Pittsfield,driver,no', // same name + town as r2
        'Nadia Nueva,413-555-0300,Spanish,Chicopee,driver,no',
        'Nadia Nueva,(413) 555-0300,Spanish,Chicopee,medic,no', // same phone as line 4
        'Nadia Nueva,413-555-0301,Spanish,Chicopee,medic,no', // same name + town as line 4
        'Omar Otro,413-555-0300,Spanish,Chicopee,medic,no', // line 4's phone, another name
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
        by: 'phone_and_name',
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
        action: 'review',
      },
      {
        line: 5,
        by: 'phone_and_name',
        match: { kind: 'file', line: 4, name: 'Nadia Nueva', homeTown: 'Chicopee' },
        action: 'merge',
      },
      {
        line: 6,
        by: 'name_town',
        match: { kind: 'file', line: 4, name: 'Nadia Nueva', homeTown: 'Chicopee' },
        action: 'review',
      },
      {
        line: 7,
        by: 'phone',
        match: { kind: 'file', line: 4, name: 'Nadia Nueva', homeTown: 'Chicopee' },
        action: 'review',
      },
    ]);
  });

  it('uses an edited mapping and refuses one without a name or a way to reach or place', () => {
    const csv = parseCsvText('Who,Where,Speaks,Extra\nAna Prueba,Holyoke,es,x');
    const auto = planRosterImport(csv, suggestMapping(csv.headers), []);
    expect(auto.mappingNotes).toEqual([
      { kind: 'mapping_unmapped', params: { field: 'name' } },
      { kind: 'mapping_unmapped', params: { field: 'homeTown' } },
    ]);
    expect(auto.mappingProblems).toEqual([
      'No column is mapped to "name"',
      'No column is mapped to "homeTown"',
    ]);
    expect(auto.rowsToAdd).toEqual([]);
    const edited = planRosterImport(csv, ['name', 'homeTown', 'languages', null], []);
    expect(edited.mappingProblems).toEqual([]);
    expect(edited.rowsToAdd.map((r) => r.fields.name)).toEqual(['Ana Prueba']);
    expect(
      planRosterImport(csv, ['name', 'homeTown', 'languages', 'languages'], []).mappingProblems,
    ).toEqual([]);
    expect(
      planRosterImport(csv, ['name', 'homeTown', 'hasCar', 'hasCar'], []).mappingProblems,
    ).toEqual(['Several columns are mapped to "hasCar"; choose one']);
  });

  it('keeps notes over the limit, cut, with a warning', () => {
    const p = plan(`${HEADER},Notas\nAna Prueba,413-555-0111,es,Holyoke,,no,${'x'.repeat(1001)}`);
    expect(p.problems).toEqual([]);
    expect(p.rowsToAdd[0]!.warnings).toEqual([{ kind: 'notes_truncated', params: {} }]);
    expect(p.rowsToAdd[0]!.fields.notes).toHaveLength(1000);
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

  it('writes an opt-out of texts and reads it back (texts status is per person)', () => {
    const optedOut = {
      ...responder,
      name: 'Ana Ficticia',
      phones: [{ ...responder.phones[0]!, noTexts: true }],
    };
    const p = plan(rosterToCsv([optedOut]));
    expect(p.rowsToAdd[0]!.fields.phones).toEqual([{ ...responder.phones[0]!, noTexts: true }]);
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
    // Notes are joined and an opt-out of texts is only ever turned on.
    expect(
      mergeResponderFields(responder, {
        ...responder,
        phones: [{ ...responder.phones[0]!, noTexts: true }],
        notes: 'Prefers calls',
      }),
    ).toEqual({
      phones: [{ ...responder.phones[0]!, noTexts: true }, responder.phones[1]],
      notes: `${responder.notes}\nPrefers calls`,
    });
    expect(
      mergeResponderFields(responder, { ...responder, avoidEnforcementScenes: false }),
    ).toEqual({});
  });
});
