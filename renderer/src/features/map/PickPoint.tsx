import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import { useMap, useMapEvents } from 'react-leaflet';

interface Props {
  /** The draft incident's point, or null before one is chosen. */
  point: { lat: number; lon: number } | null;
  /** A click on the map or the end of a pin drag. */
  onPick: (lat: number, lon: number) => void;
  label: string;
}

/**
 * While the intake form is open: a click on the map sets the incident's exact point, and the pin
 * can be dragged to refine it (Leaflet markers are keyboard-focusable; arrow keys pan the map).
 */
export function PickPoint({ point, onPick, label }: Props) {
  const map = useMap();
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  useMapEvents({
    click: (e) => pick.current(e.latlng.lat, e.latlng.lng),
  });

  const marker = useMemo(
    () =>
      L.marker([0, 0], {
        draggable: true,
        autoPan: true,
        keyboard: true,
        title: label,
        icon: L.divIcon({
          className: 'pick-pin',
          html: '<span class="pick-pin__head" aria-hidden="true">✚</span>',
          iconSize: [26, 26],
          iconAnchor: [13, 13],
        }),
      }),
    // The label changes with the language; the marker is rebuilt then (rare).
    [label],
  );

  useEffect(() => {
    const onDragEnd = () => {
      const at = marker.getLatLng();
      pick.current(at.lat, at.lng);
    };
    marker.on('dragend', onDragEnd);
    return () => {
      marker.off('dragend', onDragEnd);
      marker.remove();
    };
  }, [marker]);

  useEffect(() => {
    if (!point) {
      marker.remove();
      return;
    }
    marker.setLatLng([point.lat, point.lon]);
    if (!map.hasLayer(marker)) marker.addTo(map);
    marker.getElement()?.setAttribute('data-testid', 'pick-pin');
  }, [map, marker, point]);

  useEffect(() => {
    const container = map.getContainer();
    container.classList.add('map--picking');
    return () => container.classList.remove('map--picking');
  }, [map]);

  return null;
}
