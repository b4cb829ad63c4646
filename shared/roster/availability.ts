/**
 * Availability cells to weekly windows: explicit windows ("mon 18:00-22:00; sat 9am-5pm") and the
 * words volunteers use ("Weekday evenings, weekends", "Cualquier hora"; the word list is
 * availability-words.ts). Phrases that cannot be read are returned as written, never dropped.
 */
import type { Weekday } from '../domain/vocabulary';
import {
  ANY_TIME_WORDS,
  DAY_PART_WORDS,
  DAY_WORDS,
  EVERY_DAY,
  FILLER_WORDS,
  WAKING_HOURS,
  WHOLE_DAY,
  type DayPart,
} from './availability-words';
import { fold } from './normalize';

export interface AvailabilityWindow {
  day: Weekday;
  start: string;
  end: string;
}

function parseClock(text: string): string | null {
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  const mer = m[3]?.toLowerCase()[0];
  if (mer === 'p' && h < 12) h += 12;
  if (mer === 'a' && h === 12) h = 0;
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const CLOCK = String.raw`\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|a|p)?`;
const RANGE = new RegExp(String.raw`^(.*?)\s*(${CLOCK})\s*(?:-|–|to|a|hasta)\s*(${CLOCK})$`, 'i');

interface Reading {
  days: readonly Weekday[] | null;
  parts: DayPart[];
  /** A single named day ("Monday"), which may borrow the next phrase's hours. */
  singleDay: boolean;
}

/** Days and parts of the day named by words; null if any word is not in the lists. */
function readWords(phrase: string): Reading | null {
  const key = fold(phrase);
  if (!key) return null;
  if (ANY_TIME_WORDS.has(key)) return { days: EVERY_DAY, parts: [WHOLE_DAY], singleDay: false };
  const words = key.split(' ');
  let days: Weekday[] | null = null;
  const parts: DayPart[] = [];
  let namedDays = 0;
  for (let i = 0; i < words.length;) {
    let matched = 0;
    for (let n = Math.min(5, words.length - i); n >= 1 && !matched; n--) {
      const gram = words.slice(i, i + n).join(' ');
      if (ANY_TIME_WORDS.has(gram)) {
        days = [...EVERY_DAY];
        parts.push(WHOLE_DAY);
      } else if (DAY_WORDS[gram]) {
        days = [...new Set([...(days ?? []), ...DAY_WORDS[gram]!])];
        namedDays += DAY_WORDS[gram]!.length === 1 ? 1 : 2;
      } else if (DAY_PART_WORDS[gram]) parts.push(DAY_PART_WORDS[gram]!);
      else if (!FILLER_WORDS.has(gram)) continue;
      matched = n;
    }
    if (!matched) return null;
    i += matched;
  }
  if (!days && !parts.length) return null;
  return { days, parts, singleDay: namedDays === 1 && !parts.length };
}

function readPhrase(phrase: string): Reading | null {
  const m = RANGE.exec(phrase);
  if (m) {
    const start = parseClock(m[2]!);
    const end = parseClock(m[3]!);
    if (!start || !end || start >= end) return null;
    const head = m[1]!.trim();
    const words = head ? readWords(head) : { days: null, parts: [], singleDay: false };
    if (!words || words.parts.length) return null;
    return { days: words.days, parts: [{ start, end }], singleDay: false };
  }
  return readWords(phrase);
}

/**
 * Windows from a cell. Phrases are separated by ; | newlines and commas; a phrase may come in two
 * languages ("Weekday evenings / Entre semana por la noche"; the first half that reads counts).
 * "Monday, Wednesday 18-22" gives both days the hours; "Weekends, evenings" are two phrases.
 */
export function parseAvailability(cell: string): {
  windows: AvailabilityWindow[];
  unknown: string[];
} {
  const windows: AvailabilityWindow[] = [];
  const unknown: string[] = [];
  const readings: { text: string; reading: Reading }[] = [];
  for (const phrase of cell
    .split(/[;|\n]|,(?!\d)|\s+(?:and|y)\s+/i)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const halves = phrase.split(/\s+\/\s+/);
    const reading = halves.map(readPhrase).find(Boolean);
    if (reading) readings.push({ text: phrase, reading });
    else unknown.push(phrase);
  }
  const add = (days: readonly Weekday[], part: DayPart) => {
    for (const day of days)
      if (!windows.some((w) => w.day === day && w.start === part.start && w.end === part.end))
        windows.push({ day, start: part.start, end: part.end });
  };
  let borrowed: Weekday[] = [];
  readings.forEach(({ reading }, i) => {
    const next = readings[i + 1]?.reading;
    if (reading.singleDay && next && next.parts.length) {
      borrowed.push(...reading.days!);
      return;
    }
    const days = [...borrowed, ...(reading.days ?? (borrowed.length ? [] : EVERY_DAY))];
    borrowed = [];
    for (const part of reading.parts.length ? reading.parts : [WAKING_HOURS]) add(days, part);
  });
  return { windows, unknown };
}

export function formatAvailability(windows: readonly AvailabilityWindow[]): string {
  return windows.map((w) => `${w.day} ${w.start}-${w.end}`).join('; ');
}
