import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

export interface FocusRequest {
  lat: number;
  lon: number;
  /** Bumped on every request so asking for the same place twice pans again. */
  seq: number;
  /** Zoom in at least this far (picking a place for a new incident); panning only otherwise. */
  zoom?: number;
}

/**
 * Brings a point into view when the lists ask for it (selecting an incident or a responder).
 * A point already well inside the view stays put, so stepping through the list with the arrow
 * keys does not jerk the map around; anything near an edge or outside is panned to the center.
 */
export function FocusOnRequest({ request }: { request: FocusRequest | null }) {
  const map = useMap();
  useEffect(() => {
    if (!request) return;
    if (request.zoom !== undefined) {
      map.setView([request.lat, request.lon], Math.max(map.getZoom(), request.zoom), {
        animate: true,
      });
      return;
    }
    const inner = map.getBounds().pad(-0.15);
    if (inner.contains([request.lat, request.lon])) return;
    map.panTo([request.lat, request.lon], { animate: true, duration: 0.4 });
  }, [map, request]);
  return null;
}
