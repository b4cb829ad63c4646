/**
 * The roster's CSV columns: which responder field each spreadsheet column feeds, suggested from
 * header names in English and Spanish (and some Portuguese), and the headers export writes.
 */
import { fold } from './normalize';
import type { ImportNote } from './import-notes';

export const ROSTER_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'phones',
  'languages',
  'roles',
  'trainings',
  'trainingAttended',
  'trainingDate',
  'homeTown',
  'availability',
  'onCall',
  'hasCar',
  'maxTravelMinutes',
  'avoidEnforcementScenes',
  'notes',
  'active',
  'textsStatus',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/**
 * A mapping must give a name (one column, or first/last name columns) and a way to reach or place
 * people (a phone or a town column). Anything else missing is read as "not given".
 */
export const REQUIRED_FIELDS: readonly RosterField[] = ['name'];

/**
 * Several columns may feed these (cell + home phone, city + ZIP, two comment columns, one
 * yes/no column per training, one column per question about roles).
 */
const MULTI_COLUMN: ReadonlySet<RosterField> = new Set([
  'name',
  'phones',
  'notes',
  'homeTown',
  'roles',
  'trainings',
  'trainingAttended',
  'availability',
  'languages',
]);

/** One entry per column: the field it feeds, or null to ignore it (e-mail, timestamps ...). */
export type ColumnMapping = (RosterField | null)[];

/** Fields that only help read a file (they become name and trainings); export never writes them. */
type ImportOnlyField = 'firstName' | 'lastName' | 'trainingAttended' | 'trainingDate';
const IMPORT_ONLY: ReadonlySet<RosterField> = new Set<ImportOnlyField>([
  'firstName',
  'lastName',
  'trainingAttended',
  'trainingDate',
]);
export type ExportField = Exclude<RosterField, ImportOnlyField>;
/** The fields export writes, in order: everything the roster stores. */
export const EXPORT_FIELDS: readonly ExportField[] = ROSTER_FIELDS.filter(
  (f): f is ExportField => !IMPORT_ONLY.has(f),
);

/** Headers export writes; every one maps back to its field. */
export const EXPORT_HEADERS: Record<ExportField, string> = {
  name: 'Name / Nombre',
  phones: 'Phones / Teléfonos',
  languages: 'Languages / Idiomas',
  roles: 'Roles',
  trainings: 'Trainings / Capacitaciones',
  homeTown: 'Town / Pueblo',
  availability: 'Availability / Disponibilidad',
  onCall: 'On call / De guardia',
  hasCar: 'Car / Carro',
  maxTravelMinutes: 'Max travel minutes / Minutos máximos de viaje',
  avoidEnforcementScenes: 'Avoid enforcement scenes / Evitar escenas de ICE',
  notes: 'Notes / Notas',
  active: 'Active / Activo',
  textsStatus: 'SMS status / Mensajes de texto',
};

const HEADER_SYNONYMS: Record<RosterField, string[]> = {
  name: [
    'name',
    'full name',
    'preferred name',
    'nombre',
    'nombre completo',
    'nombre preferido',
    'nombre y apellido',
    'nome',
    'como quiere que le llamen',
  ],
  phones: [
    'can2 phone',
    'cellphone',
    'homephone',
    'home phone',
    'mobile number',
    'mobile phone',
    'preferred phone',
    'phone number mobile',
    'numero de celular',

    'phone',
    'phones',
    'phone number',
    'cell',
    'cell phone',
    'mobile',
    'telephone',
    'tel',
    'telefono',
    'telefonos',
    'celular',
    'movil',
    'whatsapp',
    'numero',
    'numero de telefono',
  ],
  languages: [
    'languages you speak',
    'language spoken',
    'preferred language',
    'idiomas que habla',
    'que idiomas habla',
    'idioma preferido',

    'languages',
    'language',
    'idiomas',
    'idioma',
    'lenguas',
    'lenguajes',
    'linguas',
    'lang',
    'langues',
  ],
  roles: [
    'how can you help',
    'how would you like to help',
    'how do you want to help',
    'i can help with',
    'i would like to',
    'ways to help',
    'volunteer roles',
    'what would you like to do',
    'como puede ayudar',
    'como quiere ayudar',
    'como le gustaria ayudar',
    'puedo ayudar con',
    'que le gustaria hacer',
    'skills',
    'habilidades',
    'roles',
    'role',
    'rol',
    'papel',
    'papeles',
    'funcion',
    'funciones',
  ],
  trainings: [
    'trainings',
    'training',
    'trainings completed',
    'capacitaciones',
    'capacitacion',
    'entrenamientos',
    'entrenamiento',
    'talleres',
    'formacion',
    'treinamentos',
  ],
  homeTown: [
    'can2 user city',
    'zip5',
    'zip code 5',
    'postal code',
    'town or zip',
    'city town',
    'your town',
    'pueblo o ciudad',
    'en que pueblo vive',

    'town',
    'home town',
    'hometown',
    'city',
    'village',
    'home base',
    'pueblo',
    'ciudad',
    'municipio',
    'cidade',
    'where do you live',
    'donde vive',
    'zip',
    'zip code',
    'codigo postal',
  ],
  availability: [
    'when are you available',
    'when can you help',
    'times available',
    'cuando esta disponible',
    'cuando puede ayudar',
    'dias y horas',

    'availability',
    'available',
    'schedule',
    'disponibilidad',
    'horario',
    'horarios',
    'cuando puede',
  ],
  onCall: [
    'on call',
    'on call now',
    'oncall',
    'de guardia',
    'guardia',
    'disponible ahora',
    'available now',
  ],
  hasCar: [
    'do you have a car',
    'tiene carro',
    'tiene auto',
    'tiene vehiculo',

    'car',
    'has car',
    'has a car',
    'vehicle',
    'carro',
    'tiene carro',
    'auto',
    'coche',
    'vehiculo',
    'carro proprio',
  ],
  maxTravelMinutes: [
    'max travel',
    'max travel minutes',
    'max travel time',
    'travel minutes',
    'minutes',
    'minutos',
    'minutos maximos de viaje',
    'viaje maximo',
    'tiempo maximo',
    'tiempo de viaje',
  ],
  avoidEnforcementScenes: [
    'avoid enforcement scenes',
    'avoid enforcement',
    'avoid scenes',
    'no enforcement scenes',
    'personal risk',
    'evitar escenas de ice',
    'evitar escenas',
    'evitar',
    'riesgo personal',
    'no enviar a escenas',
  ],
  notes: ['notes', 'note', 'comments', 'notas', 'nota', 'comentarios', 'observaciones'],
  active: ['active', 'activo', 'activa', 'ativo'],
  // Action Network first_name / last_name, VAN FirstName / LastName, Mobilize "first name".
  firstName: ['first name', 'firstname', 'given name', 'nombre de pila', 'primer nombre'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'apellido', 'apellidos'],
  // A yes/no question ("Have you taken the Sanctuary in the Streets training?").
  trainingAttended: [
    'have you taken',
    'have you attended',
    'did you attend',
    'did you take',
    'attended training',
    'trained',
    'ha tomado',
    'ha asistido',
    'asistio',
    'tomo el entrenamiento',
    'capacitado',
    'entrenado',
  ],
  trainingDate: [
    'training date',
    'date of training',
    'date trained',
    'when did you take',
    'fecha del entrenamiento',
    'fecha de entrenamiento',
    'fecha de la capacitacion',
    'fecha de capacitacion',
    'cuando tomo',
  ],
  // Action Network can2_sms_status, Mobilize "SMS opt-in status".
  textsStatus: [
    'can2 sms status',
    'sms status',
    'sms opt in',
    'sms opt in status',
    'sms subscription',
    'text opt in',
    'texting status',
    'mensajes de texto',
  ],
};

