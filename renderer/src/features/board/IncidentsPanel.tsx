import { useEffect, useMemo, useState } from 'react';
import { incidentRef } from '../../../../shared/briefing/ref';
import type { ApiError } from '../../../../shared/api/result';
import type { Incident } from '../../../../shared/api/schemas';
import { formatDuration, incidentTimers } from '../../../../shared/domain/board';
import { confidenceOf } from '../../../../shared/domain/duplicates';
import { isSlowCase } from '../../../../shared/domain/incident-status';
import {
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  type IncidentStatus,
  type IncidentType,
} from '../../../../shared/domain/vocabulary';
import { TOWNS } from '../../../../shared/geo/places';
import { TYPE_GLYPHS, placeName } from '../../lib/format-incident';
import { useNow } from '../../lib/useNow';
import { useI18n } from '../../i18n/I18nProvider';
import { Badge } from '../../ui/Badge';
import { Listbox } from '../../ui/Listbox';
import { useAssign } from '../assign/AssignProvider';
import { NO_FILTERS, hasFilters, type BoardFilters, type BoardScope } from './filters';
import { useErrorText } from '../../lib/error-text';

const TOWN_NAMES = [...new Set(TOWNS.map((t) => t.name))].sort((a, b) => a.localeCompare(b));
const SEARCH_DEBOUNCE_MS = 100;

interface Props {
  scope: BoardScope;
  onScopeChange: (scope: BoardScope) => void;
  filters: BoardFilters;
  onFiltersChange: (filters: BoardFilters) => void;
  /** Already filtered by the backend; open ones already in urgency order. */
  incidents: readonly Incident[] | undefined;
  error: ApiError | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onActivate: (id: string) => void;
  verificationOverdueMinutes: number;
  /** Active team size and overdue check-ins per incident. */
  teams?: ReadonlyMap<string, { active: number; overdue: number }>;
}

/** The live board: open incidents by urgency with running timers, or searchable history. */
export function IncidentsPanel(props: Props) {
  const { t, label } = useI18n();
  const describeError = useErrorText();
  const { scope, filters, onFiltersChange, incidents } = props;
  const now = useNow(15_000);
  const [search, setSearch] = useState(filters.query);

  // The search box is debounced: the backend is asked once typing pauses.
  useEffect(() => {
    if (search.trim() === filters.query) return;
    const timer = setTimeout(
      () => onFiltersChange({ ...filters, query: search.trim() }),
      SEARCH_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [search, filters, onFiltersChange]);

  const filtered = hasFilters(filters);
  const statusOptions = useMemo(() => INCIDENT_STATUSES.filter((s) => s !== 'closed'), []);

  return (
    <section className="panel-section incidents-panel" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading" className="panel-heading">
        {t('board.heading')}
        {incidents && (
          <span className="panel-heading__count" data-testid="board-count">
            {scope === 'open' && !filtered
              ? t('incidents.count', { count: incidents.length })
              : t('board.shown', { count: incidents.length })}
          </span>
        )}
      </h2>
      <div role="tablist" aria-label={t('board.tabsLabel')} className="tabs">
        {(['open', 'history'] as const).map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            id={`board-tab-${s}`}
            aria-selected={scope === s}
            aria-controls="board-tabpanel"
            tabIndex={scope === s ? 0 : -1}
            className="tabs__tab"
            onClick={() => props.onScopeChange(s)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                const next = s === 'open' ? 'history' : 'open';
                props.onScopeChange(next);
                document.getElementById(`board-tab-${next}`)?.focus();
              }
            }}
          >
            {t(s === 'open' ? 'board.open' : 'board.history')}
          </button>
        ))}
      </div>
      <div
        id="board-tabpanel"
        role="tabpanel"
        aria-labelledby={`board-tab-${scope}`}
        className="board"
      >
        <div className="board-filters" role="search" aria-label={t('board.filtersLabel')}>
          <input
            type="search"
            className="search-input"
            id="board-search"
            aria-label={t('board.search')}
            placeholder={`${t('board.search')}  ( / )`}
            value={search}
            maxLength={100}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="board-filters__row">
            {scope === 'open' && (
              <label className="board-filter">
                <span>{t('board.filterStatus')}</span>
                <select
                  aria-label={t('board.filterStatus')}
                  value={filters.status}
                  onChange={(e) =>
                    onFiltersChange({ ...filters, status: e.target.value as IncidentStatus | '' })
                  }
                >
                  <option value="">{t('board.all')}</option>
                  {statusOptions.map((s) => (
                    <option key={s} value={s}>
                      {label('status', s)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="board-filter">
              <span>{t('board.filterType')}</span>
              <select
                aria-label={t('board.filterType')}
                value={filters.type}
                onChange={(e) =>
                  onFiltersChange({ ...filters, type: e.target.value as IncidentType | '' })
                }
              >
                <option value="">{t('board.all')}</option>
                {INCIDENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {label('incidentType', type)}
                  </option>
                ))}
              </select>
            </label>
            <label className="board-filter">
              <span>{t('board.filterTown')}</span>
              <select
                aria-label={t('board.filterTown')}
                value={filters.town}
                onChange={(e) => onFiltersChange({ ...filters, town: e.target.value })}
              >
                <option value="">{t('board.all')}</option>
                {TOWN_NAMES.map((town) => (
                  <option key={town} value={town}>
                    {town}
                  </option>
                ))}
              </select>
            </label>
            {filtered && (
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setSearch('');
                  onFiltersChange(NO_FILTERS);
                }}
              >
                {t('board.clearFilters')}
              </button>
            )}
          </div>
        </div>
        {props.error && (
          <p role="alert" className="error-text">
            {describeError(props.error)}
          </p>
        )}
        {!incidents && !props.error && <p className="muted">{t('incidents.loading')}</p>}
        {incidents && incidents.length === 0 && (
          <p className="muted" role="status">
            {scope === 'history'
              ? t('board.historyEmpty')
              : filtered
                ? t('board.noMatch')
                : t('incidents.empty')}
          </p>
        )}
        {incidents && (
          <Listbox
            items={incidents}
            getId={(incident) => incident.id}
            selectedId={props.selectedId}
            onSelect={props.onSelect}
            onActivate={props.onActivate}
            label={t(scope === 'open' ? 'board.listLabelOpen' : 'board.listLabelHistory')}
            idPrefix="incident"
            testId="incident-list"
            itemTestId="incident-item"
            className="incident-list"
            renderItem={(incident) => (
              <BoardItem
                incident={incident}
                now={now}
                overdueMinutes={props.verificationOverdueMinutes}
                team={props.teams?.get(incident.id)}
              />
            )}
          />
        )}
      </div>
    </section>
  );
}

