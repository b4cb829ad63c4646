import { useEffect, useMemo, useState } from 'react';
import L from 'leaflet';
import { useMap, useMapEvents } from 'react-leaflet';
import { PLACES, type Place } from '../../../../shared/geo/places';
import { escapeHtml } from './escapeHtml';

/** Villages and neighborhoods appear from this zoom on; towns always; ZIP areas never. */
export const VILLAGE_LABEL_MIN_ZOOM = 11;
const TOWN_FULL_SIZE_ZOOM = 10;

function labelMarker(place: Place, className: string): L.Marker {
  return L.marker([place.lat, place.lon], {
    pane: 'labels',
    interactive: false,
    keyboard: false,
    icon: L.divIcon({
      className,
      html: `<span>${escapeHtml(place.name)}</span>`,
      iconSize: undefined,
    }),
  });
}

/** Town (and, zoomed in, village) names from the offline gazetteer: a map that needs no network. */
export function PlaceLabels() {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  const showVillages = zoom >= VILLAGE_LABEL_MIN_ZOOM;

  const towns = useMemo(
    () =>
      L.layerGroup(
        PLACES.filter((p) => p.kind === 'town').map((p) => labelMarker(p, 'town-label')),
      ),
    [],
  );
  const villages = useMemo(
    () =>
      L.layerGroup(
        PLACES.filter((p) => p.kind === 'village' || p.kind === 'neighborhood').map((p) =>
          labelMarker(p, 'village-label'),
        ),
      ),
    [],
  );

  // Zoomed out, town names shrink a little so the valley stays readable.
  useEffect(() => {
    map.getContainer().classList.toggle('map--zoomed-out', zoom < TOWN_FULL_SIZE_ZOOM);
  }, [map, zoom]);

  useEffect(() => {
    towns.addTo(map);
    return () => {
      towns.remove();
    };
  }, [map, towns]);

  useEffect(() => {
    if (!showVillages) return;
    villages.addTo(map);
    return () => {
      villages.remove();
    };
  }, [map, villages, showVillages]);

  return null;
}
