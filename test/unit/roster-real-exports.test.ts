/**
 * The exports organizers actually have (fixtures in test/fixtures/rosters, made by generate.ts):
 * each test is a file an organizer would bring, and what they should see when importing it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvBytes } from '../../shared/roster/csv';
import { suggestMapping } from '../../shared/roster/columns';
import { planRosterImport } from '../../shared/roster/import-plan';
import { translate, type MessageKey } from '../../shared/i18n';
import { en } from '../../shared/i18n/en';
import { es } from '../../shared/i18n/es';
import { PROBLEM_KINDS, WARNING_KINDS, noteKey } from '../../shared/roster/import-notes';

const dir = join(import.meta.dirname, '..', 'fixtures', 'rosters');
const planFile = (name: string) => {
  const csv = parseCsvBytes(readFileSync(join(dir, name)));
  return planRosterImport(csv, suggestMapping(csv.headers), []);
};
const everyone = (p: ReturnType<typeof planFile>) =>
  [...p.rowsToAdd, ...p.duplicates].sort((a, b) => a.line - b.line);
const person = (p: ReturnType<typeof planFile>, name: string) =>
  everyone(p).find((r) => r.fields.name === name)!;
const words = (p: ReturnType<typeof planFile>, locale: 'en' | 'es') =>
  p.summary.map((s) => translate(locale, s.kind as MessageKey, s.params)).join(', ');

describe('a bilingual Google Forms export: all 23 rows imported', () => {
  const plan = planFile('google-forms-bilingual.csv');

  it('recognizes the timestamp, bilingual questions, and the yes/no + date training pair', () => {
    expect(plan.mapping).toEqual([
      null, // Marca temporal
      'name',
      'phones',
      null, // e-mail is never imported
      'homeTown',
      'languages',
      'roles',
      'availability',
      'hasCar',
      'trainingAttended',
      'trainingDate',
      'notes',
    ]);
    expect(plan.mappingProblems).toEqual([]);
  });

  it('imports all 23 rows: 22 people, one of them sent the form twice', () => {
    expect(plan.problems).toEqual([]);
    expect(everyone(plan)).toHaveLength(23);
    expect(words(plan, 'en')).toBe('22 added, 1 merged, 5 need review');
    expect(words(plan, 'es')).toBe('22 agregadas, 1 combinada, 5 por revisar');
  });

  it('reads option labels in two languages, checkbox lists, availability words and names', () => {
    const ana = person(plan, 'Ana Prueba');
    expect(ana.fields).toMatchObject({
      languages: ['es', 'en'],
      roles: ['rally_responder', 'interpreter'],
      hasCar: true,
      trainings: [{ kind: 'sanctuary_in_the_streets', completedOn: '2025-03-15', expiresOn: null }],
    });
    // "Weekday evenings, weekends"
    expect(ana.fields.availability.map((w) => `${w.day} ${w.start}-${w.end}`)).toEqual([
      'mon 17:00-22:00',
      'tue 17:00-22:00',
      'wed 17:00-22:00',
      'thu 17:00-22:00',
      'fri 17:00-22:00',
      'sat 08:00-22:00',
      'sun 08:00-22:00',
    ]);
    expect(person(plan, 'Bruno Ejemplo').fields.availability).toHaveLength(7); // "Any time"
    expect(person(plan, 'Carmen Pérez').warnings).toEqual([
      { kind: 'name_reordered', params: { text: 'Pérez, Carmen', name: 'Carmen Pérez' } },
    ]);
    expect(person(plan, 'Marisol').fields.trainings).toEqual([]); // first name alone; "No / No"
    expect(person(plan, 'Mónica Prototipo').fields.homeTown).toBe('Holyoke'); // a ZIP
  });

  it('keeps a training whose date cannot be read, without a date, and says so', () => {
    const dario = person(plan, 'Dario Muestra');
    expect(dario.fields.trainings).toEqual([
      { kind: 'sanctuary_in_the_streets', completedOn: null, expiresOn: null },
    ]);
    expect(dario.warnings).toEqual([
      { kind: 'training_date_unreadable', params: { text: 'last spring' } },
    ]);
    expect(dario.fields.notes).toBe(
      '⚑ Training date not read: "last spring"; training kept without a date',
    );
  });

  it('keeps an answer it does not know as a role, with the text, beside the ones it does', () => {
    const jorge = person(plan, 'Jorge Borrador');
    expect(jorge.fields.roles).toEqual([]);
    expect(jorge.fields.notes).toBe(
      'Tiene turno de noche\n⚑ Role not recognized: "Cocinar para las familias / Cooking for families"',
    );
  });

  it('never merges a shared phone under another name: both people stay', () => {
    const dups = plan.duplicates.map((d) => [d.fields.name, d.matchedBy, d.proposedAction]);
    expect(dups).toEqual([
      ['Ana Prueba', 'phone_and_name', 'merge'],
      ['Valeria Ejemplo', 'phone', 'review'],
    ]);
  });

  it('reads the same file saved by Excel as Windows-1252 (;) and as UTF-16 (tabs)', () => {
    const strip = (p: ReturnType<typeof planFile>) =>
      everyone(p).map((r) => [r.line, r.fields.name, r.fields.roles, r.fields.availability]);
    for (const name of ['google-forms-win1252.csv', 'google-forms-utf16.csv']) {
      const other = planFile(name);
      expect(other.problems).toEqual([]);
      expect(strip(other)).toEqual(strip(plan));
    }
    expect(planFile('google-forms-utf16.csv').encoding).toBe('utf-16le');
    expect(planFile('google-forms-win1252.csv').encoding).toBe('windows-1252');
  });
});

describe('an Action Network export: all 11, with their roles', () => {
  const plan = planFile('action-network.csv');

  it('imports all 11 with roles from the "How can you help?" question', () => {
    expect(plan.problems).toEqual([]);
    expect(everyone(plan)).toHaveLength(11);
    expect(person(plan, 'Wendy Ficticia').fields.roles).toEqual(['rally_responder', 'driver']);
    expect(person(plan, 'Abel Demo').fields.roles).toEqual(['song_leader', 'faith_leader']);
  });

  it('keeps a language not on any list (Twi, Wolof, Turkish)', () => {
    expect(person(plan, 'Yaa Asantewaa').fields.languages).toEqual(['en', 'tw']);
    expect(person(plan, 'Fatou Simulada').fields.languages).toEqual(['fr', 'wolof']);
    expect(person(plan, 'Emre Modelo').fields.languages).toEqual(['en', 'turkish']);
  });

  it('imports a person whose home is outside Western Mass, marked so and inactive', () => {
    const zoe = person(plan, 'Zoe Muestra');
    expect(zoe.fields).toMatchObject({ active: false, homeTown: '02130, Boston' });
    expect(zoe.warnings).toEqual([{ kind: 'outside_area', params: { text: '02130, Boston' } }]);
  });

  it('keeps people who opted out of texts marked so (can2_sms_status)', () => {
    const noTexts = everyone(plan)
      .filter((r) => r.fields.phones.some((p) => p.noTexts))
      .map((r) => r.fields.name);
    expect(noTexts).toEqual(['Xavier Prueba', 'Abel Demo', 'Dalia Boceto']);
  });
});

describe('EveryAction/VAN and Mobilize exports', () => {
  it('VAN: LastName before FirstName, city + ZIP, two phone columns, street never kept', () => {
    const plan = planFile('everyaction-van.txt');
    expect(plan.delimiter).toBe('tab');
    expect(everyone(plan).map((r) => r.fields.name)).toEqual([
      'Hernán Ficticio',
      'Iris Prueba',
      'Jaime Ejemplo',
      'Kim Muestra',
      'Lía',
      'Sinnombre',
    ]);
    expect(person(plan, 'Iris Prueba').fields.phones.map((p) => p.e164)).toEqual([
      '+14135550302',
      '+14135550303',
    ]);
    expect(person(plan, 'Jaime Ejemplo').warnings.map((w) => w.kind)).toEqual(['outside_area']);
    expect(person(plan, 'Lía').fields.homeTown).toBe('Greenfield');
    expect(JSON.stringify(plan.rowsToAdd)).not.toMatch(/Main St|Elm St/);
  });

  it('Mobilize: first/last name, ZIP, SMS opt-in status; the event name is not a name', () => {
    const plan = planFile('mobilize.csv');
    expect(
      everyone(plan).map((r) => [r.fields.name, r.fields.phones[0]!.noTexts ?? false]),
    ).toEqual([
      ['Mara Ficticia', false],
      ['Nico Prueba', true],
      ['Ona Demo', false],
    ]);
    expect(person(plan, 'Mara Ficticia').warnings).toEqual([
      { kind: 'language_missing', params: {} },
    ]);
  });
});

describe('import reasons are words in both languages', () => {
  it('every problem and warning kind, and every summary part, has an English and a Spanish text', () => {
    const keys: string[] = [...PROBLEM_KINDS, ...WARNING_KINDS].map(noteKey);
    for (const what of ['added', 'merged', 'skipped', 'review', 'name_missing', 'unreachable'])
      keys.push(`importSummary.${what}.one`, `importSummary.${what}.other`);
    for (const key of keys) {
      expect(en[key as MessageKey], key).toBeTruthy();
      expect(es[key as MessageKey], key).toBeTruthy();
    }
    expect(es['importNote.name_missing']).toBe('Sin nombre');
  });
});
