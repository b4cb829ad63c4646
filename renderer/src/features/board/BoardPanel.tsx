import { useCallback } from 'react';
import type { Incident } from '../../../../shared/api/schemas';
import type { BoardFilters, BoardScope } from './filters';
import { useActiveTeams } from '../assign/queries';
import { BriefingAction } from '../briefing/BriefingAction';
import { useConsoleDispatch, useConsoleState } from '../../shell/ConsoleStore';
import { IncidentDetails } from './IncidentDetails';
import { IncidentsPanel } from './IncidentsPanel';
import { useBoardFilter } from './queries';

/**
 * The left panel while no call is being taken: the board, the selected incident, its briefing.
 * With nothing selected the details shrink to one line, so the board gets the column.
 */
export function BoardPanel({ verificationOverdueMinutes }: { verificationOverdueMinutes: number }) {
  const { scope, filters, selectedIncidentId } = useConsoleState();
  const dispatch = useConsoleDispatch();
  const filter = useBoardFilter();
  const { teams } = useActiveTeams();
  const setScope = useCallback(
    (next: BoardScope) => dispatch({ type: 'setScope', scope: next }),
    [dispatch],
  );
  const setFilters = useCallback(
    (next: BoardFilters) => dispatch({ type: 'setFilters', filters: next }),
    [dispatch],
  );

  /** From the list: select it and show it on the map. */
  const showIncident = (incident: Incident) =>
    dispatch({
      type: 'selectIncident',
      id: incident.id,
      at: { lat: incident.location.lat, lon: incident.location.lon },
    });

  return (
    <>
      <IncidentsPanel
        scope={scope}
        onScopeChange={setScope}
        filters={filters}
        onFiltersChange={setFilters}
        filter={filter}
        selectedId={selectedIncidentId}
        onSelect={showIncident}
        onActivate={showIncident}
        verificationOverdueMinutes={verificationOverdueMinutes}
        teams={teams}
      />
      <IncidentDetails incidentId={selectedIncidentId} />
      {selectedIncidentId && <BriefingAction incidentId={selectedIncidentId} />}
    </>
  );
}
