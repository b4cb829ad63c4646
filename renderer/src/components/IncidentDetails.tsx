import type { ReactNode } from 'react';
import { useBridge } from '../api/BridgeProvider';
import { incidentTown } from '../format/incident';
import { formatDateTime } from '../format/time';
import { useApiQuery } from '../hooks/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { Badge } from './Badge';
import { IncidentTimeline } from './IncidentTimeline';

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="field-row">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The selected incident's fields and timeline. */
export function IncidentDetails({ incidentId }: { incidentId: string | null }) {
  const i18n = useI18n();
  const { t, label, locale } = i18n;
  const { bridge } = useBridge();
  const detail = useApiQuery(
    incidentId ? `incident:${incidentId}` : null,
    () => bridge.api.getIncident({ id: incidentId ?? '' }),
    ['incident', 'activity', 'assignment'],
  );

  let body: ReactNode;
  if (!incidentId) body = <p className="muted">{t('details.none')}</p>;
  else if (detail.error)
    body = (
      <p role="alert" className="error-text">
        {detail.error.message}
      </p>
    );
  else if (!detail.data) body = <p className="muted">{t('details.loading')}</p>;
  else {
    const { incident, timeline } = detail.data;
    const { salute } = incident;
    body = (
      <>
        <dl className="field-list">
          <Field name={t('details.type')}>{label('incidentType', incident.type)}</Field>
          <Field name={t('details.status')}>
            <Badge kind="status" value={incident.status}>
              {label('status', incident.status)}
            </Badge>
          </Field>
          <Field name={t('details.triage')}>
            <Badge kind="triage" value={incident.triage}>
              {label('triage', incident.triage)}
            </Badge>
          </Field>
          <Field name={t('details.location')}>
            {incident.location.text}
            {incident.location.town && incident.location.town !== incident.location.text
              ? ` (${incidentTown(i18n, incident)})`
              : ''}
          </Field>
          <Field name={t('details.precision')}>
            {label('precision', incident.location.precision)}
          </Field>
          <Field name={t('details.agency')}>{label('agency', salute.agency)}</Field>
          {(salute.agentsCount !== null || salute.vehiclesCount !== null) && (
            <Field name={t('details.agents')}>
              {salute.agentsCount ?? '?'} / {salute.vehiclesCount ?? '?'}
            </Field>
          )}
          <Field name={t('details.affected')}>
            {t('details.affectedCounts', {
              adults: incident.affectedAdults,
              children: incident.affectedChildren,
            })}
          </Field>
          <Field name={t('details.language')}>{label('lang', incident.language)}</Field>
          <Field name={t('details.reported')}>
            {formatDateTime(locale, incident.callReceivedAt)}
          </Field>
          <Field name={t('details.reports')}>{incident.reportCount}</Field>
          {incident.description && (
            <Field name={t('details.description')}>{incident.description}</Field>
          )}
        </dl>
        <h3 className="panel-subheading">{t('details.timeline')}</h3>
        <IncidentTimeline entries={timeline} />
      </>
    );
  }

  return (
    <section
      className="panel-section incident-details"
      aria-labelledby="details-heading"
      data-testid="incident-details"
    >
      <h2 id="details-heading" className="panel-heading">
        {t('details.heading')}
      </h2>
      {body}
    </section>
  );
}
