/**
 * What the importer says about a row, as `{kind, params}` (translated by shared/i18n under
 * `importNote.<kind>`), plus the English rendering the CLI and the stored notes use.
 *
 * Problems refuse a row: only a missing name, a person who can be neither reached (no phone) nor
 * placed (no town), or a row the CSV reader could not split. Everything else is a warning: the
 * person is imported, the original text is kept in their notes under a "⚑" review line, and the
 * roster lists them as needing review until a dispatcher edits the line away.
 */
import { translate, type MessageKey } from '../i18n';

export const PROBLEM_KINDS = [
  'mapping_unmapped',
  'mapping_twice',
  'file_empty',
  'name_missing',
  'unreachable',
  'row_unreadable',
  'row_too_wide',
  'too_many_rows',
] as const;
export const WARNING_KINDS = [
  'phone_unreadable',
  'too_many_phones',
  'language_missing',
  'role_unknown',
  'training_unknown',
  'training_date_unreadable',
  'training_without_date',
  'availability_unknown',
  'yes_no_unreadable',
  'travel_unreadable',
  'town_missing',
  'town_unknown',
  'town_guessed',
  'outside_area',
  'name_reordered',
  'possible_duplicate',
  'notes_truncated',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export type WarningKind = (typeof WARNING_KINDS)[number];
export type ImportNoteKind = ProblemKind | WarningKind;
export type NoteParams = Record<string, string | number>;

export interface ImportNote {
  kind: ImportNoteKind;
  params: NoteParams;
}

export const note = (kind: ImportNoteKind, params: NoteParams = {}): ImportNote => ({
  kind,
  params,
});

/** Original text as quoted in a note: one line, at most 100 characters. */
export const quote = (text: string): string => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 100 ? `${one.slice(0, 99)}…` : one;
};

export const noteKey = (kind: ImportNoteKind): MessageKey => `importNote.${kind}` as MessageKey;

export function noteText(n: ImportNote, locale: 'en' | 'es' = 'en'): string {
  return translate(locale, noteKey(n.kind), n.params);
}

/** Lines in a responder's notes that mark something an import could not read. */
export const REVIEW_MARK = '⚑';

/** The notes a person is stored with: their own, then one review line per warning. */
export function notesWithReview(own: string, warnings: readonly ImportNote[], max = 1000): string {
  const base = own.trim();
  // A line already in the notes (the same file imported again) is not repeated.
  const lines = warnings
    .map((w) => `${REVIEW_MARK} ${noteText(w)}`)
    .filter((line, i, all) => all.indexOf(line) === i && !base.split('\n').includes(line));
  const all = [base, ...lines].filter(Boolean).join('\n');
  return all.length > max ? `${all.slice(0, max - 1)}…` : all;
}

/** The review lines in a responder's notes (what the roster's "needs review" list shows). */
export function reviewLines(notes: string): string[] {
  return notes
    .split('\n')
    .filter((l) => l.startsWith(REVIEW_MARK))
    .map((l) => l.slice(REVIEW_MARK.length).trim());
}

export const needsReview = (notes: string): boolean => reviewLines(notes).length > 0;
