import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Responder } from '../../../../shared/api/schemas';
import {
  LANGUAGES,
  RESPONDER_ROLES,
  type LanguageCode,
  type ResponderRole,
} from '../../../../shared/domain/vocabulary';
import { useBridge } from '../../api/BridgeProvider';
import { useAssignmentList } from '../assign/queries';
import { useResponder, useRosterPage, type RosterPageFilter } from './queries';
import { useI18n } from '../../i18n/I18nProvider';
import type { CandidateOverlay } from '../map/CandidateLines';
import { CandidatesView } from '../matching/CandidatesView';
import { ResponderStatusBoard } from '../assign/ResponderStatusBoard';
import { ImportDialog } from './ImportDialog';
import { NeedsReviewList } from './NeedsReviewList';
import { ResponderDialog } from './ResponderDialog';
import { NO_ROSTER_FILTERS, type RosterFilters } from './filters';
import { RosterList } from './RosterList';
import { downloadFile } from '../../lib/downloadFile';
import { useConsoleDispatch, useConsoleState } from '../../shell/ConsoleStore';
import './roster.css';
import { useErrorText } from '../../lib/error-text';

type Tab = 'roster' | 'candidates' | 'status';

/**
 * The right panel. "Roster": every responder, searched and filtered in the database and shown a
 * page at a time (RosterList); add / edit / deactivate in a dialog; CSV import and export. "Candidates": for the
 * selected incident, ranked candidates with explanations and the team plan.
 */
