import type { ResponderRole, LanguageCode } from '../../../../shared/domain/vocabulary';
import { LANGUAGES, RESPONDER_ROLES } from '../../../../shared/domain/vocabulary';
import type { EXCLUSION_REASONS } from '../../../../shared/matching/engine';
import type { I18n } from '../../i18n/I18nProvider';

type Params = Record<string, string | number | boolean | null>;
export interface ExplanationPartView {
  kind: string;
  params: Params;
}
type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

const isRole = (v: unknown): v is ResponderRole =>
  typeof v === 'string' && (RESPONDER_ROLES as readonly string[]).includes(v);
const isLanguage = (v: unknown): v is LanguageCode =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** A vocabulary label as it reads mid-sentence ("legal observer", "español"). */
function inline(i18n: Pick<I18n, 'locale'>, text: string, lowerFirstOnly = false): string {
  if (i18n.locale === 'en' && lowerFirstOnly) return text;
  return text.toLocaleLowerCase(i18n.locale);
}

/** One structured explanation part in the reader's language. */
export function explanationPart(
  i18n: Pick<I18n, 't' | 'label' | 'locale'>,
  part: ExplanationPartView,
) {
  const { t, label } = i18n;
  const p = part.params;
  switch (part.kind) {
    case 'travel':
      return t(p.mode === 'car' ? 'explain.travelCar' : 'explain.travelTransit', {
        minutes: p.minutes,
        from: p.from,
      });
    case 'speaks':
    case 'does_not_speak': {
      const language = isLanguage(p.language)
        ? inline(i18n, label('lang', p.language), true)
        : String(p.language);
      return t(part.kind === 'speaks' ? 'explain.speaks' : 'explain.doesNotSpeak', { language });
    }
    case 'role': {
      const role = isRole(p.role) ? inline(i18n, label('role', p.role)) : String(p.role);
      return p.trainedOn
        ? t('explain.roleTrained', { role, date: p.trainedOn })
        : t('explain.role', { role });
    }
    case 'on_call':
      return t('explain.onCall');
    case 'off_duty':
      return t('explain.offDuty');
    case 'available_until':
      return t('explain.availableUntil', { until: p.until });
    case 'last_deployed':
      return p.days === 0
        ? t('explain.lastDeployedToday')
        : t(p.days === 1 ? 'explain.lastDeployedDay' : 'explain.lastDeployedDays', {
            days: p.days,
          });
    case 'never_deployed':
      return t('explain.neverDeployed');
    case 'hours_this_week':
      return t('explain.hoursThisWeek', { hours: p.hours });
    case 'declined_here':
      return t('explain.declinedHere', {
        reason: inline(i18n, label('declineReason', p.reason as never)),
      });
    default:
      return null;
  }
}

/** The whole explanation line; parts this console does not know yet fall back to English. */
export function explanationLine(
  i18n: Pick<I18n, 't' | 'label' | 'locale'>,
  explanation: { parts: ExplanationPartView[]; text: string },
): string {
  const texts = explanation.parts.map((part) => explanationPart(i18n, part));
  if (texts.some((x) => x === null)) return explanation.text;
  return texts.join(' · ');
}

export interface UnfilledReasonView {
  code: 'none_found' | 'short' | 'below_minimum';
  found: number;
  needed: number;
  minimum: number;
  excluded: { reason: ExclusionReason; count: number }[];
}

/** Why a slot of the team could not be filled, in the reader's language. */
export function unfilledText(
  i18n: Pick<I18n, 't' | 'label' | 'locale'>,
  roles: readonly ResponderRole[],
  reason: UnfilledReasonView,
): string {
  const { t, label } = i18n;
  const roleName = roles.map((r) => inline(i18n, label('role', r))).join(t('team.or'));
  const head =
    reason.code === 'none_found'
      ? t('team.noneFound', { role: roleName })
      : t('team.short', { found: reason.found, needed: reason.needed, role: roleName });
  const safety =
    reason.code === 'below_minimum'
      ? ` — ${t('team.belowMinimum', { minimum: reason.minimum })}`
      : '';
  const why = reason.excluded.length
    ? reason.excluded.map((e) => t(`exclusion.${e.reason}`, { count: e.count })).join(', ')
    : t('team.nobodyHasRole');
  return `${head}${safety} (${why})`;
}

/** "Not shown: 12 too far, 3 off duty…" for a candidate list, largest first. */
export function excludedSummary(
  t: I18n['t'],
  counts: Partial<Record<ExclusionReason, number>>,
): string | null {
  const shown = (Object.entries(counts) as [ExclusionReason, number][])
    .filter(([reason, n]) => n > 0 && reason !== 'missing_role' && reason !== 'inactive')
    .sort((a, b) => b[1] - a[1]);
  if (shown.length === 0) return null;
  return t('candidates.excluded', {
    list: shown.map(([reason, count]) => t(`exclusion.${reason}`, { count })).join(', '),
  });
}
