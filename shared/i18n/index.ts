import { en, type MessageKey } from './en';
import { es } from './es';
import {
  AGENCIES,
  ASSIGNMENT_STATUSES,
  DECLINE_REASONS,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  LANGUAGES,
  LOCATION_PRECISIONS,
  RESPONDER_ROLES,
  TRAININGS,
  TRIAGE_LEVELS,
  VERIFICATION_OUTCOMES,
  WEEKDAYS,
  type LanguageTag,
} from '../domain/vocabulary';
import { languageName } from '../domain/languages';
import { SETTING_LABEL_KEYS, TEXT_FIELD_LABEL_KEYS } from './field-labels';

export type { MessageKey };
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, es };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'es';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** A message with plural forms (`key.one`, `key.other`), named without the form. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer B}.other`
    ? B
    : never
  : never;

export function isPluralKey(key: string): key is PluralKey {
  return isMessageKey(`${key}.other`);
}

/** A `{kind, params}` text's kind this version can word: a message, or one with plural forms. */
export const isTextKind = (key: string): key is MessageKey | PluralKey =>
  isMessageKey(key) || isPluralKey(key);

/** Replaces {name} placeholders; unknown placeholders are left visible so a bug shows. */
export function fillPlaceholders(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** The label for `key` in `locale`, falling back to English, then to the key itself. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key] || en[key] || key;
  return fillPlaceholders(template, params);
}

/** Every vocabulary group and its codes, keyed by the i18n prefix its labels use. */
export const VOCABULARY_GROUPS = {
  incidentType: INCIDENT_TYPES,
  triage: TRIAGE_LEVELS,
  status: INCIDENT_STATUSES,
  statusShort: INCIDENT_STATUSES,
  verification: VERIFICATION_OUTCOMES,
  agency: AGENCIES,
  role: RESPONDER_ROLES,
  lang: LANGUAGES,
  training: TRAININGS,
  assignmentStatus: ASSIGNMENT_STATUSES,
  declineReason: DECLINE_REASONS,
  precision: LOCATION_PRECISIONS,
  weekday: WEEKDAYS,
} as const;
export type VocabularyGroup = keyof typeof VOCABULARY_GROUPS;
type ListedCode<G extends VocabularyGroup> = (typeof VOCABULARY_GROUPS)[G][number];
/** Languages are open (any tag); the other groups are closed lists. */
export type VocabularyCode<G extends VocabularyGroup> = G extends 'lang'
  ? LanguageTag
  : ListedCode<G>;

// Compile-time check that every listed vocabulary code has a label key.
type VocabularyKey = { [G in VocabularyGroup]: `${G}.${ListedCode<G>}` }[VocabularyGroup];
const _everyCodeHasAKey: VocabularyKey extends MessageKey ? true : never = true;
void _everyCodeHasAKey;

/** The label of a vocabulary code, e.g. label('es', 'incidentType', 'home_raid') -> "Redada en casa". */
export function label<G extends VocabularyGroup>(
  locale: Locale,
  group: G,
  code: VocabularyCode<G>,
): string {
  const key = `${group}.${code}`;
  if (isMessageKey(key)) return translate(locale, key);
  return group === 'lang' ? languageName(String(code), locale) : String(code);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * The form of `key` that fits `count` in `locale` (Intl.PluralRules: `key.one`, `key.other`),
 * with `{count}` filled in; a missing form falls back to `.other`.
 */
export function translateCount(
  locale: Locale,
  key: string,
  count: number,
  params?: MessageParams,
): string {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const form = `${key}.${rules.select(count)}`;
  const chosen = isMessageKey(form) ? form : `${key}.other`;
  const all = { ...params, count };
  return isMessageKey(chosen) ? translate(locale, chosen, all) : fillPlaceholders(key, all);
}

/** Activity params that hold vocabulary codes are shown as labels in the reader's language. */
const PARAM_GROUPS: Record<string, VocabularyGroup | 'purgeReason'> = {
  type: 'incidentType',
  reason: 'purgeReason',
  triage: 'triage',
  status: 'status',
  from: 'status',
  to: 'status',
  agency: 'agency',
  role: 'role',
  precision: 'precision',
};

/** Params whose vocabulary depends on the kind (an assignment's statuses are not an incident's). */
const KIND_PARAM_GROUPS: Record<string, Record<string, VocabularyGroup | 'rosterField'>> = {
  'activity.assignment.status': {
    from: 'assignmentStatus',
    to: 'assignmentStatus',
    reason: 'declineReason',
  },
  'undo.status': { from: 'assignmentStatus', to: 'assignmentStatus' },
  'linkAnswer.decline': { reason: 'declineReason' },
  'linkAnswer.notApplied': { from: 'assignmentStatus' },
  'activity.verification.note': { outcome: 'verification' },
  'error.assign.statusChanged': { current: 'assignmentStatus', expected: 'assignmentStatus' },
  'error.assign.nothingToCheckIn': { current: 'assignmentStatus' },
  'error.link.noUse': { current: 'assignmentStatus' },
  'error.incident.changed': { current: 'status', expected: 'status' },
  'guardDetail.missing_training': { training: 'training' },
  'error.assign.final': { current: 'assignmentStatus' },
  'error.assign.cannotGo': { from: 'assignmentStatus', to: 'assignmentStatus' },
  'importNote.mapping_unmapped': { field: 'rosterField' },
  'importNote.mapping_twice': { field: 'rosterField' },
};

/** A param `<name>Kind` naming a message key words `{name}` from the same params. */
const NESTED_SUFFIX = 'Kind';

/** An activity entry's message in `locale`; falls back to the stored English message. */
export function activityMessage(
  locale: Locale,
  entry: { kind: string; message: string; params: MessageParams },
): string {
  return textFor(locale, { kind: `activity.${entry.kind}`, params: entry.params }, entry.message);
}

/**
 * Text the backend sent as `{kind, params}` (shared/api/text.ts), in `locale`. Parameters that
 * are vocabulary codes are shown as labels; a kind this version does not know shows `fallback`.
 */
export function textFor(
  locale: Locale,
  text: { kind: string; params: MessageParams },
  fallback = text.kind,
): string {
  if (!isTextKind(text.kind)) return fallback;
  const params: MessageParams = { ...text.params };
  const kindGroups = KIND_PARAM_GROUPS[text.kind];
  for (const [name, value] of Object.entries(params)) {
    const group = kindGroups?.[name] ?? PARAM_GROUPS[name];
    const codeKey = group && typeof value === 'string' ? `${group}.${value}` : null;
    if (codeKey && isMessageKey(codeKey)) params[name] = translate(locale, codeKey, text.params);
  }
  const inner = Object.fromEntries(
    Object.entries(text.params).filter(([name]) => !name.endsWith(NESTED_SUFFIX)),
  );
  for (const [name, value] of Object.entries(text.params)) {
    if (!name.endsWith(NESTED_SUFFIX) || typeof value !== 'string' || !isMessageKey(value))
      continue;
    params[name.slice(0, -NESTED_SUFFIX.length)] = textFor(locale, { kind: value, params: inner });
  }
  if (isMessageKey(text.kind)) return translate(locale, text.kind, params);
  const count = Number(params.count);
  return translateCount(locale, text.kind, Number.isFinite(count) ? count : 0, params);
}

/** Comma-separated setting keys ("idleLockMinutes, tileUrl") as their labels in `locale`. */
export function settingLabels(locale: Locale, keys: string): string {
  const labels = SETTING_LABEL_KEYS as Record<string, MessageKey>;
  return keys
    .split(/,\s*/)
    .filter(Boolean)
    .map((key) => (labels[key] ? translate(locale, labels[key]) : key))
    .join(', ');
}

/** A free-text field's label in `locale`; a field this version does not know shows its name. */
export function textFieldLabel(locale: Locale, field: string): string {
  const key = TEXT_FIELD_LABEL_KEYS[field];
  return key ? translate(locale, key) : field;
}
