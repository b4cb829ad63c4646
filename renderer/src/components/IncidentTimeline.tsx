import type { ActivityEntry } from '../../../shared/api/schemas';
import { activityMessage } from '../../../shared/i18n';
import { formatDateTime } from '../format/time';
import { useI18n } from '../i18n/I18nProvider';

/** The append-only log of one incident; struck entries stay visible, struck through. */
export function IncidentTimeline({ entries }: { entries: readonly ActivityEntry[] }) {
  const { locale, t } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('details.timelineEmpty')}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry) => {
        const message = activityMessage(locale, entry);
        return (
          <li key={entry.id} className={`timeline__entry${entry.struckAt ? ' is-struck' : ''}`}>
            <div className="timeline__meta">
              <time dateTime={entry.at}>{formatDateTime(locale, entry.at)}</time> ·{' '}
              <span>{entry.actor}</span>
            </div>
            <div className="timeline__message">
              {entry.struckAt ? (
                <>
                  <del>{message}</del>{' '}
                  <span className="muted">
                    ({t('details.struck', { name: entry.struckBy ?? t('details.unknown') })})
                  </span>
                </>
              ) : (
                message
              )}
            </div>
            {entry.correction && (
              <div className="timeline__correction">
                {t('details.correction', { text: entry.correction })}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
