import type { ApiInput } from '../../../../shared/api/contract';
import { normalizePhone } from '../../../../shared/roster/normalize';
import { CreateIncidentInput } from '../../../../shared/api/contract';
import type {
  Agency,
  IncidentType,
  LanguageCode,
  TriageLevel,
} from '../../../../shared/domain/vocabulary';
import type { MessageKey, MessageParams } from '../../../../shared/i18n';
import { maxLengths, maxValueAt } from '../../lib/forms/contract-schema';
import { isOutsideRegion, type LocationDraft } from './location-draft';

/** Text limits, read from the contract's createIncident schema. */
export const LIMITS = maxLengths(CreateIncidentInput, [
  'salute.activity',
  'salute.equipment',
  'vehiclesPlates',
  'affectedFirstNames',
  'description',
  'reporterName',
  'reporterPhone',
  'outsideRegionReason',
  'location.streetText',
]);

export type FieldKey =
  | 'type'
  | 'triage'
  | 'location'
  | 'streetText'
  | 'outsideRegionReason'
  | 'salute.agentsCount'
  | 'salute.vehiclesCount'
  | 'salute.activity'
  | 'salute.agency'
  | 'salute.timeSeen'
  | 'salute.equipment'
  | 'vehiclesPlates'
  | 'affectedAdults'
  | 'affectedChildren'
  | 'affectedFirstNames'
  | 'language'
  | 'description'
  | 'reporterName'
  | 'reporterPhone';

/** In tab order: the first field with an error gets focus after a refused save. */
export const FIELD_ORDER: readonly FieldKey[] = [
  'type',
  'triage',
  'location',
  'streetText',
  'outsideRegionReason',
  'salute.agentsCount',
  'salute.vehiclesCount',
  'salute.activity',
  'salute.agency',
  'salute.timeSeen',
  'salute.equipment',
  'vehiclesPlates',
  'affectedAdults',
  'affectedChildren',
  'affectedFirstNames',
  'language',
  'description',
  'reporterName',
  'reporterPhone',
];

export const fieldId = (key: string) => `intake-${key.replace('.', '-')}`;

export interface Values {
  type: IncidentType | '';
  triage: TriageLevel | '';
  streetText: string;
  outsideRegionReason: string;
  agentsCount: string;
  vehiclesCount: string;
  activity: string;
  agency: Agency;
  timeSeen: string;
  equipment: string;
  vehiclesPlates: string;
  affectedAdults: string;
  affectedChildren: string;
  affectedFirstNames: string;
  language: LanguageCode;
  description: string;
  reporterName: string;
  reporterPhone: string;
}

export const INITIAL: Values = {
  type: '',
  triage: '',
  streetText: '',
  outsideRegionReason: '',
  agentsCount: '',
  vehiclesCount: '',
  activity: '',
  agency: 'unknown',
  timeSeen: '',
  equipment: '',
  vehiclesPlates: '',
  affectedAdults: '',
  affectedChildren: '',
  affectedFirstNames: '',
  language: 'es',
  description: '',
  reporterName: '',
  reporterPhone: '',
};

/** The count boxes, their form values and their largest accepted number (from the schema). */
const COUNTS: readonly [
  FieldKey,
  'agentsCount' | 'vehiclesCount' | 'affectedAdults' | 'affectedChildren',
][] = [
  ['salute.agentsCount', 'agentsCount'],
  ['salute.vehiclesCount', 'vehiclesCount'],
  ['affectedAdults', 'affectedAdults'],
  ['affectedChildren', 'affectedChildren'],
];
const COUNT_MAX = Object.fromEntries(
  COUNTS.map(([key]) => [key, maxValueAt(CreateIncidentInput, key)]),
) as Record<string, number>;

/** "14:05" today; a time more than 12 h ahead means last night (a call just after midnight). */
export function timeSeenIso(hhmm: string, nowMs: number): string | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const d = new Date(nowMs);
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (d.getTime() - nowMs > 12 * 3_600_000) d.setDate(d.getDate() - 1);
  return d.toISOString();
}

/** A count box: empty is "not known" (null); anything but digits up to `max` is invalid. */
export function parseCount(text: string, max: number): number | null | 'invalid' {
  const s = text.trim();
  if (!s) return null;
  if (!/^\d+$/.test(s)) return 'invalid';
  const n = Number(s);
  return n > max ? 'invalid' : n;
}

export function isDirty(values: Values, location: LocationDraft): boolean {
  return (
    location.input.trim() !== '' ||
    location.picked !== null ||
    (Object.keys(INITIAL) as (keyof Values)[]).some((k) => values[k] !== INITIAL[k])
  );
}

/**
 * The checks made before asking the backend. `t` makes each message: a worded string, or a
 * message key kept as data so the form rewords it when the language changes.
 */
export function validateIntake<M>(
  values: Values,
  location: LocationDraft,
  t: (key: MessageKey, params?: MessageParams) => M,
): Partial<Record<FieldKey, M>> {
  const e: Partial<Record<FieldKey, M>> = {};
  if (!values.type) e.type = t('intake.typeRequired');
  if (!values.triage) e.triage = t('intake.triageRequired');
  if (!location.picked) e.location = t('intake.locationRequired');
  else if (isOutsideRegion(location) && !values.outsideRegionReason.trim())
    e.outsideRegionReason = t('intake.reasonRequired');
  // The same rule the roster applies to phones: a callback must be dialable.
  if (values.reporterPhone.trim() && !normalizePhone(values.reporterPhone).ok)
    e.reporterPhone = t('intake.phoneInvalid');
  for (const [key, name] of COUNTS) {
    const max = COUNT_MAX[key]!;
    if (parseCount(values[name], max) === 'invalid') e[key] = t('intake.countInvalid', { max });
  }
  return e;
}

/** The createIncident request for a form that passed validateIntake. */
export function createIncidentInput(
  values: Values,
  location: LocationDraft & { picked: NonNullable<LocationDraft['picked']> },
  openedAt: number,
  nowMs: number,
): ApiInput<'createIncident'> {
  const picked = location.picked;
  const num = (key: FieldKey, s: string) => {
    const n = parseCount(s, COUNT_MAX[key]!);
    return typeof n === 'number' ? n : null;
  };
  const outside = isOutsideRegion(location);
  return {
    type: values.type as IncidentType,
    triage: values.triage as TriageLevel,
    location: { ...picked, streetText: values.streetText.trim() || picked.streetText || null },
    salute: {
      agentsCount: num('salute.agentsCount', values.agentsCount),
      vehiclesCount: num('salute.vehiclesCount', values.vehiclesCount),
      activity: values.activity,
      agency: values.agency,
      timeSeen: values.timeSeen ? timeSeenIso(values.timeSeen, nowMs) : null,
      equipment: values.equipment,
    },
    vehiclesPlates: values.vehiclesPlates,
    affectedAdults: num('affectedAdults', values.affectedAdults) ?? 0,
    affectedChildren: num('affectedChildren', values.affectedChildren) ?? 0,
    affectedFirstNames: values.affectedFirstNames,
    language: values.language,
    description: values.description,
    reporterName: values.reporterName,
    reporterPhone: values.reporterPhone,
    outsideRegionReason: outside ? values.outsideRegionReason.trim() : null,
    callReceivedAt: new Date(openedAt).toISOString(),
  };
}
