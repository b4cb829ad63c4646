import { describe, expect, it } from 'vitest';
import {
  normalizePhone,
  parseDate,
  parseLanguages,
  parseRoles,
  parseTown,
  parseTrainings,
  parseYesNo,
  isOutsideArea,
  splitPhones,
} from '../../shared/roster/normalize';
import { suggestMapping } from '../../shared/roster/columns';
import { parseAvailability } from '../../shared/roster/availability';
import { decodeCsvBytes, parseCsvText } from '../../shared/roster/csv';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!p.ok) throw new Error(p.reason);
  return p.value;
};
const reason = (p: { ok: boolean; reason?: string }) =>
  p.ok ? '' : (p as { reason: string }).reason;

describe('phones', () => {
  it.each([
    ['(413) 555-0101', '+14135550101'],
    ['413.555.0101', '+14135550101'],
    ['413 555 0101', '+14135550101'],
    ['4135550101', '+14135550101'],
    ['1-413-555-0101', '+14135550101'],
    ['+1 (413) 555-0101', '+14135550101'],
    ['+44 20 7946 0555', '+442079460555'],
  ])('%s -> %s, keeping the original', (input, e164) => {
    const p = value(normalizePhone(input));
    expect(p.e164).toBe(e164);
    expect(p.original).toBe(input);
  });

  it('keeps a trailing label', () => {
    expect(value(normalizePhone('413-555-0101 (casa)'))).toEqual({
      e164: '+14135550101',
      original: '413-555-0101',
      label: 'casa',
    });
  });

  it.each([
    ['555-0101', /7 digits/],
    ['413-555-0101 ext 12', /extension/],
    ['413-555-0101 x12', /extension/],
    ['call me', /letters/],
    ['413-555-01011', /11 digits/],
    ['(013) 555-0101', /not a valid US number/],
  ])('refuses %s', (input, why) => {
    expect(reason(normalizePhone(input))).toMatch(why);
  });

  it('splits a cell holding several phones', () => {
    expect(splitPhones('413-555-0101; 413 555 0102 (casa) / 413.555.0103')).toEqual([
      '413-555-0101',
      '413 555 0102 (casa)',
      '413.555.0103',
    ]);
  });
});

describe('languages, roles and trainings', () => {
  it.each([
    ['Español', ['es']],
    ['Spanish, English', ['es', 'en']],
    ['espanol y inglés', ['es', 'en']],
    ['Kreyòl', ['ht']],
    ['Creole', ['ht']],
    ['Haitian Creole / French', ['ht', 'fr']],
    ['Português', ['pt']],
    ['Portuguese', ['pt']],
    ['inglés', ['en']],
    ['ES/EN', ['es', 'en']],
    ['Spanish (fluent)', ['es']],
    ['Kichwa', ['qu']],
  ])('%s -> %j', (cell, codes) => {
    expect(parseLanguages(cell)).toEqual(codes);
  });

  it('keeps any language: ISO codes for known names, the name as written otherwise', () => {
    expect(parseLanguages('Spanish, Twi')).toEqual(['es', 'tw']);
    expect(parseLanguages('Akan (Twi) / Twi')).toEqual(['tw']);
    expect(parseLanguages('Wolof')).toEqual(['wolof']);
    expect(parseLanguages("K'iche'")).toEqual(['quc']);
    expect(parseLanguages('Somalí / Somali, Amárico')).toEqual(['so', 'am']);
  });

  it.each([
    ['observador legal', ['legal_observer']],
    ['líder de canto', ['song_leader']],
    ['Legal Observer, verifier', ['legal_observer', 'verifier']],
    ['verificador, documentador', ['verifier', 'documenter']],
    ['rally lead; marshal', ['rally_lead']],
    ['apoyo familiar y chofer', ['family_support', 'driver']],
    ['intérprete', ['interpreter']],
    ['rally_responder', ['rally_responder']],
  ])('role %s -> %j', (cell, codes) => {
    expect(parseRoles(cell)).toEqual({ codes, unknown: [] });
  });

  it.each([
    ['Rapid response rally', 'rally_responder'],
    ['Manifestación de respuesta rápida / Rapid response rally', 'rally_responder'],
    ['Interpretation', 'interpreter'],
    ['Interpretación', 'interpreter'],
    ['Driving', 'driver'],
    ['Manejar', 'driver'],
    ['Verifying reports', 'verifier'],
    ['Verificar reportes', 'verifier'],
    ['Documenting', 'documenter'],
    ['Documentar', 'documenter'],
    ['Song leading', 'song_leader'],
    ['Dirigir cantos', 'song_leader'],
    ['Faith leader', 'faith_leader'],
    ['Líder de fe', 'faith_leader'],
    ['Legal observing', 'legal_observer'],
    ['Apoyo a familias / Family support', 'family_support'],
  ])('volunteer wording %s -> %s', (cell, code) => {
    expect(parseRoles(cell)).toEqual({ codes: [code], unknown: [] });
  });

  it('keeps unknown roles as written, beside the ones it reads', () => {
    expect(parseRoles('Driving, Cocinar / Cooking')).toEqual({
      codes: ['driver'],
      unknown: ['Cocinar / Cooking'],
    });
  });

  it('reads trainings with dates and expiry, in English and Spanish', () => {
    expect(
      parseTrainings(
        'Observador legal 3/15/2026; verifier 2026-01-10 until 2028-01-10, SITS 2025-09-20',
      ),
    ).toEqual({
      trainings: [
        { kind: 'legal_observer', completedOn: '2026-03-15', expiresOn: null },
        { kind: 'verifier', completedOn: '2026-01-10', expiresOn: '2028-01-10' },
        { kind: 'sanctuary_in_the_streets', completedOn: '2025-09-20', expiresOn: null },
      ],
      warnings: [],
    });
  });

  it('keeps a training whose date cannot be read, without the date, and says so', () => {
    expect(parseTrainings('legal observer 13/45/2026')).toEqual({
      trainings: [{ kind: 'legal_observer', completedOn: null, expiresOn: null }],
      warnings: [{ kind: 'training_date_unreadable', text: 'legal observer 13/45/2026' }],
    });
    expect(parseTrainings('know your rights').warnings).toEqual([
      { kind: 'training_without_date', text: 'know your rights' },
    ]);
    expect(parseTrainings('basket weaving 2026-01-01')).toEqual({
      trainings: [],
      warnings: [{ kind: 'training_unknown', text: 'basket weaving 2026-01-01' }],
    });
  });
});