interface Synonym {
  field: RosterField;
  words: string[];
}
const SYNONYMS: Synonym[] = ROSTER_FIELDS.flatMap((field) =>
  HEADER_SYNONYMS[field].map((s) => ({ field, words: fold(s).split(' ') })),
);

const containsWords = (hay: string[], needle: string[]) => {
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, j) => hay[i + j] === w)) return true;
  }
  return false;
};

/** How well one header names a field: exact header or exact part > contained phrase; 0 = no. */
function headerScore(header: string, syn: Synonym): number {
  const whole = fold(header);
  const phrase = syn.words.join(' ');
  if (whole === phrase) return 300;
  const parts = header
    .split(/[/|()[\]?¿:]+/)
    .map((p) => fold(p))
    .filter(Boolean);
  if (parts.includes(phrase)) return 200 + syn.words.length;
  if (containsWords(whole.split(' '), syn.words)) return 100 + syn.words.length;
  return 0;
}

/**
 * Columns never imported, whatever else their header says: e-mail (the roster reaches people by
 * phone), street addresses (a home is kept as a town only), export bookkeeping (ids, timestamps,
 * the event someone signed up for).
 */
const IGNORED_HEADER_WORDS: string[][] = [
  'email',
  'e mail',
  'correo',
  'correo electronico',
  'address',
  'direccion',
  'street address',
  'timestamp',
  'marca temporal',
  'vanid',
  'event',
  'evento',
  'timeslot',
  'subscription status',
  'created',
  'date created',
].map((w) => fold(w).split(' '));

/** The field each column most likely feeds; a single-valued field goes to its best column only. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const best = headers.map((header) => {
    let field: RosterField | null = null;
    let score = 0;
    const words = fold(header).split(' ');
    if (IGNORED_HEADER_WORDS.some((w) => containsWords(words, w))) return { field, score };
    for (const syn of SYNONYMS) {
      const s = headerScore(header, syn);
      if (s > score) {
        score = s;
        field = syn.field;
      }
    }
    return { field, score };
  });
  const mapping: ColumnMapping = best.map((b) => b.field);
  for (const field of ROSTER_FIELDS) {
    if (MULTI_COLUMN.has(field)) continue;
    const columns = best.map((b, i) => ({ ...b, i })).filter((b) => b.field === field);
    if (columns.length < 2) continue;
    const keep = columns.reduce((a, b) => (b.score > a.score ? b : a));
    for (const c of columns) if (c.i !== keep.i) mapping[c.i] = null;
  }
  return mapping;
}

/** Problems with a mapping as a whole: no name column, no way to reach or place, a field fed twice. */
export function mappingProblems(mapping: ColumnMapping): ImportNote[] {
  const problems: ImportNote[] = [];
  if (!mapping.some((f) => f === 'name' || f === 'firstName' || f === 'lastName'))
    problems.push({ kind: 'mapping_unmapped', params: { field: 'name' } });
  if (!mapping.includes('phones') && !mapping.includes('homeTown'))
    problems.push({ kind: 'mapping_unmapped', params: { field: 'homeTown' } });
  for (const field of ROSTER_FIELDS) {
    if (MULTI_COLUMN.has(field)) continue;
    if (mapping.filter((f) => f === field).length > 1)
      problems.push({ kind: 'mapping_twice', params: { field } });
  }
  return problems;
}
