import { useMemo } from 'react';
import {
  MAP_COORDINATE_SCALE,
  type MapIncidentPoint,
  type MapResponderPoints,
} from '../../../../shared/api/map-points';
import type {
  IncidentStatus,
  IncidentType,
  TriageLevel,
} from '../../../../shared/domain/vocabulary';
import { useQuery } from '../../lib/useQuery';
import { useConsoleState } from '../../shell/ConsoleStore';
import { boardListInput } from '../board/filters';

/** An incident as the map draws it: where, what, how urgent, and the place it names. */
export interface MapIncident {
  id: string;
  type: IncidentType;
  status: IncidentStatus;
  triage: TriageLevel;
  location: { lat: number; lon: number; text: string; town: string | null };
}

const NONE: MapIncident[] = [];

function fromPoint([
  id,
  lat,
  lon,
  type,
  status,
  triage,
  text,
  town,
]: MapIncidentPoint): MapIncident {
  return { id, type, status, triage, location: { lat, lon, text, town } };
}

/** Every incident the board's filters match (the board's page length does not apply). */
export function useMapIncidents(): readonly MapIncident[] {
  const { scope, filters } = useConsoleState();
  const { limit: _pageLength, ...input } = boardListInput(scope, filters);
  const points = useQuery('listMapIncidents', input, ['incident']).data;
  return useMemo(() => (points ? points.map(fromPoint) : NONE), [points]);
}

/** Every active responder as map points, in columns (see MapResponderPoints). */
export function useMapResponders(): MapResponderPoints | undefined {
  return useQuery('listMapResponders', {}, ['responder']).data;
}

/** Degrees from the whole numbers responder points travel in. */
export const degrees = (scaled: number) => scaled / MAP_COORDINATE_SCALE;

/** Home points by responder id (for lines to assigned people); empty while none is needed. */
export function useResponderHomes(
  points: MapResponderPoints | undefined,
  wanted: boolean,
): ReadonlyMap<string, { homeLat: number; homeLon: number }> {
  return useMemo(() => {
    const homes = new Map<string, { homeLat: number; homeLon: number }>();
    if (!points || !wanted) return homes;
    points.ids.forEach((id, k) =>
      homes.set(id, { homeLat: degrees(points.lat[k]!), homeLon: degrees(points.lon[k]!) }),
    );
    return homes;
  }, [points, wanted]);
}
