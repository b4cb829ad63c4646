import type { MergeCandidateView } from '../../../../shared/api/contract';
import { translateCount } from '../../../../shared/i18n';
import { Modal } from '../../ui/Modal';
import { placeName } from '../../lib/format-incident';
import { useI18n } from '../../i18n/I18nProvider';

/** Metres are shown only between two street-precise points. */
const MERGE_BODY = {
  measured: 'merge.body',
  same_town: 'merge.bodySameTown',
  approximate: 'merge.bodyApproximate',
} as const;

interface Props {
  candidates: readonly MergeCandidateView[];
  busy: boolean;
  error: string | null;
  onMerge: (intoId: string) => void;
  /** Esc, or "Keep separate". */
  onKeepSeparate: () => void;
}

/**
 * Proposes merging a just-saved report into a nearby open incident. Nothing merges by itself:
 * the dispatcher chooses; Esc keeps the report separate. Merging can be undone (Split out).
 */
export function MergeDialog({ candidates, busy, error, onMerge, onKeepSeparate }: Props) {
  const { t, label, locale } = useI18n();
  return (
    <Modal
      title={t('merge.title')}
      titleId="merge-title"
      testId="merge-dialog"
      onCancel={onKeepSeparate}
    >
      <ul className="merge-list">
        {candidates.map((c, i) => (
          <li key={c.incident.id} className="merge-list__item">
            <p>
              {t(MERGE_BODY[c.distanceKind], {
                type: label('incidentType', c.incident.type),
                place: placeName(c.incident),
                meters: Math.round(c.distanceMeters),
                minutes: Math.round(c.minutesApart),
              })}
            </p>
            <p className="muted">
              {t('merge.reports', {
                reports: translateCount(locale, 'merge.reportCount', c.incident.reportCount),
                status: label('status', c.incident.status),
              })}
            </p>
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              data-autofocus={i === 0 ? true : undefined}
              onClick={() => onMerge(c.incident.id)}
            >
              {t('merge.into')}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="form-alert">
          {error}
        </p>
      )}
      <div className="modal__actions">
        <button type="button" className="button" onClick={onKeepSeparate}>
          {t('merge.keep')} <kbd>Esc</kbd>
        </button>
      </div>
    </Modal>
  );
}
