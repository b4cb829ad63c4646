import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { Responder } from '../../../../shared/api/schemas';
import {
  LANGUAGES,
  RESPONDER_ROLES,
  type LanguageCode,
  type ResponderRole,
} from '../../../../shared/domain/vocabulary';
import { useBridge } from '../../api/BridgeProvider';
import { useAssignmentList } from '../assign/queries';
import { useResponderList, useResponderPoints } from './queries';
import { useI18n } from '../../i18n/I18nProvider';
import type { CandidateOverlay } from '../map/CandidateLines';
import { Badge } from '../../ui/Badge';
import { CandidatesView } from '../matching/CandidatesView';
import { useAssign } from '../assign/AssignProvider';
import { ResponderStatusBoard } from '../assign/ResponderStatusBoard';
import { ImportDialog } from './ImportDialog';
import { NeedsReviewList } from './NeedsReviewList';
import { ResponderDialog } from './ResponderDialog';
import { NO_ROSTER_FILTERS, filterRoster, type RosterFilters } from './filters';
import { useWindowedList } from './useWindowedList';
import { downloadFile } from '../../lib/downloadFile';
import { useConsoleDispatch, useConsoleState } from '../../shell/ConsoleStore';
import { DutyBadge } from './DutyBadge';
import './roster.css';
import { useErrorText } from '../../lib/error-text';

/** Fixed row height (px) for windowing: four lines of text plus padding. */
const ROW_HEIGHT = 92;
/** The most the roster operation returns at once. */
const ROSTER_LIMIT = 5000;

type Tab = 'roster' | 'candidates' | 'status';

/**
 * The right panel. "Roster": every responder with filters, windowed so thousands scroll
 * smoothly; add / edit / deactivate in a dialog; CSV import and export. "Candidates": for the
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
  const { beginDrag, endDrag } = useAssign();

  const [filters, setFilters] = useState<RosterFilters>(NO_ROSTER_FILTERS);
  // The search runs in the database (full-text, over everyone); the other filters narrow what
  // it returns here.
  const roster = useResponderList({
    includeInactive: true,
    limit: ROSTER_LIMIT,
    query: filters.query.trim(),
  });
  const points = useResponderPoints();
  /** Selection moved (click or arrow keys): the map shows the person if they are active. */
  const onSelect = (id: string) => {
    const r = roster.data?.find((x) => x.id === id && x.active);
    dispatch({
      type: 'selectResponder',
      id,
      ...(r ? { at: { lat: r.homeLat, lon: r.homeLon } } : {}),
    });
  };
  const assignments = useAssignmentList({ activeOnly: true });
  const busyIds = useMemo(
    () => new Set((assignments.data ?? []).map((a) => a.responderId)),
    [assignments.data],
  );

  const setFilter = <K extends keyof RosterFilters>(key: K, value: RosterFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const filtered = useMemo(
    () => filterRoster(roster.data ?? [], { ...filters, query: '' }),
    [roster.data, filters],
  );
  const activeTotal = points.data?.length ?? 0;

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

  const win = useWindowedList(filtered.length, ROW_HEIGHT);
  const index = selectedId === null ? -1 : filtered.findIndex((r) => r.id === selectedId);
  const { scrollToIndex } = win;
  useEffect(() => {
    if (index >= 0) scrollToIndex(index);
  }, [index, scrollToIndex]);

  const move = (to: number) => {
    const r = filtered[Math.max(0, Math.min(filtered.length - 1, to))];
    if (r) onSelect(r.id);
  };
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const page = Math.max(1, Math.floor((event.currentTarget.clientHeight || 400) / ROW_HEIGHT));
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index < 0 ? 0 : index - 1);
        break;
      case 'PageDown':
        move(index + page);
        break;
      case 'PageUp':
        move(index - page);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(filtered.length - 1);
        break;
      case 'Enter': {
        const r = filtered[index];
        if (r) setEditing(r);
        else move(0);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const selected = index >= 0 ? filtered[index] : undefined;
  const closeEditor = useCallback(() => setEditing(null), []);

  return (
    <section className="panel-section responders-panel" aria-labelledby="responders-heading">
      <h2 id="responders-heading" className="panel-heading">
        {t('responders.heading')}
        {roster.data && (
          <span className="panel-heading__count" data-testid="responder-count">
            {t('responders.count', { shown: filtered.length, total: activeTotal })}
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
          {(roster.error || exportError) && (
            <p role="alert" className="error-text">
              {roster.error?.message ?? exportError}
            </p>
          )}
          {reviewOnly && <NeedsReviewList onEdit={setEditing} />}
          {!roster.data && !roster.error && <p className="muted">{t('responders.loading')}</p>}
          {roster.data && filtered.length === 0 && <p className="muted">{t('responders.empty')}</p>}
          {/* The viewport scrolls; the list inside carries the windowing padding. A flex item
              can never be smaller than its own padding, so the padding must not sit on it. */}
          <div ref={win.ref} onScroll={win.onScroll} className="responder-list-viewport">
            <ul
              role="listbox"
              tabIndex={0}
              aria-label={t('responders.listLabel')}
              aria-activedescendant={selected ? `responder-${selected.id}` : undefined}
              className="listbox responder-list responder-list--windowed"
              data-testid="responder-list"
              data-total={filtered.length}
              style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }}
              onKeyDown={onListKey}
            >
              {filtered.slice(win.start, win.end).map((r, i) => {
                const isSelected = r.id === selectedId;
                const busy = busyIds.has(r.id);
                return (
                  <li
                    key={r.id}
                    id={`responder-${r.id}`}
                    role="option"
                    aria-selected={isSelected}
                    aria-setsize={filtered.length}
                    aria-posinset={win.start + i + 1}
                    className={`listbox__option responder-row${isSelected ? ' is-selected' : ''}${r.active ? '' : ' is-inactive'}`}
                    style={{ height: ROW_HEIGHT }}
                    data-testid="responder-item"
                    data-id={r.id}
                    data-responder-id={r.id}
                    draggable={r.active}
                    onDragStart={(e) =>
                      beginDrag(e, { responderId: r.id, name: r.name, expectedBusy: busy })
                    }
                    onDragEnd={endDrag}
                    onClick={() => onSelect(r.id)}
                    onDoubleClick={() => setEditing(r)}
                  >
                    <div className="responder-item">
                      <div className="responder-item__top">
                        <span className="responder-item__name">{r.name}</span>
                        <span className="responder-item__badges">
                          {busy && (
                            <Badge kind="busy" value="yes">
                              {t('roster.busy')}
                            </Badge>
                          )}
                          {!r.active ? (
                            <Badge kind="active" value="no">
                              {t('roster.inactive')}
                            </Badge>
                          ) : (
                            <DutyBadge responder={r} />
                          )}
                        </span>
                      </div>
                      <div className="responder-item__meta">{r.homeTown}</div>
                      <div className="responder-item__meta">
                        {r.roles.length
                          ? r.roles.map((role) => label('role', role)).join(', ')
                          : t('responders.noRoles')}
                      </div>
                      <div className="responder-item__meta">
                        {r.languages.map((code) => label('lang', code)).join(', ')}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
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
            roster.reload();
            onSelect(r.id);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={(outcome) => {
            setImporting(false);
            if (outcome) {
              roster.reload();
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
