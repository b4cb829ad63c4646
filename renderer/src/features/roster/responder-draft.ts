import { ResponderFieldsSchema } from '../../../../shared/api/schemas';
import type { Responder, ResponderFields } from '../../../../shared/api/schemas';
import type {
  LanguageTag,
  ResponderRole,
  TrainingKind,
  Weekday,
} from '../../../../shared/domain/vocabulary';
import type { MessageKey } from '../../../../shared/i18n';
import { normalizePhone } from '../../../../shared/roster/normalize';
import { maxLengthAt, maxLengths, maxValueAt, minValueAt } from '../../lib/forms/contract-schema';
import type { HomeBase } from './TownCombobox';

/** Field limits, read from the contract's responder schema. */
export const LIMITS = {
  ...maxLengths(ResponderFieldsSchema, ['name', 'notes', 'phones.0.original', 'phones.0.label']),
  phones: maxLengthAt(ResponderFieldsSchema, 'phones'),
  travelMin: minValueAt(ResponderFieldsSchema, 'maxTravelMinutes'),
  travelMax: maxValueAt(ResponderFieldsSchema, 'maxTravelMinutes'),
};

export interface PhoneRow {
  text: string;
  label: string;
  /** Kept from the stored phone: an opt-out of texts survives an edit. */
  noTexts?: boolean;
}
export interface TrainingRow {
  kind: TrainingKind;
  completedOn: string;
  expiresOn: string;
}
export interface WindowRow {
  day: Weekday;
  start: string;
  end: string;
}
export interface Draft {
  name: string;
  phones: PhoneRow[];
  languages: LanguageTag[];
  roles: ResponderRole[];
  trainings: TrainingRow[];
  townText: string;
  home: HomeBase | null;
  availability: WindowRow[];
  onCall: boolean;
  hasCar: boolean;
  maxTravelMinutes: string;
  avoidEnforcementScenes: boolean;
  notes: string;
}

export function draftOf(r: Responder | null): Draft {
  if (!r)
    return {
      name: '',
      phones: [{ text: '', label: '' }],
      languages: [],
      roles: [],
      trainings: [],
      townText: '',
      home: null,
      availability: [],
      onCall: false,
      hasCar: false,
      maxTravelMinutes: '30',
      avoidEnforcementScenes: false,
      notes: '',
    };
  return {
    name: r.name,
    phones: r.phones.length
      ? r.phones.map((p) => ({ text: p.original || p.e164, label: p.label, noTexts: p.noTexts }))
      : [{ text: '', label: '' }],
    languages: [...r.languages],
    roles: [...r.roles],
    trainings: r.trainings.map((tr) => ({
      kind: tr.kind,
      completedOn: tr.completedOn ?? '',
      expiresOn: tr.expiresOn ?? '',
    })),
    townText: r.homeTown,
    home: { homeTown: r.homeTown, homeLat: r.homeLat, homeLon: r.homeLon },
    availability: r.availability.map((w) => ({ ...w })),
    onCall: r.onCall,
    hasCar: r.hasCar,
    maxTravelMinutes: String(r.maxTravelMinutes),
    avoidEnforcementScenes: r.avoidEnforcementScenes,
    notes: r.notes,
  };
}

/** Field paths in form order: the first one with an error gets focus. */
export const ORDER = [
  'name',
  'phones',
  'languages',
  'roles',
  'trainings',
  'homeTown',
  'availability',
  'maxTravelMinutes',
  'notes',
];
export const FIELD_ID: Record<string, string> = {
  name: 'responder-name',
  phones: 'responder-phone-0',
  languages: 'responder-languages',
  roles: 'responder-roles',
  trainings: 'responder-trainings',
  homeTown: 'responder-town',
  availability: 'responder-availability',
  maxTravelMinutes: 'responder-travel',
  notes: 'responder-notes',
};

/** The id of the element showing a path's message ("phones.0" -> "responder-error-phones-0"). */
export const errorId = (path: string) => `responder-error-${path.replace(/\./g, '-')}`;

/** Server paths as the form names them: updates nest under `changes`; coordinates are the town. */
export const serverPath = (path: string) =>
  path.replace(/^changes\./, '').replace(/^homeL(at|on)$/, 'homeTown');

export const toggle = <T>(list: T[], item: T, on: boolean) =>
  on ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item);

/**
 * The fields to save, or the errors of the checks the API cannot make for us (raw phones, the
 * picked town). Everything else is left to the contract's validation.
 */
export function buildResponderFields<M>(
  draft: Draft,
  responder: Responder | null,
  t: (key: MessageKey) => M,
): { fields: ResponderFields } | { errors: Record<string, string | M> } {
  const errs: Record<string, string | M> = {};
  const phones: ResponderFields['phones'] = [];
  draft.phones.forEach((row, i) => {
    if (!row.text.trim()) return;
    const parsed = normalizePhone(row.text);
    if (!parsed.ok) errs[`phones.${i}`] = parsed.reason;
    else
      phones.push({
        e164: parsed.value.e164,
        original: parsed.value.original,
        label: row.label.trim() || parsed.value.label,
        ...(row.noTexts ? { noTexts: true } : {}),
      });
  });
  if (!draft.home) {
    errs.homeTown = draft.townText.trim() ? t('roster.townPick') : t('roster.townRequired');
  }
  const travel = Number(draft.maxTravelMinutes);
  if (Object.keys(errs).length) return { errors: errs };
  return {
    fields: {
      name: draft.name,
      phones,
      languages: draft.languages,
      roles: draft.roles,
      trainings: draft.trainings.map((tr) => ({
        kind: tr.kind,
        // An empty date is an undated training (imported as "trained, date not given").
        completedOn: tr.completedOn || null,
        expiresOn: tr.expiresOn || null,
      })),
      homeTown: draft.home!.homeTown,
      homeLat: draft.home!.homeLat,
      homeLon: draft.home!.homeLon,
      availability: draft.availability,
      onCall: draft.onCall,
      hasCar: draft.hasCar,
      maxTravelMinutes: Number.isFinite(travel) && draft.maxTravelMinutes !== '' ? travel : NaN,
      avoidEnforcementScenes: draft.avoidEnforcementScenes,
      notes: draft.notes,
      active: responder?.active ?? true,
    },
  };
}

/** What an edit changes (compared as saved); empty means nothing to save. */
export function changedFields(
  fields: ResponderFields,
  responder: Responder,
): Partial<ResponderFields> {
  const changes: Partial<ResponderFields> = {};
  for (const [key, value] of Object.entries(fields) as [keyof ResponderFields, unknown][]) {
    if (JSON.stringify(value) !== JSON.stringify(responder[key]))
      (changes as Record<string, unknown>)[key] = value;
  }
  return changes;
}
