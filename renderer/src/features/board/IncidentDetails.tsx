import { useState, type FormEvent, type ReactNode } from 'react';
import { translateCount } from '../../../../shared/i18n';
import type { Incident } from '../../../../shared/api/schemas';
import { formatDuration } from '../../../../shared/domain/board';
import { confidenceOf } from '../../../../shared/domain/duplicates';
import { useBridge } from '../../api/BridgeProvider';
import { TYPE_GLYPHS, placeName } from '../../lib/format-incident';
import { formatDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/useNow';
import { useIncidentDetail } from './queries';
import { useI18n } from '../../i18n/I18nProvider';
import { Badge } from '../../ui/Badge';
import { IncidentTimeline } from './IncidentTimeline';
import { StatusActions } from './StatusActions';
import { ConflictBanner } from '../sync/ConflictBanner';
import { TeamPanel } from '../assign/TeamPanel';
import { useErrorText } from '../../lib/error-text';

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="field-row">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The selected incident: status workflow, fields, merged reports, notes and timeline. */
export function IncidentDetails({ incidentId }: { incidentId: string | null }) {
  const i18n = useI18n();
  const describeError = useErrorText();
  const { t, label, locale } = i18n;
  const now = useNow(15_000);
  const detail = useIncidentDetail(incidentId);

  let body: ReactNode;
  if (!incidentId) body = <p className="muted">{t('details.none')}</p>;
  else if (detail.error)
    body = (
      <p role="alert" className="error-text">
        {describeError(detail.error)}
      </p>
    );
  else if (!detail.data) body = <p className="muted">{t('details.loading')}</p>;
  else {
    const { incident, timeline, mergedReports } = detail.data;
    const { salute } = incident;
    const confidence = confidenceOf(incident.reportCount, incident.verificationOutcome);
    body = (
      <>
        <p className="details-title">
          <span aria-hidden="true" className="type-glyph">
            {TYPE_GLYPHS[incident.type]}
          </span>{' '}
          <strong>{label('incidentType', incident.type)}</strong> · {placeName(incident)}
        </p>
        <div className="incident-item__badges">
          <Badge kind="status" value={incident.status}>
            {label('status', incident.status)}
          </Badge>
          <Badge kind="triage" value={incident.triage}>
            {label('triage', incident.triage)}
          </Badge>
          <Badge kind="confidence" value={confidence}>
            {t(`confidence.${confidence}`)}
          </Badge>
          <Badge kind="reports" value={incident.reportCount > 1 ? 'many' : 'one'}>
            {incident.reportCount === 1
              ? t('incidents.oneReport')
              : t('incidents.reports', { count: incident.reportCount })}
          </Badge>
        </div>
        <ConflictBanner incidentId={incident.id} />
        {incident.mergedIntoId ? (
          <p className="muted">{t('details.mergedInto')}</p>
        ) : (
          <StatusActions incident={incident} />
        )}
        {!incident.mergedIntoId && <TeamPanel incident={incident} />}
        <dl className="field-list">
          <Field name={t('details.place')}>
            {placeName(incident)}
            {incident.location.streetText ? ` - ${incident.location.streetText}` : ''}
          </Field>
          <Field name={t('details.precision')}>
            {label('precision', incident.location.precision)}
          </Field>
          {incident.outsideRegionReason && (
            <Field name={t('details.outsideReason')}>{incident.outsideRegionReason}</Field>
          )}
          <Field name={t('details.inStatus')}>
            {formatDuration(Math.max(0, now - Date.parse(incident.statusChangedAt)))}
          </Field>
          {incident.verifiedBy && (
            <Field name={t('details.verifiedBy')}>
              {incident.verifiedBy}
              {incident.verifiedAt ? `, ${formatDateTime(locale, incident.verifiedAt)}` : ''}
            </Field>
          )}
          <Field name={t('details.agency')}>{label('agency', salute.agency)}</Field>
          {(salute.agentsCount !== null || salute.vehiclesCount !== null) && (
            <Field name={t('details.agents')}>
              {salute.agentsCount ?? '?'} / {salute.vehiclesCount ?? '?'}
            </Field>
          )}
          {salute.activity && <Field name={t('details.salute')}>{salute.activity}</Field>}
          {salute.timeSeen && (
            <Field name={t('details.timeSeen')}>{formatDateTime(locale, salute.timeSeen)}</Field>
          )}
          {salute.equipment && <Field name={t('details.equipment')}>{salute.equipment}</Field>}
          {incident.vehiclesPlates && (
            <Field name={t('details.plates')}>{incident.vehiclesPlates}</Field>
          )}
          <Field name={t('details.affected')}>
            {t('details.affectedCounts', {
              adults: translateCount(locale, 'details.adults', incident.affectedAdults),
              children: translateCount(locale, 'details.children', incident.affectedChildren),
            })}
            {incident.affectedFirstNames ? ` (${incident.affectedFirstNames})` : ''}
          </Field>
          <Field name={t('details.language')}>{label('lang', incident.language)}</Field>
          <Field name={t('details.reported')}>
            {formatDateTime(locale, incident.callReceivedAt)}
          </Field>
          {incident.description && (
            <Field name={t('details.description')}>{incident.description}</Field>
          )}
          {(incident.reporterName || incident.reporterPhone || incident.reporterPurgedAt) && (
            <Field name={t('details.caller')}>
              {incident.reporterName || incident.reporterPhone
                ? [incident.reporterName, incident.reporterPhone].filter(Boolean).join(', ')
                : t('details.callerPurged', {
                    time: formatDateTime(locale, incident.reporterPurgedAt ?? ''),
                  })}
            </Field>
          )}
        </dl>
        {mergedReports.length > 0 && <MergedReports reports={mergedReports} />}
        {!incident.mergedIntoId && <NoteBox incidentId={incident.id} />}
        <h3 className="panel-subheading">{t('details.timeline')}</h3>
        <IncidentTimeline entries={timeline} />
      </>
    );
  }

  return (
    <section
      className={`panel-section incident-details${incidentId ? '' : ' incident-details--empty'}`}
      aria-labelledby="details-heading"
      data-testid="incident-details"
    >
      <h2 id="details-heading" className="panel-heading" tabIndex={-1}>
        {t('details.heading')}
      </h2>
      {body}
    </section>
  );
}

function MergedReports({ reports }: { reports: readonly Incident[] }) {
  const { t, label, locale } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <h3 className="panel-subheading">{t('details.mergedReports')}</h3>
      <ul className="merged-reports" data-testid="merged-reports">
        {reports.map((r) => {
          const time = formatDateTime(locale, r.callReceivedAt);
          return (
            <li key={r.id} className="merged-reports__item">
              <span>
                {label('incidentType', r.type)} · {placeName(r)} · {time}
                {r.createdBy ? ` · ${r.createdBy}` : ''}
              </span>
              <button
                type="button"
                className="button button--small"
                aria-label={t('details.splitLabel', { place: placeName(r), time })}
                onClick={async () => {
                  const result = await bridge.api.splitIncident({ reportId: r.id });
                  setError(result.ok ? null : describeError(result.error));
                }}
              >
                {t('details.split')}
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="form-alert">
          {error}
        </p>
      )}
    </>
  );
}

function NoteBox({ incidentId }: { incidentId: string }) {
  const { t } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    const result = await bridge.api.addIncidentNote({ incidentId, text });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error, 'text'));
      return;
    }
    setError(null);
    setText('');
  };
  return (
    <form className="note-box" onSubmit={submit}>
      <label htmlFor="note-text">{t('notes.label')}</label>
      <textarea
        id="note-text"
        rows={2}
        value={text}
        maxLength={2000}
        aria-invalid={error ? true : undefined}
        aria-describedby={`note-hint${error ? ' note-error' : ''}`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div className="note-box__actions">
        <span id="note-hint" className="field-hint">
          {t('notes.hint')} · {t('intake.chars', { count: text.length, max: 2000 })}
        </span>
        <button type="submit" className="button button--small" disabled={busy}>
          {t('notes.add')}
        </button>
      </div>
      {error && (
        <p id="note-error" role="alert" className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
