import { useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import { useMap, useMapEvents } from 'react-leaflet';
import { useBridge } from '../../api/BridgeProvider';
import { useT } from '../../i18n/I18nProvider';
import { useMapPackStatus } from './map-pack-status';
import { onPinPlacementRequest } from './pin-placement';

interface Props {
  /** The draft incident's point, or null before one is chosen. */
  point: { lat: number; lon: number } | null;
  /** A click on the map, the end of a pin drag, or a keyboard step. */
  onPick: (lat: number, lon: number) => void;
  label: string;
}

/** Screen pixels one arrow press moves the pin; Shift moves it farther. */
const STEP_PX = 10;
const LARGE_STEP_PX = 50;
/**
 * A step lands on a street within this share of the step's length: less than one step, so the
 * pin can still leave a street (one step away is out of reach), and more than half, so walking
 * towards a street never steps over it.
 */
const SNAP_SHARE = 0.6;

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/**
 * While the intake form is open: a click on the map sets the incident's exact point, and the pin
 * can be dragged to refine it. Without a mouse: the pin takes the focus ("Place on map" in the
 * form), arrow keys move it (Shift for larger steps), snapping to the nearest street of the
 * installed street pack, and Enter or Escape gives the focus back to the form.
 */
export function PickPoint({ point, onPick, label }: Props) {
  const map = useMap();
  const t = useT();
  const { bridge } = useBridge();
  const hasPack = useMapPackStatus() !== null;
  const [said, setSaid] = useState('');
  const pick = useRef(onPick);
  const at = useRef(point);
  const returnTo = useRef<HTMLElement | null>(null);
  const focusWhenShown = useRef(false);
  const stepSeq = useRef(0);
  useEffect(() => {
    pick.current = onPick;
    at.current = point;
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
        alt: label,
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
      const to = marker.getLatLng();
      pick.current(to.lat, to.lng);
    };
    marker.on('dragend', onDragEnd);
    return () => {
      marker.off('dragend', onDragEnd);
      marker.remove();
    };
  }, [marker]);

  // Keyboard steps, handled on the pin itself so the map does not pan instead.
  useEffect(() => {
    const step = async (event: KeyboardEvent) => {
      const from = at.current;
      const arrow = ARROWS[event.key];
      if (event.key === 'Enter' || event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        returnTo.current?.focus();
        return;
      }
      if (!arrow || !from) return;
      event.preventDefault();
      event.stopPropagation();
      const px = event.shiftKey ? LARGE_STEP_PX : STEP_PX;
      const zoom = map.getZoom();
      const start = map.project([from.lat, from.lon], zoom);
      const moved = map.unproject(start.add(L.point(arrow[0] * px, arrow[1] * px)), zoom);
      let to = { lat: moved.lat, lon: moved.lng };
      at.current = to;
      const seq = ++stepSeq.current;
      let street: { name: string; town: string } | null = null;
      if (hasPack) {
        const stepM = map.distance([from.lat, from.lon], moved);
        const radiusM = Math.min(500, Math.max(1, stepM * SNAP_SHARE));
        const r = await bridge.api.snapToStreet({ ...to, radiusM });
        // A later press already moved on from here.
        if (seq !== stepSeq.current) return;
        if (r.ok && r.value.street) {
          street = r.value.street;
          to = { lat: r.value.street.lat, lon: r.value.street.lon };
          at.current = to;
        }
      }
      pick.current(to.lat, to.lon);
      map.panInside([to.lat, to.lon], { padding: [40, 40] });
      setSaid(
        street
          ? t('map.pinOnStreet', { street: street.name, town: street.town })
          : t('map.pinAt', { lat: to.lat.toFixed(5), lon: to.lon.toFixed(5) }),
      );
    };
    const onKey = (event: KeyboardEvent) => void step(event);
    let element: HTMLElement | undefined;
    const attach = () => {
      element?.removeEventListener('keydown', onKey);
      element = marker.getElement();
      element?.addEventListener('keydown', onKey);
    };
    marker.on('add', attach);
    attach();
    return () => {
      marker.off('add', attach);
      element?.removeEventListener('keydown', onKey);
    };
  }, [marker, map, bridge, hasPack, t]);

  useEffect(
    () =>
      onPinPlacementRequest((from) => {
        returnTo.current = from;
        focusWhenShown.current = true;
        const current = at.current;
        if (!current) {
          const centre = map.getCenter();
          pick.current(centre.lat, centre.lng);
          return;
        }
        map.panInside([current.lat, current.lon], { padding: [40, 40] });
        marker.getElement()?.focus();
        focusWhenShown.current = false;
      }),
    [map, marker],
  );

  useEffect(() => {
    if (!point) {
      marker.remove();
      return;
    }
    marker.setLatLng([point.lat, point.lon]);
    if (!map.hasLayer(marker)) marker.addTo(map);
    const element = marker.getElement();
    element?.setAttribute('data-testid', 'pick-pin');
    // Where the pin stands, for tests and assistive tooling (the title says what it is).
    element?.setAttribute('data-lat', String(point.lat));
    element?.setAttribute('data-lon', String(point.lon));
    element?.setAttribute('aria-label', label);
    element?.setAttribute('aria-describedby', 'pick-pin-keys');
    if (focusWhenShown.current) {
      focusWhenShown.current = false;
      element?.focus();
    }
  }, [map, marker, point, label]);

  useEffect(() => {
    const container = map.getContainer();
    container.classList.add('map--picking');
    return () => container.classList.remove('map--picking');
  }, [map]);

  return (
    <>
      <p id="pick-pin-keys" className="visually-hidden">
        {t('map.pinKeysHint')}
      </p>
      <p className="visually-hidden" role="status" data-testid="pick-pin-status">
        {said}
      </p>
    </>
  );
}
