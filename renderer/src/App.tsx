import { useCallback, useMemo, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { useBridge } from './api/BridgeProvider';
import { Header } from './components/Header';
import { IncidentDetails } from './components/IncidentDetails';
import { IncidentsPanel } from './components/IncidentsPanel';
import { MapView } from './components/MapView';
import { RespondersPanel } from './components/RespondersPanel';
import { StatusBar } from './components/StatusBar';
import { TileStatusBanner } from './components/TileStatusBanner';
import { newestFirst } from './format/incident';
import { useApiQuery } from './hooks/useApiQuery';
import { useSession } from './hooks/useSession';
import { useT } from './i18n/I18nProvider';
import type { FocusRequest } from './map/FocusOnRequest';

/** The console frame: header, incidents | map | responders, status bar. */
export function App() {
  const t = useT();
  const { bridge, connected } = useBridge();
  const session = useSession();
  const incidents = useApiQuery(
    'incidents:open',
    () => bridge.api.listIncidents({ scope: 'open' }),
    ['incident'],
  );
  const responders = useApiQuery('responders', () => bridge.api.listResponders({}), ['responder']);

  const [selectedIncidentId, setSelectedIncidentId] = useState<string | null>(null);
  const [selectedResponderId, setSelectedResponderId] = useState<string | null>(null);
  const [showResponders, setShowResponders] = useState(true);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [tiles, setTiles] = useState<{ failed: boolean; dismissed: boolean }>({
    failed: false,
    dismissed: false,
  });

  const sortedIncidents = useMemo(
    () => (incidents.data ? [...incidents.data].sort(newestFirst) : undefined),
    [incidents.data],
  );

  const focusOn = (lat: number, lon: number) =>
    setFocus((f) => ({ lat, lon, seq: (f?.seq ?? 0) + 1 }));

  /** From the list: select and show it on the map. */
  const showIncident = (id: string) => {
    setSelectedIncidentId(id);
    const incident = sortedIncidents?.find((i) => i.id === id);
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

  const settings = session.data?.settings ?? DEFAULT_SETTINGS;
  const dispatcherName = session.data?.dispatcherName ?? '';

  return (
    <div className="app">
      <Header
        networkName={settings.networkName}
        dispatcherName={dispatcherName}
        onDispatcherSaved={session.reload}
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
      <div className="workspace">
        <aside className="panel panel--left" aria-label={t('incidents.heading')}>
          <IncidentsPanel
            incidents={sortedIncidents}
            error={incidents.error}
            selectedId={selectedIncidentId}
            onSelect={showIncident}
            onActivate={showIncident}
          />
          <IncidentDetails incidentId={selectedIncidentId} />
        </aside>
        <main className="map-area">
          {tiles.failed && !tiles.dismissed && (
            <TileStatusBanner onDismiss={() => setTiles((s) => ({ ...s, dismissed: true }))} />
          )}
          <MapView
            tileUrl={settings.tileUrl}
            tileAttribution={settings.tileAttribution}
            incidents={sortedIncidents ?? []}
            responders={responders.data ?? []}
            showResponders={showResponders}
            selectedIncidentId={selectedIncidentId}
            selectedResponderId={selectedResponderId}
            focus={focus}
            onSelectIncident={setSelectedIncidentId}
            onSelectResponder={setSelectedResponderId}
            onTilesFailed={onTilesFailed}
            onTilesLoaded={onTilesLoaded}
          />
        </main>
        <aside className="panel panel--right" aria-label={t('responders.heading')}>
          <RespondersPanel
            responders={responders.data}
            error={responders.error}
            selectedId={selectedResponderId}
            onSelect={showResponder}
            showOnMap={showResponders}
            onShowOnMapChange={setShowResponders}
          />
        </aside>
      </div>
      <StatusBar
        relay={session.relay}
        dispatcherName={dispatcherName}
        deviceId={session.data?.deviceId}
        openIncidents={incidents.data?.length}
        connected={connected}
      />
    </div>
  );
}
