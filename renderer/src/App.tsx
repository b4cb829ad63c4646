import { useCallback, useMemo, useState } from 'react';
import type { MergeCandidateView } from '../../shared/api/contract';
import type { Incident } from '../../shared/api/schemas';
import { sortByUrgency } from '../../shared/domain/board';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { useBridge } from './api/BridgeProvider';
import { Header } from './shell/Header';
import { IncidentDetails } from './features/board/IncidentDetails';
import {
  IncidentsPanel,
  NO_FILTERS,
  type BoardFilters,
  type BoardScope,
} from './features/board/IncidentsPanel';
import { MapView } from './features/map/MapView';
import { RespondersPanel } from './features/roster/RespondersPanel';
import { ShortcutHelp } from './shell/ShortcutHelp';
import { AssignProvider, useAssign } from './features/assign/AssignProvider';
import { TEAM_REFRESH_MS } from './features/assign/TeamPanel';
import type { AssignmentView } from '../../shared/api/assignments';
import type { ComponentProps } from 'react';
import { useEffect } from 'react';
import { StatusBar } from './shell/StatusBar';
import { TileStatusBanner } from './features/map/TileStatusBanner';
import { BriefingAction } from './features/briefing/BriefingAction';
import { ShiftGate } from './features/shifts/ShiftGate';
import { placeName } from './lib/format-incident';
import { useApiQuery } from './lib/useApiQuery';
import { useGlobalShortcuts, type ShortcutAction } from './lib/useGlobalShortcuts';
import { useSession } from './lib/useSession';
import { useI18n } from './i18n/I18nProvider';
import { IntakeForm } from './features/intake/IntakeForm';
import { MergeDialog } from './features/intake/MergeDialog';
import { EMPTY_LOCATION, withMapPoint, type LocationDraft } from './features/intake/location-draft';
import type { FocusRequest } from './features/map/FocusOnRequest';
import type { CandidateOverlay } from './features/map/CandidateLines';

/** Focus the first element matching one of the selectors, in order, after React has rendered. */
const focusSoon = (...selectors: string[]) =>
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el.focus();
    }
  });