describe('dates, yes/no, availability', () => {
  it.each([
    ['2026-03-15', '2026-03-15'],
    ['3/15/2026', '2026-03-15'],
    ['03/05/2026', '2026-03-05'],
    ['25/3/2026', '2026-03-25'],
    ['3/15/26', '2026-03-15'],
  ])('date %s -> %s', (input, iso) => expect(value(parseDate(input))).toBe(iso));

  it.each(['2026-02-30', '13/13/2026', 'March 3', '2026-13-01'])('refuses date %s', (input) => {
    expect(parseDate(input).ok).toBe(false);
  });

  it('reads yes/no in both languages', () => {
    for (const yes of ['sí', 'si', 'Sí', 'yes', 'Y', 'x', 'true', 'X', '1'])
      expect(value(parseYesNo(yes)), yes).toBe(true);
    for (const no of ['no', 'No', 'n', 'false', '0', 'não'])
      expect(value(parseYesNo(no)), no).toBe(false);
    expect(value(parseYesNo('', true))).toBe(true);
    // Google Forms option labels in two languages.
    expect(value(parseYesNo('Sí / Yes'))).toBe(true);
    expect(value(parseYesNo('No / No'))).toBe(false);
    expect(value(parseYesNo('Sí, pero no siempre / Yes, but not always'))).toBe(true);
    expect(parseYesNo('Sí / No').ok).toBe(false);
    expect(reason(parseYesNo('maybe'))).toMatch(/not yes or no/);
  });

  it('reads availability windows in English and Spanish', () => {
    expect(parseAvailability('mon 18:00-22:00; fines de semana 9-17').windows).toEqual([
      { day: 'mon', start: '18:00', end: '22:00' },
      { day: 'sat', start: '09:00', end: '17:00' },
      { day: 'sun', start: '09:00', end: '17:00' },
    ]);
    expect(parseAvailability('sábado 9am-5pm').windows).toEqual([
      { day: 'sat', start: '09:00', end: '17:00' },
    ]);
    expect(parseAvailability('mon-fri 17:00-23:00').windows).toHaveLength(5);
    expect(parseAvailability('someday 9-5')).toEqual({ windows: [], unknown: ['someday 9-5'] });
    expect(parseAvailability('mon 22:00-02:00').unknown).toEqual(['mon 22:00-02:00']);
  });
});

