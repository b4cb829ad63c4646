import type { Responder } from '../../../../shared/api/schemas';
import { REVIEW_MARK, reviewLines } from '../../../../shared/roster/import-notes';
import { useI18n } from '../../i18n/I18nProvider';
import { useResponderList } from './queries';
import './needs-review.css';
import { useErrorText } from '../../lib/error-text';

/**
 * The roster's "needs review" list: people an import could not fully read, each with the review
 * lines of their notes. Editing a person (and removing a line from their notes) takes them off.
 */
export function NeedsReviewList({ onEdit }: { onEdit: (r: Responder) => void }) {
  const { t } = useI18n();
  const describeError = useErrorText();
  const list = useResponderList({ needsReview: true, includeInactive: true, limit: 1000 });
  const people = list.data ?? [];
  return (
    <section
      className="needs-review"
      aria-labelledby="needs-review-heading"
      data-testid="needs-review"
    >
      <h3 id="needs-review-heading" className="panel-subheading">
        {t('roster.needsReview')} ({people.length})
      </h3>
      {list.error && (
        <p role="alert" className="error-text">
          {describeError(list.error)}
        </p>
      )}
      {list.data && people.length === 0 && <p className="muted">{t('responders.empty')}</p>}
      <ul className="needs-review__list">
        {people.map((r) => (
          <li key={r.id} data-testid="needs-review-item">
            <button type="button" className="link-button" onClick={() => onEdit(r)}>
              {r.name}
            </button>{' '}
            <span className="muted">{r.homeTown}</span>
            <ul className="needs-review__lines" aria-label={t('roster.reviewLines')}>
              {reviewLines(r.notes).map((line, i) => (
                <li key={i}>
                  <span aria-hidden="true">{REVIEW_MARK} </span>
                  {line}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