/** The console frame: header, board + details (or intake) | map | responders, status bar. */
export function App() {
  const { t, label } = useI18n();
  const { bridge, connected } = useBridge();
  const session = useSession();

  const [scope, setScope] = useState<BoardScope>('open');
  const [filters, setFilters] = useState<BoardFilters>(NO_FILTERS);
  const openIncidents = useApiQuery(
    'incidents:open',
    () => bridge.api.listIncidents({ scope: 'open' }),
    ['incident'],
  );
  const boardKey = JSON.stringify({ scope, ...filters });
  const board = useApiQuery(
    `incidents:board:${boardKey}`,
    () =>
      bridge.api.listIncidents({
        scope,
        query: filters.query,
        statuses: filters.status && scope === 'open' ? [filters.status] : [],
        types: filters.type ? [filters.type] : [],
        town: filters.town,
        limit: scope === 'history' ? 300 : 1000,
      }),
    ['incident'],
  );
  const responders = useApiQuery('responders', () => bridge.api.listResponders({}), ['responder']);
  /** Issue 5: every active assignment (board team counts, map lines, overdue check-ins). */
  const activeAssignments = useApiQuery(
    'assignments:active',
    () => bridge.api.listAssignments({ activeOnly: true }),
    ['assignment', 'incident', 'setting'],
  );
  const reloadAssignments = activeAssignments.reload;
  useEffect(() => {
    const timer = setInterval(reloadAssignments, TEAM_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadAssignments]);
  const teams = useMemo(() => {
    const map = new Map<string, { active: number; overdue: number }>();
    for (const a of activeAssignments.data ?? []) {
      const entry = map.get(a.incidentId) ?? { active: 0, overdue: 0 };
      entry.active++;
      if (a.checkInOverdue) entry.overdue++;
      map.set(a.incidentId, entry);
    }
    return map;
  }, [activeAssignments.data]);
  const overdueIncidentIds = useMemo(
    () => new Set([...teams].filter(([, v]) => v.overdue > 0).map(([id]) => id)),
    [teams],
  );

  const [selectedIncidentId, setSelectedIncidentId] = useState<string | null>(null);
  const [selectedResponderId, setSelectedResponderId] = useState<string | null>(null);
  const [showResponders, setShowResponders] = useState(true);
  /** Issue 4: the selected incident's candidates, drawn on the map with travel lines. */
  const [candidateOverlay, setCandidateOverlay] = useState<CandidateOverlay | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [tiles, setTiles] = useState<{ failed: boolean; dismissed: boolean }>({
    failed: false,
    dismissed: false,
  });
  const [intake, setIntake] = useState<{ openedAt: number } | null>(null);
  const [draftLocation, setDraftLocation] = useState<LocationDraft>(EMPTY_LOCATION);
  const [merge, setMerge] = useState<{
    reportId: string;
    candidates: MergeCandidateView[];
    busy: boolean;
    error: string | null;
  } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const boardIncidents = useMemo(
    () =>
      board.data ? (scope === 'open' ? sortByUrgency(board.data) : [...board.data]) : undefined,
    [board.data, scope],
  );

  const focusOn = (lat: number, lon: number, zoom?: number) =>
    setFocus((f) => ({ lat, lon, seq: (f?.seq ?? 0) + 1, ...(zoom ? { zoom } : {}) }));

  /** From the list: select and show it on the map. */
  const showIncident = (id: string) => {
    setSelectedIncidentId(id);
    const incident = boardIncidents?.find((i) => i.id === id);
    if (incident) focusOn(incident.location.lat, incident.location.lon);
  };
  const showResponder = (id: string) => {
    setSelectedResponderId(id);
    const responder = responders.data?.find((r) => r.id === id);
    if (responder) focusOn(responder.homeLat, responder.homeLon);
  };

  const onTilesFailed = useCallback(
    () => setTiles((s) => (s.failed ? s : { ...s, failed: true })),
    [],
  );
  const onTilesLoaded = useCallback(
    () => setTiles((s) => (s.failed ? { ...s, failed: false } : s)),
    [],
  );
  const onMapPick = useCallback(
    (lat: number, lon: number) => setDraftLocation((d) => withMapPoint(d, lat, lon)),
    [],
  );

  const openIntake = () => {
    if (intake) {
      focusSoon('#intake-type');
      return;
    }
    setDraftLocation(EMPTY_LOCATION);
    setIntake({ openedAt: Date.now() });
  };
  const closeIntake = () => {
    setIntake(null);
    setDraftLocation(EMPTY_LOCATION);
    focusSoon('[data-testid="new-incident-button"]');
  };

  const onSaved = async (incident: Incident) => {
    setIntake(null);
    setDraftLocation(EMPTY_LOCATION);
    setScope('open');
    setSelectedIncidentId(incident.id);
    focusOn(incident.location.lat, incident.location.lon);
    setAnnouncement(
      t('intake.saved', { type: label('incidentType', incident.type), place: placeName(incident) }),
    );
    const found = await bridge.api.findMergeCandidates({ incidentId: incident.id });
    if (found.ok && found.value.length > 0) {
      setMerge({ reportId: incident.id, candidates: found.value, busy: false, error: null });
    } else {
      focusSoon('#details-heading');
    }
  };

  const mergeInto = async (intoId: string) => {
    if (!merge) return;
    setMerge({ ...merge, busy: true, error: null });
    const result = await bridge.api.mergeIncidents({ intoId, reportId: merge.reportId });
    if (!result.ok) {
      setMerge({ ...merge, busy: false, error: result.error.message });
      return;
    }
    setMerge(null);
    setSelectedIncidentId(intoId);
    setAnnouncement(t('merge.merged', { count: result.value.reportCount }));
    focusSoon('#details-heading');
  };
  const keepSeparate = () => {
    setMerge(null);
    setAnnouncement(t('merge.kept'));
    focusSoon('#details-heading');
  };

  useGlobalShortcuts((action: ShortcutAction) => {
    switch (action) {
      case 'newIncident':
        openIntake();
        break;
      case 'help':
        setHelpOpen(true);
        break;
      case 'search':
        if (!intake) focusSoon('#board-search');
        break;
      case 'board':
        if (!intake) focusSoon('[data-testid="incident-list"]');
        break;
      case 'history':
        if (!intake) setScope((s) => (s === 'open' ? 'history' : 'open'));
        break;
      case 'status':
        if (!intake) focusSoon('[data-status-actions] button', '#details-heading');
        break;
      case 'note':
        if (!intake) focusSoon('#note-text');
        break;
    }
  });

  const selectedResponder = useMemo(() => {
    const r = selectedResponderId
      ? responders.data?.find((x) => x.id === selectedResponderId)
      : undefined;
    return r ? { id: r.id, name: r.name } : null;
  }, [selectedResponderId, responders.data]);

  const settings = session.data?.settings ?? DEFAULT_SETTINGS;
  const dispatcherName = session.data?.dispatcherName ?? '';

  return (
    <div className="app">
      <Header
        networkName={settings.networkName}
        dispatcherName={dispatcherName}
        onDispatcherSaved={session.reload}
        onNewIncident={openIntake}
        onShowShortcuts={() => setHelpOpen(true)}
      />
      {session.error && (
        <p role="alert" className="app-alert">
          {t('app.backendError', { message: session.error.message })}
        </p>
      )}
      {!connected && (
        <p role="alert" className="app-alert">
          {t('app.disconnected')}
        </p>
      )}
      <ShiftGate settings={settings} onSessionChanged={session.reload}>
        <AssignProvider
          incidents={openIncidents.data ?? EMPTY_INCIDENTS}
          selectedIncidentId={selectedIncidentId}
          selectedResponder={selectedResponder}
        >
          <div className={`workspace${intake ? ' workspace--intake' : ''}`}>
            <aside
              className="panel panel--left"
              aria-label={intake ? t('intake.heading') : t('incidents.heading')}
            >
              {intake ? (
                <IntakeForm
                  openedAt={intake.openedAt}
                  location={draftLocation}
                  onLocationChange={setDraftLocation}
                  onPlacePicked={(lat, lon) => focusOn(lat, lon, 13)}
                  purgeHours={settings.purgeReporterAfterHours}
                  onSaved={(incident) => void onSaved(incident)}
                  onCancel={closeIntake}
                />
              ) : (
                <>
                  <IncidentsPanel
                    scope={scope}
                    onScopeChange={setScope}
                    filters={filters}
                    onFiltersChange={setFilters}
                    incidents={boardIncidents}
                    error={board.error}
                    selectedId={selectedIncidentId}
                    onSelect={showIncident}
                    onActivate={showIncident}
                    verificationOverdueMinutes={settings.verificationOverdueMinutes}
                    teams={teams}
                  />
                  <IncidentDetails incidentId={selectedIncidentId} />
                  <BriefingAction incidentId={selectedIncidentId} />
                </>
              )}
            </aside>
            <main className="map-area">
              {tiles.failed && !tiles.dismissed && (
                <TileStatusBanner onDismiss={() => setTiles((s) => ({ ...s, dismissed: true }))} />
              )}
              <AssignableMap
                assignments={activeAssignments.data ?? EMPTY_ASSIGNMENTS}
                overdueIncidentIds={overdueIncidentIds}
                tileUrl={settings.tileUrl}
                tileAttribution={settings.tileAttribution}
                incidents={boardIncidents ?? []}
                responders={responders.data ?? []}
                showResponders={showResponders}
                selectedIncidentId={selectedIncidentId}
                selectedResponderId={selectedResponderId}
                focus={focus}
                onSelectIncident={setSelectedIncidentId}
                onSelectResponder={setSelectedResponderId}
                onTilesFailed={onTilesFailed}
                onTilesLoaded={onTilesLoaded}
                picking={intake ? { point: draftLocation.picked, onPick: onMapPick } : null}
                candidates={selectedIncidentId && !intake ? candidateOverlay : null}
              />
            </main>
            <aside className="panel panel--right" aria-label={t('responders.heading')}>
              <RespondersPanel
                selectedId={selectedResponderId}
                onSelect={showResponder}
                showOnMap={showResponders}
                onShowOnMapChange={setShowResponders}
                incidentId={selectedIncidentId}
                onCandidateOverlay={setCandidateOverlay}
              />
            </aside>
          </div>
        </AssignProvider>
      </ShiftGate>
      <StatusBar
        relay={session.relay}
        dispatcherName={dispatcherName}
        deviceId={session.data?.deviceId}
        openIncidents={openIncidents.data?.length}
        connected={connected}
      />
      <p className="visually-hidden" role="status" data-testid="announcer">
        {announcement}
      </p>
      {merge && (
        <MergeDialog
          candidates={merge.candidates}
          busy={merge.busy}
          error={merge.error}
          onMerge={(id) => void mergeInto(id)}
          onKeepSeparate={keepSeparate}
        />
      )}
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

const EMPTY_ASSIGNMENTS: readonly AssignmentView[] = [];
const EMPTY_INCIDENTS: readonly Incident[] = [];

/** The map with drag-to-assign drop handlers on its incident markers. */
function AssignableMap(props: Omit<ComponentProps<typeof MapView>, 'drop'>) {
  const { dragOver, dragLeave, drop } = useAssign();
  const handlers = useMemo(() => ({ dragOver, dragLeave, drop }), [dragOver, dragLeave, drop]);
  return <MapView {...props} drop={handlers} />;
}
