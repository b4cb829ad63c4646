import { useState } from 'react';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { DEFAULT_DISPATCHER } from '../../shared/api/session';
import { useBridge } from './api/BridgeProvider';
import { AssignProvider } from './features/assign/AssignProvider';
import { BoardPanel } from './features/board/BoardPanel';
import { useIncidentCount } from './features/board/queries';
import { NO_FILTERS, boardFilterInput } from './features/board/filters';
import { IntakePanel, useOpenIntake } from './features/intake/IntakePanel';
import { MergeStep } from './features/intake/MergeStep';
import { MapArea } from './features/map/MapArea';
import { RespondersPanel } from './features/roster/RespondersPanel';
import { useSession } from './features/settings/queries';
import { ShiftGate } from './features/shifts/ShiftGate';
import { useI18n } from './i18n/I18nProvider';
import { QueryCacheProvider } from './lib/useQuery';
import { ConsoleStoreProvider, useConsoleState } from './shell/ConsoleStore';
import { Header } from './shell/Header';
import { ShortcutHelp } from './shell/ShortcutHelp';
import { SkipLinks } from './shell/SkipLinks';
import { StatusBar } from './shell/StatusBar';
import { useConsoleShortcuts } from './shell/useConsoleShortcuts';
import { MapPackDrop } from './features/settings/MapPackDrop';
import { useErrorText } from './lib/error-text';

/** The status bar counts every open incident (a count query, never a list's length). */
const OPEN_FILTER = boardFilterInput('open', NO_FILTERS);

/** The console: one query cache and one console store under the frame. */
export function App() {
  return (
    <QueryCacheProvider>
      <ConsoleStoreProvider>
        <ConsoleFrame />
      </ConsoleStoreProvider>
    </QueryCacheProvider>
  );
}

/** Header, board + details (or intake) | map | responders, status bar. */
function ConsoleFrame() {
  const { t } = useI18n();
  const describeError = useErrorText();
  const { connected, checkingSaves } = useBridge();
  const session = useSession();
  const openIncidents = useIncidentCount(OPEN_FILTER);
  const { intake, announcement } = useConsoleState();
  const openIntake = useOpenIntake();
  const [helpOpen, setHelpOpen] = useState(false);
  useConsoleShortcuts(() => setHelpOpen(true));

  const settings = session.data?.settings ?? DEFAULT_SETTINGS;
  // The stored placeholder name is nobody: shown as "no dispatcher signed on", translated.
  const storedName = session.data?.dispatcherName ?? '';
  const dispatcherName = storedName === DEFAULT_DISPATCHER ? '' : storedName;

  return (
    <div className="app">
      {!intake && <SkipLinks />}
      <Header
        networkName={settings.networkName}
        dispatcherName={dispatcherName}
        onDispatcherSaved={session.reload}
        onNewIncident={openIntake}
        onShowShortcuts={() => setHelpOpen(true)}
      />
      {session.error && (
        <p role="alert" className="app-alert">
          {t('app.backendError', { message: describeError(session.error) })}
        </p>
      )}
      {!connected && (
        <p role="alert" className="app-alert">
          {t('app.disconnected')}
        </p>
      )}
      {checkingSaves > 0 && (
        <p role="status" className="app-alert" data-testid="checking-saved">
          {t('app.checkingSaved', { count: checkingSaves })}
        </p>
      )}
      <ShiftGate settings={settings} onSessionChanged={session.reload}>
        <AssignProvider>
          <div className={`workspace${intake ? ' workspace--intake' : ''}`}>
            <aside
              className="panel panel--left"
              aria-label={intake ? t('intake.heading') : t('incidents.heading')}
            >
              {intake ? (
                <IntakePanel purgeHours={settings.purgeReporterAfterHours} />
              ) : (
                <BoardPanel verificationOverdueMinutes={settings.verificationOverdueMinutes} />
              )}
            </aside>
            <main className="map-area">
              <MapArea settings={settings} />
            </main>
            <aside className="panel panel--right" aria-label={t('responders.heading')}>
              <RespondersPanel />
            </aside>
          </div>
        </AssignProvider>
      </ShiftGate>
      <StatusBar
        relay={session.relay}
        dispatcherName={dispatcherName}
        deviceId={session.data?.deviceId}
        openIncidents={openIncidents.data?.total}
        connected={connected}
      />
      <p className="visually-hidden" role="status" data-testid="announcer">
        {announcement}
      </p>
      <MergeStep />
      <MapPackDrop />
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
