import { useState, type FormEvent } from 'react';
import type { ActivityEntry } from '../../../../shared/api/schemas';
import { activityMessage, isMessageKey, label } from '../../../../shared/i18n';
import { useBridge } from '../../api/BridgeProvider';
import { formatDateTime } from '../../lib/format-time';
import { timelineActor } from './timeline-actor';
import { useI18n } from '../../i18n/I18nProvider';
import { useErrorText } from '../../lib/error-text';

/**
 * The append-only log of one incident. Corrections never erase: a corrected entry stays, struck
 * through (<del>), with who corrected it, when, and the correction.
 */
export function IncidentTimeline({ entries }: { entries: readonly ActivityEntry[] }) {
  const { locale, t } = useI18n();
  const [correcting, setCorrecting] = useState<string | null>(null);
  if (entries.length === 0) return <p className="muted">{t('details.timelineEmpty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => {
        const message = timelineMessage(locale, t, entry);
        return (
          <li
            key={entry.id}
            className={`timeline__entry${entry.struckAt ? ' is-struck' : ''}`}
            data-kind={entry.kind}
          >
            <div className="timeline__meta">
              <time dateTime={entry.at}>{formatDateTime(locale, entry.at)}</time> ·{' '}
              <span className="timeline__actor">{timelineActor(locale, entry)}</span>
              {!entry.struckAt && correcting !== entry.id && (
                <button
                  type="button"
                  className="link-button link-button--inline"
                  aria-label={t('details.correctLabel', { message: message.slice(0, 80) })}
                  onClick={() => setCorrecting(entry.id)}
                >
                  {t('details.correct')}
                </button>
              )}
            </div>
            <div className="timeline__message">
              {entry.struckAt ? <del>{message}</del> : message}
            </div>
            {entry.struckAt && (
              <div className="timeline__correction">
                {t('details.struckBy', {
                  name: entry.struckBy ?? t('details.unknown'),
                  time: formatDateTime(locale, entry.struckAt),
                  correction: entry.correction ?? '',
                })}
              </div>
            )}
            {correcting === entry.id && (
              <CorrectionForm entryId={entry.id} onDone={() => setCorrecting(null)} />
            )}
          </li>
        );
      })}
    </ol>
  );
}

function timelineMessage(
  locale: ReturnType<typeof useI18n>['locale'],
  t: ReturnType<typeof useI18n>['t'],
  entry: ActivityEntry,
): string {
  let text = activityMessage(locale, entry);
  const p = entry.params;
  if (entry.kind === 'incident.status') {
    const { verifiedBy, note } = p;
    if (typeof verifiedBy === 'string' && verifiedBy)
      text += ` (${t('details.verifierNote', { name: verifiedBy })})`;
    if (typeof note === 'string' && note) text += ` - ${note}`;
  }
  if (!isMessageKey(`activity.${entry.kind}`)) return text;
  const details: string[] = [];
  if (entry.kind === 'assignment.created' && typeof p.override === 'string' && p.override)
    details.push(t('activity.detail.override', { reason: p.override }));
  if (entry.kind === 'assignment.status') {
    if (typeof p.reason === 'string' && p.reason)
      details.push(
        t('activity.detail.reason', { reason: label(locale, 'declineReason', p.reason as never) }),
      );
    if (typeof p.etaMinutes === 'number')
      details.push(t('activity.detail.eta', { minutes: p.etaMinutes }));
  }
  if (entry.kind.startsWith('assignment.') && typeof p.note === 'string' && p.note)
    details.push(p.note);
  return details.length ? `${text} (${details.join('; ')})` : text;
}

function CorrectionForm({ entryId, onDone }: { entryId: string; onDone: () => void }) {
  const { t } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `correction-${entryId}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await bridge.api.correctActivity({ entryId, correction: text });
    if (!result.ok) {
      setError(describeError(result.error, 'correction'));
      return;
    }
    onDone();
  };
  return (
    <form
      className="correction-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <label htmlFor={id}>{t('details.correctionInput')}</label>
      <input
        id={id}
        value={text}
        maxLength={2000}
        autoComplete="off"
        // The dispatcher just asked to correct: the box is where they will type.
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="correction-form__actions">
        <button type="submit" className="button button--small button--primary">
          {t('details.saveCorrection')}
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          {t('details.cancel')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
