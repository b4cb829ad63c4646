import type { ApiError } from '../../../shared/api/result';
import type { Incident } from '../../../shared/api/schemas';
import { TYPE_GLYPHS, incidentTown } from '../format/incident';
import { formatAge } from '../format/time';
import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/I18nProvider';
import { Badge } from './Badge';
import { Listbox } from './Listbox';

interface Props {
  incidents: readonly Incident[] | undefined;
  error: ApiError | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onActivate: (id: string) => void;
}

/** Open incidents, newest first, with type, triage and status as text. */
export function IncidentsPanel({ incidents, error, selectedId, onSelect, onActivate }: Props) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const now = useNow();
  return (
    <section className="panel-section incidents-panel" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading" className="panel-heading">
        {t('incidents.heading')}
        {incidents && (
          <span className="panel-heading__count">
            {t('incidents.count', { count: incidents.length })}
          </span>
        )}
      </h2>
      {error && (
        <p role="alert" className="error-text">
          {error.message}
        </p>
      )}
      {!incidents && !error && <p className="muted">{t('incidents.loading')}</p>}
      {incidents && incidents.length === 0 && <p className="muted">{t('incidents.empty')}</p>}
      {incidents && (
        <Listbox
          items={incidents}
          getId={(incident) => incident.id}
          selectedId={selectedId}
          onSelect={onSelect}
          onActivate={onActivate}
          label={t('incidents.listLabel')}
          idPrefix="incident"
          testId="incident-list"
          itemTestId="incident-item"
          className="incident-list"
          renderItem={(incident) => (
            <div className="incident-item">
              <div className="incident-item__top">
                <span className="incident-item__type">
                  <span aria-hidden="true" className="type-glyph">
                    {TYPE_GLYPHS[incident.type]}
                  </span>{' '}
                  {label('incidentType', incident.type)}
                </span>
                <time className="incident-item__age" dateTime={incident.callReceivedAt}>
                  {formatAge(t, incident.callReceivedAt, now)}
                </time>
              </div>
              <div className="incident-item__badges">
                <Badge kind="triage" value={incident.triage}>
                  {label('triage', incident.triage)}
                </Badge>
                <Badge kind="status" value={incident.status}>
                  {label('status', incident.status)}
                </Badge>
              </div>
              <div className="incident-item__meta">
                <span>{incidentTown(i18n, incident)}</span>
                <span>
                  {incident.reportCount === 1
                    ? t('incidents.oneReport')
                    : t('incidents.reports', { count: incident.reportCount })}
                </span>
              </div>
            </div>
          )}
        />
      )}
    </section>
  );
}
