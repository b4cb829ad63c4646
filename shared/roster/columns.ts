/**
 * The roster's CSV columns: which responder field each spreadsheet column feeds, suggested from
 * header names in English and Spanish (and some Portuguese), and the headers export writes.
 */
import { fold } from './normalize';

export const ROSTER_FIELDS = [
  'name',
  'phones',
  'languages',
  'roles',
  'trainings',
  'homeTown',
  'availability',
  'onCall',
  'hasCar',
  'maxTravelMinutes',
  'avoidEnforcementScenes',
  'notes',
  'active',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Without these a row cannot become a responder; the mapping step must assign them. */
export const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'homeTown', 'languages'];

/** Several columns may feed these (first + last name, cell + home phone, two comment columns). */
const MULTI_COLUMN: ReadonlySet<RosterField> = new Set(['name', 'phones', 'notes']);

/** One entry per column: the field it feeds, or null to ignore it (e-mail, timestamps ...). */
export type ColumnMapping = (RosterField | null)[];

/** Headers export writes; every one maps back to its field. */
export const EXPORT_HEADERS: Record<RosterField, string> = {
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
};

const HEADER_SYNONYMS: Record<RosterField, string[]> = {
  name: [
    'name',
    'full name',
    'preferred name',
    'first name',
    'last name',
    'nombre',
    'nombre completo',
    'nombre preferido',
    'nombre y apellido',
    'apellido',
    'apellidos',
    'nome',
    'como quiere que le llamen',
  ],
  phones: [
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
  roles: ['roles', 'role', 'rol', 'papel', 'papeles', 'funcion', 'funciones'],
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

/** The field each column most likely feeds; a single-valued field goes to its best column only. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const best = headers.map((header) => {
    let field: RosterField | null = null;
    let score = 0;
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

/** Problems with a mapping as a whole: a required field no column feeds, a field fed twice. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  for (const field of REQUIRED_FIELDS) {
    if (!mapping.includes(field)) problems.push(`No column is mapped to "${field}"`);
  }
  for (const field of ROSTER_FIELDS) {
    if (MULTI_COLUMN.has(field)) continue;
    if (mapping.filter((f) => f === field).length > 1)
      problems.push(`Several columns are mapped to "${field}"; choose one`);
  }
  return problems;
}