export function RespondersPanel() {
  const { t, label } = useI18n();
  const describeError = useErrorText();
  const { bridge } = useBridge();
  const {
    selectedResponderId: selectedId,
    selectedIncidentId: incidentId,
    showResponders: showOnMap,
  } = useConsoleState();
  const dispatch = useConsoleDispatch();
  const onCandidateOverlay = useCallback(
    (overlay: CandidateOverlay | null) => dispatch({ type: 'setCandidateOverlay', overlay }),
    [dispatch],
  );
  const [tab, setTab] = useState<Tab>('roster');
  // Selecting another incident brings its candidates forward.
  const [shownIncident, setShownIncident] = useState<string | null>(incidentId);
  if (shownIncident !== incidentId) {
    setShownIncident(incidentId);
    setTab((current) => (current === 'status' ? 'status' : incidentId ? 'candidates' : 'roster'));
  }
  const activeTab: Tab = incidentId || tab === 'status' ? tab : 'roster';

  const [filters, setFilters] = useState<RosterFilters>(NO_ROSTER_FILTERS);
  // The search runs in the database over everyone. One search at a time: while one is on its
  // way, what is typed meanwhile waits and only the latest text is sent when it returns.
  const typed = filters.query.trim();
  const [sentQuery, setSentQuery] = useState(typed);
  const pageFilter = useMemo<RosterPageFilter>(
    () => ({
      query: sentQuery,
      status: filters.status,
      ...(filters.role ? { role: filters.role } : {}),
      ...(filters.language ? { language: filters.language } : {}),
      ...(filters.duty ? { duty: filters.duty } : {}),
    }),
    [sentQuery, filters.status, filters.role, filters.language, filters.duty],
  );
  const firstPage = useRosterPage(pageFilter, 0);
  const searching = firstPage.loading;
  useEffect(() => {
    if (!searching && typed !== sentQuery) setSentQuery(typed);
  }, [typed, sentQuery, searching]);
  const selectedResponder = useResponder(selectedId).data;
  /** Selection moved (click or arrow keys): the map shows the person if they are active. */
  const onSelect = useCallback(
    (r: Responder) =>
      dispatch({
        type: 'selectResponder',
        id: r.id,
        ...(r.active ? { at: { lat: r.homeLat, lon: r.homeLon } } : {}),
      }),
    [dispatch],
  );
  const assignments = useAssignmentList({ activeOnly: true });
  const busyIds = useMemo(
    () => new Set((assignments.data ?? []).map((a) => a.responderId)),
    [assignments.data],
  );

  const setFilter = <K extends keyof RosterFilters>(key: K, value: RosterFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  const [editing, setEditing] = useState<Responder | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [reviewOnly, setReviewOnly] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);

  const exportCsv = async () => {
    setExportError(null);
    const result = await bridge.api.exportRoster({});
    if (!result.ok) {
      setExportError(describeError(result.error));
      return;
    }
    downloadFile(result.value.fileName, result.value.csv, 'text/csv;charset=utf-8');
    setAnnouncement(t('roster.exported', { file: result.value.fileName }));
  };

  const selected = selectedResponder?.id === selectedId ? selectedResponder : undefined;
  const closeEditor = useCallback(() => setEditing(null), []);

  return (
    <section className="panel-section responders-panel" aria-labelledby="responders-heading">
      <h2 id="responders-heading" className="panel-heading">
        {t('responders.heading')}
        {firstPage.data && (
          <span className="panel-heading__count" data-testid="responder-count" aria-live="polite">
            {t('responders.count', {
              shown: firstPage.data.total,
              total: firstPage.data.population,
            })}
          </span>
        )}
      </h2>
      <div className="tabs" role="tablist" aria-label={t('roster.tabsLabel')}>
        <button
          type="button"
          role="tab"
          id="roster-tab"
          aria-controls="roster-tabpanel"
          aria-selected={activeTab === 'roster'}
          className="tabs__tab"
          onClick={() => setTab('roster')}
        >
          {t('roster.tabRoster')}
        </button>
        <button
          type="button"
          role="tab"
          id="candidates-tab"
          aria-controls="candidates-tabpanel"
          aria-selected={activeTab === 'candidates'}
          aria-disabled={!incidentId}
          title={incidentId ? undefined : t('roster.selectIncident')}
          className="tabs__tab"
          onClick={() => incidentId && setTab('candidates')}
        >
          {t('roster.tabCandidates')}
        </button>
        <button
          type="button"
          role="tab"
          id="status-tab"
          aria-controls="status-tabpanel"
          aria-selected={activeTab === 'status'}
          className="tabs__tab"
          onClick={() => setTab('status')}
        >
          {t('statusBoard.tab')}
        </button>
      </div>

      {activeTab === 'status' ? (
        <div
          role="tabpanel"
          id="status-tabpanel"
          aria-labelledby="status-tab"
          className="responders-panel__body responders-panel__body--scroll"
        >
          <ResponderStatusBoard />
        </div>
      ) : activeTab === 'candidates' && incidentId ? (
        <div
          role="tabpanel"
          id="candidates-tabpanel"
          aria-labelledby="candidates-tab"
          className="responders-panel__body responders-panel__body--scroll"
        >
          <CandidatesView key={incidentId} incidentId={incidentId} onOverlay={onCandidateOverlay} />
        </div>
      ) : (
        <div
          role="tabpanel"
          id="roster-tabpanel"
          aria-labelledby="roster-tab"
          className="responders-panel__body"
        >
          <div className="roster-actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => setEditing('new')}
              data-testid="add-responder"
            >
              {t('roster.addButton')}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={!selected}
              onClick={() => selected && setEditing(selected)}
            >
              {t('roster.editButton')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => setImporting(true)}
            >
              {t('roster.importButton')}
            </button>
            <button type="button" className="button button--small" onClick={() => void exportCsv()}>
              {t('roster.exportButton')}
            </button>
          </div>
          <div className="responders-panel__tools">
            <label className="visually-hidden" htmlFor="responder-search">
              {t('responders.search')}
            </label>
            <input
              id="responder-search"
              type="search"
              className="search-input"
              placeholder={t('responders.search')}
              value={filters.query}
              onChange={(e) => setFilter('query', e.target.value)}
              data-testid="responder-search"
            />
            <div className="roster-filters">
              <label>
                <span>{t('roster.filterRole')}</span>
                <select
                  value={filters.role}
                  onChange={(e) => setFilter('role', e.target.value as ResponderRole | '')}
                >
                  <option value="">{t('roster.anyRole')}</option>
                  {RESPONDER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {label('role', r)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('roster.filterLanguage')}</span>
                <select
                  value={filters.language}
                  onChange={(e) => setFilter('language', e.target.value as LanguageCode | '')}
                >
                  <option value="">{t('roster.anyLanguage')}</option>
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {label('lang', l)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{t('roster.filterDuty')}</span>
                <select
                  value={filters.duty}
                  onChange={(e) => setFilter('duty', e.target.value as RosterFilters['duty'])}
                >
                  <option value="">{t('roster.anyDuty')}</option>
                  <option value="on">{t('responders.onCall')}</option>
                  <option value="off">{t('responders.offDuty')}</option>
                </select>
              </label>
              <label>
                <span>{t('roster.filterActive')}</span>
                <select
                  value={filters.status}
                  onChange={(e) => setFilter('status', e.target.value as RosterFilters['status'])}
                >
                  <option value="active">{t('roster.activeOnly')}</option>
                  <option value="inactive">{t('roster.inactiveOnly')}</option>
                  <option value="all">{t('roster.everyone')}</option>
                </select>
              </label>
            </div>
            <div className="roster-tools__row">
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={showOnMap}
                  onChange={(e) => dispatch({ type: 'setShowResponders', show: e.target.checked })}
                  data-testid="show-responders"
                />{' '}
                {t('responders.showOnMap')}
              </label>
              <label className="checkbox-label" title={t('roster.needsReviewLabel')}>
                <input
                  type="checkbox"
                  checked={reviewOnly}
                  onChange={(e) => setReviewOnly(e.target.checked)}
                  data-testid="needs-review-filter"
                />{' '}
                {t('roster.needsReview')}
              </label>
              {JSON.stringify(filters) !== JSON.stringify(NO_ROSTER_FILTERS) && (
                <button
                  type="button"
                  className="link-button link-button--inline"
                  onClick={() => setFilters(NO_ROSTER_FILTERS)}
                >
                  {t('roster.resetFilters')}
                </button>
              )}
            </div>
          </div>
          {exportError && (
            <p role="alert" className="error-text">
              {exportError}
            </p>
          )}
          {reviewOnly && <NeedsReviewList onEdit={setEditing} />}
          <RosterList
            filter={pageFilter}
            selectedId={selectedId}
            busyIds={busyIds}
            onSelect={onSelect}
            onEdit={setEditing}
          />
          <p className="field-hint roster-hint">{t('roster.listHint')}</p>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {editing && (
        <ResponderDialog
          responder={editing === 'new' ? null : editing}
          onClose={closeEditor}
          onSaved={(r, what) => {
            setEditing(null);
            setAnnouncement(t(`roster.${what}`, { name: r.name }));
            onSelect(r);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={(outcome) => {
            setImporting(false);
            if (outcome) {
              setAnnouncement(
                t('import.result', {
                  added: outcome.added,
                  merged: outcome.merged,
                  skipped: outcome.skipped,
                  problems: outcome.problems.length,
                }),
              );
            }
          }}
        />
      )}
    </section>
  );
}
