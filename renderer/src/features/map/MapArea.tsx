import { useCallback, useMemo, useState } from 'react';
import type { Settings } from '../../../../shared/domain/settings';
import { useConsoleDispatch, useConsoleState } from '../../shell/ConsoleStore';
import { useAssign } from '../assign/AssignProvider';
import { useActiveTeams } from '../assign/queries';
import { useMapIncidents, useMapResponders, useResponderHomes } from './queries';
import { MapView } from './MapView';
import { TileStatusBanner } from './TileStatusBanner';

/**
 * The map wired to the console: the board's incidents, the roster, active teams, the selection,
 * the intake's point while a call is taken, and drag-to-assign drops on incident markers.
 */
export function MapArea({ settings }: { settings: Pick<Settings, 'tileUrl' | 'tileAttribution'> }) {
  const state = useConsoleState();
  const dispatch = useConsoleDispatch();
  const incidents = useMapIncidents();
  const responderPoints = useMapResponders();
  const { assignments, overdueIncidentIds } = useActiveTeams();
  const responderHomes = useResponderHomes(responderPoints, assignments.length > 0);
  const { dragOver, dragLeave, drop, dropOnMany } = useAssign();
  const dropHandlers = useMemo(
    () => ({ dragOver, dragLeave, drop, dropOnMany }),
    [dragOver, dragLeave, drop, dropOnMany],
  );
  const [tiles, setTiles] = useState({ failed: false, dismissed: false });

  const onTilesFailed = useCallback(
    () => setTiles((s) => (s.failed ? s : { ...s, failed: true })),
    [],
  );
  const onTilesLoaded = useCallback(
    () => setTiles((s) => (s.failed ? { ...s, failed: false } : s)),
    [],
  );
  // Stable: the marker layers are rebuilt when their handlers change.
  const onSelectIncident = useCallback(
    (id: string) => dispatch({ type: 'selectIncident', id }),
    [dispatch],
  );
  const onSelectResponder = useCallback(
    (id: string) => dispatch({ type: 'selectResponder', id }),
    [dispatch],
  );
  const onPick = useCallback(
    (lat: number, lon: number) => dispatch({ type: 'pickIntakePoint', lat, lon }),
    [dispatch],
  );
  const intakeOpen = !!state.intake;
  const pickedPoint = state.intake?.location.picked ?? null;
  const picking = useMemo(
    () => (intakeOpen ? { point: pickedPoint, onPick } : null),
    [intakeOpen, pickedPoint, onPick],
  );

  return (
    <>
      {tiles.failed && !tiles.dismissed && (
        <TileStatusBanner onDismiss={() => setTiles((s) => ({ ...s, dismissed: true }))} />
      )}
      <MapView
        assignments={assignments}
        overdueIncidentIds={overdueIncidentIds}
        tileUrl={settings.tileUrl}
        tileAttribution={settings.tileAttribution}
        incidents={incidents}
        responderHomes={responderHomes}
        responderPoints={responderPoints}
        showResponders={state.showResponders}
        selectedIncidentId={state.selectedIncidentId}
        selectedResponderId={state.selectedResponderId}
        focus={state.focus}
        onSelectIncident={onSelectIncident}
        onSelectResponder={onSelectResponder}
        onTilesFailed={onTilesFailed}
        onTilesLoaded={onTilesLoaded}
        picking={picking}
        candidates={state.selectedIncidentId && !intakeOpen ? state.candidateOverlay : null}
        drop={dropHandlers}
      />
    </>
  );
}
