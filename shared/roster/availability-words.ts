/**
 * The words volunteers use for when they can come, in English and Spanish, and the weekly windows
 * they stand for. This is the ONE place the importer learns availability vocabulary: add a word
 * here (with a test in test/unit/availability-words.test.ts) and every import reads it.
 *
 * A phrase names days, a part of the day, both, or "any time":
 *   "Weekday evenings" -> mon..fri 17:00-22:00      "Fines de semana" -> sat, sun 08:00-22:00
 *   "Mornings"         -> every day 06:00-12:00     "Cualquier hora"  -> every day 00:00-24:00
 * Days without a part of the day mean waking hours (08:00-22:00): "free on weekends" is not a
 * promise to answer at 3 a.m. A part of the day without days means every day. Words are matched
 * folded (lowercase, no accents), so "Mañanas" and "mananas" are the same word.
 */
import type { Weekday } from '../domain/vocabulary';

export interface DayPart {
  start: string;
  end: string;
}

const WEEKDAYS_ONLY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const WEEKEND: Weekday[] = ['sat', 'sun'];
export const EVERY_DAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Words that name days. */
export const DAY_WORDS: Readonly<Record<string, readonly Weekday[]>> = {
  ...Object.fromEntries(
    (
      [
        ['mon', ['mon', 'monday', 'mondays', 'lun', 'lunes']],
        ['tue', ['tue', 'tues', 'tuesday', 'tuesdays', 'mar', 'martes']],
        ['wed', ['wed', 'wednesday', 'wednesdays', 'mie', 'mier', 'miercoles']],
        ['thu', ['thu', 'thur', 'thurs', 'thursday', 'thursdays', 'jue', 'jueves']],
        ['fri', ['fri', 'friday', 'fridays', 'vie', 'viernes']],
        ['sat', ['sat', 'saturday', 'saturdays', 'sab', 'sabado', 'sabados']],
        ['sun', ['sun', 'sunday', 'sundays', 'dom', 'domingo', 'domingos']],
      ] as const
    ).flatMap(([day, words]) => words.map((w) => [w, [day]])),
  ),
  ...Object.fromEntries(
    [
      'weekday',
      'weekdays',
      'week days',
      'during the week',
      'entre semana',
      'dias de semana',
      'dias entre semana',
      'lun vie',
      'mon fri',
      'monday friday',
      'lunes a viernes',
      'de lunes a viernes',
    ].map((w) => [w, WEEKDAYS_ONLY]),
  ),
  ...Object.fromEntries(
    [
      'weekend',
      'weekends',
      'fin de semana',
      'fines de semana',
      'los fines de semana',
      'sat sun',
      'sab dom',
    ].map((w) => [w, WEEKEND]),
  ),
  ...Object.fromEntries(
    ['daily', 'every day', 'everyday', 'any day', 'todos los dias', 'diario', 'cualquier dia'].map(
      (w) => [w, EVERY_DAY],
    ),
  ),
};

/** Words that name a part of the day. Spanish "tarde(s)" is afternoon into early evening. */
export const DAY_PART_WORDS: Readonly<Record<string, DayPart>> = {
  ...Object.fromEntries(
    ['morning', 'mornings', 'manana', 'mananas', 'por la manana', 'en la manana'].map((w) => [
      w,
      { start: '06:00', end: '12:00' },
    ]),
  ),
  ...Object.fromEntries(
    ['afternoon', 'afternoons', 'midday', 'tarde', 'tardes', 'por la tarde', 'en la tarde'].map(
      (w) => [w, { start: '12:00', end: '18:00' }],
    ),
  ),
  ...Object.fromEntries(
    ['evening', 'evenings', 'after work', 'despues del trabajo', 'al anochecer'].map((w) => [
      w,
      { start: '17:00', end: '22:00' },
    ]),
  ),
  ...Object.fromEntries(
    ['night', 'nights', 'noche', 'noches', 'por la noche', 'en la noche', 'late night'].map((w) => [
      w,
      { start: '20:00', end: '24:00' },
    ]),
  ),
  ...Object.fromEntries(
    ['overnight', 'overnights', 'madrugada', 'madrugadas', 'early morning'].map((w) => [
      w,
      { start: '00:00', end: '06:00' },
    ]),
  ),
  ...Object.fromEntries(
    ['daytime', 'during the day', 'days', 'de dia', 'durante el dia', 'business hours'].map((w) => [
      w,
      { start: '08:00', end: '18:00' },
    ]),
  ),
};

/** Words that mean any day at any hour. */
export const ANY_TIME_WORDS: ReadonlySet<string> = new Set([
  'any time',
  'anytime',
  'any time day or night',
  'all day',
  'all the time',
  '24 7',
  '24 hours',
  'whenever',
  'whenever needed',
  'always',
  'flexible',
  'cualquier hora',
  'cualquier momento',
  'a cualquier hora',
  'en cualquier momento',
  'todo el dia',
  'siempre',
  'cuando sea',
  'las 24 horas',
  'flexible horario',
]);

/** Days with no part of the day named. */
export const WAKING_HOURS: DayPart = { start: '08:00', end: '22:00' };
export const WHOLE_DAY: DayPart = { start: '00:00', end: '24:00' };

/** Filler words dropped before matching ("on", "los", "the", "in the", "y"). */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'on',
  'the',
  'in',
  'at',
  'and',
  'or',
  'only',
  'most',
  'usually',
  'y',
  'o',
  'los',
  'las',
  'el',
  'la',
  'en',
  'por',
  'de',
  'solo',
  'generalmente',
  'i am free',
  'available',
  'disponible',
]);