function BoardItem({
  incident,
  now,
  overdueMinutes,
  team,
}: {
  incident: Incident;
  now: number;
  overdueMinutes: number;
  team: { active: number; overdue: number } | undefined;
}) {
  const { t, label } = useI18n();
  const { dragOver, dragLeave, drop } = useAssign();
  const timers = incidentTimers(incident, now, overdueMinutes);
  const slow = isSlowCase(incident.type);
  const confidence = confidenceOf(incident.reportCount, incident.verificationOutcome);
  const open = incident.status !== 'closed';
  return (
    <div
      className={`incident-item${slow ? ' incident-item--slow' : ''}${timers.verificationOverdue ? ' incident-item--overdue' : ''}${open ? ' incident-item--droppable' : ''}`}
      data-incident-id={incident.id}
      data-testid="incident-card"
      onDragEnter={(e) => open && dragOver(e.nativeEvent, incident.id, e.currentTarget)}
      onDragOver={(e) => open && dragOver(e.nativeEvent, incident.id, e.currentTarget)}
      onDragLeave={(e) => dragLeave(e.nativeEvent, incident.id, e.currentTarget)}
      onDrop={(e) => open && drop(e.nativeEvent, incident.id)}
    >
      <div className="incident-item__top">
        <span className="incident-item__type">
          <span aria-hidden="true" className="type-glyph">
            {TYPE_GLYPHS[incident.type]}
          </span>{' '}
          {label('incidentType', incident.type)}
        </span>
        <span className="incident-item__place">{placeName(incident)}</span>
      </div>
      <div className="incident-item__badges">
        <Badge kind="triage" value={slow ? 'slow' : incident.triage}>
          {label('triage', incident.triage)}
        </Badge>
        <Badge kind="status" value={slow ? 'slow' : incident.status}>
          {label('status', incident.status)}
        </Badge>
        {timers.verificationOverdue && (
          <Badge kind="alert" value="overdue">
            {t('board.overdue')}
          </Badge>
        )}
        {slow && (
          <Badge kind="info" value="slow">
            {t('board.slowCase')}
          </Badge>
        )}
        <Badge kind="confidence" value={confidence}>
          {t(`confidence.${confidence}`)}
        </Badge>
        {incident.reportCount > 1 && (
          <Badge kind="reports" value="many">
            {t('incidents.reports', { count: incident.reportCount })}
          </Badge>
        )}
        {team && team.active > 0 && (
          <Badge kind="team" value="active">
            {t('crew.boardCount', { count: team.active })}
          </Badge>
        )}
        {team && team.overdue > 0 && (
          <Badge kind="alert" value="checkin">
            {t('crew.boardOverdue', { count: team.overdue })}
          </Badge>
        )}
      </div>
      <div className="incident-item__meta">
        <span className="incident-item__ref" title={t('board.refHint')}>
          {t('board.ref', { ref: incidentRef(incident.id) })}
        </span>
        <time dateTime={incident.callReceivedAt} title={t('board.sinceReportTitle')}>
          {t('board.sinceReport', { duration: formatDuration(timers.sinceReportMs) })}
        </time>
        {open && (
          <span>{t('board.inStatus', { duration: formatDuration(timers.inStatusMs) })}</span>
        )}
      </div>
    </div>
  );
}
