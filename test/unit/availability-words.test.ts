import { describe, expect, it } from 'vitest';
import { parseAvailability } from '../../shared/roster/availability';

const ALL = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** The windows as "day start-end" strings, for readable expectations. */
const read = (cell: string) => {
  const r = parseAvailability(cell);
  return { windows: r.windows.map((w) => `${w.day} ${w.start}-${w.end}`), unknown: r.unknown };
};
const each = (days: string[], start: string, end: string) =>
  days.map((d) => `${d} ${start}-${end}`);

describe('availability words (shared/roster/availability-words.ts)', () => {
  it.each(['Any time', 'anytime', 'Cualquier hora', 'A cualquier hora', 'Siempre', '24/7'])(
    'any time: %s -> every day, all day',
    (cell) => expect(read(cell)).toEqual({ windows: each(ALL, '00:00', '24:00'), unknown: [] }),
  );

  it.each(['Weekends', 'weekend', 'Fines de semana', 'fin de semana', 'Los fines de semana'])(
    'weekend: %s -> Saturday and Sunday, waking hours',
    (cell) =>
      expect(read(cell)).toEqual({ windows: each(['sat', 'sun'], '08:00', '22:00'), unknown: [] }),
  );

  it.each(['Weekdays', 'Entre semana', 'Lunes a viernes', 'días de semana'])(
    'weekdays: %s -> Monday to Friday, waking hours',
    (cell) => expect(read(cell)).toEqual({ windows: each(WEEK, '08:00', '22:00'), unknown: [] }),
  );

  it.each([
    ['Mornings', '06:00', '12:00'],
    ['Mañanas', '06:00', '12:00'],
    ['Afternoons', '12:00', '18:00'],
    ['Tardes', '12:00', '18:00'],
    ['Evenings', '17:00', '22:00'],
    ['After work', '17:00', '22:00'],
    ['Nights', '20:00', '24:00'],
    ['Noches', '20:00', '24:00'],
    ['Madrugada', '00:00', '06:00'],
    ['Durante el día', '08:00', '18:00'],
  ])('part of the day: %s -> every day %s-%s', (cell, start, end) =>
    expect(read(cell)).toEqual({ windows: each(ALL, start, end), unknown: [] }),
  );

  it.each([
    ['Weekday evenings', WEEK, '17:00', '22:00'],
    ['Entre semana por la noche', WEEK, '20:00', '24:00'],
    ['Saturday mornings', ['sat'], '06:00', '12:00'],
    ['Domingos por la tarde', ['sun'], '12:00', '18:00'],
    ['Weekend nights', ['sat', 'sun'], '20:00', '24:00'],
  ])('days with a part of the day: %s', (cell, days, start, end) =>
    expect(read(cell)).toEqual({ windows: each(days, start, end), unknown: [] }),
  );

  it('reads a Google Forms checkbox answer joined with ", "', () => {
    expect(read('Weekday evenings, weekends')).toEqual({
      windows: [...each(WEEK, '17:00', '22:00'), ...each(['sat', 'sun'], '08:00', '22:00')],
      unknown: [],
    });
  });

  it('reads an option label in two languages once', () => {
    expect(read('Weekday evenings / Entre semana por la tarde')).toEqual({
      windows: each(WEEK, '17:00', '22:00'),
      unknown: [],
    });
  });

  it('lends hours to a lone day listed before them: "Monday, Wednesday 18:00-22:00"', () => {
    expect(read('Monday, Wednesday 18:00-22:00').windows).toEqual(
      each(['mon', 'wed'], '18:00', '22:00'),
    );
    expect(read('Lunes, miércoles por la noche').windows).toEqual(
      each(['mon', 'wed'], '20:00', '24:00'),
    );
  });

  it('keeps the phrases it cannot read, as written, beside those it can', () => {
    expect(read('Weekends, when my shift allows')).toEqual({
      windows: each(['sat', 'sun'], '08:00', '22:00'),
      unknown: ['when my shift allows'],
    });
  });
});