describe('towns', () => {
  it('maps towns, villages and ZIPs to coarse gazetteer points', () => {
    const florence = value(parseTown('Florence'));
    expect(florence.homeTown).toBe('Florence');
    expect(florence.municipality).toBe('Northampton');
    expect(florence.homeLat).toBeCloseTo(42.33, 1);
    expect(value(parseTown('Holyoke, MA')).homeTown).toBe('Holyoke');
    expect(value(parseTown('01060')).homeTown).toBe('Northampton');
    expect(value(parseTown('W Springfield')).homeTown).toBe('West Springfield');
  });

  it('never keeps a street address, only the place', () => {
    const p = value(parseTown('12 Main St, Florence'));
    expect(p.homeTown).toBe('Florence');
    expect(JSON.stringify(p)).not.toMatch(/Main/);
  });

  it('tells a home outside the area from a town not found', () => {
    expect(isOutsideArea('02130')).toBe(true);
    expect(isOutsideArea('Worcester, 01603')).toBe(true);
    expect(isOutsideArea('Brattleboro, VT')).toBe(true);
    expect(isOutsideArea('01040')).toBe(false);
    expect(isOutsideArea('Atlantis')).toBe(false);
  });

  it('reports unknown towns, with a suggestion for a near miss', () => {
    expect(reason(parseTown('Boston'))).toMatch(/^Unknown town "Boston"/);
    expect(reason(parseTown('Atlantis'))).toMatch(/^Unknown town "Atlantis"/);
    expect(reason(parseTown('Nortampton'))).toBe(
      'Unknown town "Nortampton" (did you mean Northampton?)',
    );
    expect(reason(parseTown(''))).toBe('Town is missing');
  });
});

describe('CSV reading and column mapping', () => {
  it('decodes UTF-8, UTF-8 with BOM and Windows-1252', () => {
    const utf8 = new TextEncoder().encode('Teléfono');
    expect(decodeCsvBytes(utf8)).toEqual({ text: 'Teléfono', encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: 'Teléfono',
      encoding: 'utf-8-bom',
    });
    // "Teléfono" in Windows-1252: é is the single byte 0xE9, not valid UTF-8.
    const cp1252 = new Uint8Array([0x54, 0x65, 0x6c, 0xe9, 0x66, 0x6f, 0x6e, 0x6f]);
    expect(decodeCsvBytes(cp1252)).toEqual({ text: 'Teléfono', encoding: 'windows-1252' });
  });

  it('detects the delimiter and counts physical lines across empty lines and quoted newlines', () => {
    const csv = parseCsvText('Name;Notes\r\n\r\nAna;"one; two"\n"Bea";"line\nbreak"\nCi;x\n\n');
    expect(csv.delimiter).toBe(';');
    expect(csv.rows).toEqual([
      { line: 3, cells: ['Ana', 'one; two'] },
      { line: 4, cells: ['Bea', 'line\nbreak'] },
      { line: 6, cells: ['Ci', 'x'] },
    ]);
    expect(parseCsvText('a\tb\n1\t2').delimiter).toBe('\t');
    expect(parseCsvText('a,b\n1,"2,3"').rows[0]!.cells).toEqual(['1', '2,3']);
  });

  it('reports rows with too many cells and unterminated quotes by line', () => {
    const csv = parseCsvText('a,b\n1,2,3\n4,"5\n');
    expect(csv.problems.map((p) => p.line)).toEqual([3, 2]);
  });

  it('suggests a mapping from bilingual headers', () => {
    expect(
      suggestMapping([
        'Nombre / Name',
        'Teléfono',
        'Idiomas',
        'Pueblo/Town',
        'Roles',
        'Carro?',
        'Email',
        'Marca temporal / Timestamp',
        'Notas',
        '¿De guardia?',
        'Max travel minutes / Minutos máximos de viaje',
        'Avoid enforcement scenes?',
        'Disponibilidad',
        'Capacitaciones',
        'Activo',
      ]),
    ).toEqual([
      'name',
      'phones',
      'languages',
      'homeTown',
      'roles',
      'hasCar',
      null,
      null,
      'notes',
      'onCall',
      'maxTravelMinutes',
      'avoidEnforcementScenes',
      'availability',
      'trainings',
      'active',
    ]);
  });

  it('maps first + last name, two phone columns and several place columns', () => {
    expect(
      suggestMapping(['First name', 'Last name', 'Cell phone', 'Home phone', 'Town', 'ZIP']),
    ).toEqual(['firstName', 'lastName', 'phones', 'phones', 'homeTown', 'homeTown']);
  });

  it('decodes UTF-16 with its byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x54, 0, 0xe9, 0]);
    expect(decodeCsvBytes(le)).toEqual({ text: 'Té', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, 0, 0x54, 0, 0xe9]);
    expect(decodeCsvBytes(be)).toEqual({ text: 'Té', encoding: 'utf-16be' });
  });
});
