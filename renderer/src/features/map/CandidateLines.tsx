import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import { useI18n } from '../../i18n/I18nProvider';
import { escapeHtml } from './escapeHtml';
import { useLayerGroup } from './useLayerGroup';

export interface CandidateOverlay {
  /** Changes when another incident or role is shown (the map then fits them into view). */
  key: string;
  incident: { lat: number; lon: number };
  candidates: readonly OverlayPerson[];
  busy: readonly OverlayPerson[];
  unavailable: readonly OverlayPerson[];
}

export interface OverlayPerson {
  responderId: string;
  name: string;
  homeTown: string;
  homeLat: number;
  homeLon: number;
  travelMinutes: number;
}

type Kind = 'candidate' | 'busy' | 'unavailable';
interface Point {
  lat: number;
  lon: number;
  town: string;
  people: { person: OverlayPerson; kind: Kind; rank: number | null }[];
}

const STYLE: Record<Kind, { color: string; dashArray?: string; fillOpacity: number }> = {
  candidate: { color: '#1f5f99', fillOpacity: 0.9 },
  busy: { color: '#9a5b00', dashArray: '8 6', fillOpacity: 0.35 },
  unavailable: { color: '#6b7280', dashArray: '2 6', fillOpacity: 0 },
};

/** How many of the best-ranked candidates carry a label on the map without a hover. */
const LABELLED_CANDIDATES = 3;

/**
 * The selected incident's candidates on the map: a travel line from each home point (a coarse
 * town point, so people of one town share it) to the incident, labelled with rank and name.
 * Busy people get dashed lines, off-duty people dotted ones and hollow dots, and every label
 * and tooltip says so in words: the color only repeats it.
 */
export function CandidateLines({ overlay }: { overlay: CandidateOverlay | null }) {
  const map = useMap();
  const { t } = useI18n();
  const group = useLayerGroup();
  const fittedKey = useRef<string | null>(null);

  useEffect(() => {
    group.clearLayers();
    if (!overlay) {
      fittedKey.current = null;
      return;
    }
    const points = new Map<string, Point>();
    const add = (person: OverlayPerson, kind: Kind, rank: number | null) => {
      const key = `${person.homeLat.toFixed(4)},${person.homeLon.toFixed(4)}`;
      let point = points.get(key);
      if (!point) {
        point = { lat: person.homeLat, lon: person.homeLon, town: person.homeTown, people: [] };
        points.set(key, point);
      }
      point.people.push({ person, kind, rank });
    };
    overlay.candidates.forEach((p, i) => add(p, 'candidate', i + 1));
    overlay.busy.forEach((p) => add(p, 'busy', null));
    overlay.unavailable.forEach((p) => add(p, 'unavailable', null));

    const describe = (e: Point['people'][number]) =>
      e.kind === 'candidate'
        ? t('map.candidateRank', { rank: e.rank ?? 0, name: e.person.name })
        : e.kind === 'busy'
          ? t('map.candidateBusy', { name: e.person.name })
          : t('map.candidateOffDuty', { name: e.person.name });

    const bounds = L.latLngBounds([[overlay.incident.lat, overlay.incident.lon]]);
    // Off duty first, candidates last: the most useful lines are drawn on top.
    const ordered = [...points.values()].sort((a, b) => best(b) - best(a));
    for (const point of ordered) {
      const kind = kindOf(point);
      const style = STYLE[kind];
      const minutes = Math.round(Math.min(...point.people.map((e) => e.person.travelMinutes)));
      L.polyline(
        [
          [point.lat, point.lon],
          [overlay.incident.lat, overlay.incident.lon],
        ],
        {
          color: style.color,
          weight: kind === 'candidate' ? 3 : 2,
          opacity: kind === 'candidate' ? 0.85 : 0.7,
          ...(style.dashArray ? { dashArray: style.dashArray } : {}),
          interactive: false,
        },
      ).addTo(group);
      const dot = L.circleMarker([point.lat, point.lon], {
        radius: 7,
        weight: 2,
        color: style.color,
        fillColor: style.color,
        fillOpacity: style.fillOpacity,
      });
      const names = point.people.map(describe);
      const shown =
        names.slice(0, 3).join(', ') + (names.length > 3 ? ` +${names.length - 3}` : '');
      // The top few candidates are labelled on the map (twenty labels would hide each other and
      // the map); everyone else says who they are on hover. The panel lists all of them.
      const top = point.people.some(
        (e) => e.kind === 'candidate' && (e.rank ?? Infinity) <= LABELLED_CANDIDATES,
      );
      dot.bindTooltip(
        escapeHtml(`${shown} · ${t('map.candidateMinutes', { minutes, town: point.town })}`),
        {
          permanent: top,
          // People living at the incident's own town point: label to the left, clear of it.
          ...(Math.abs(point.lat - overlay.incident.lat) < 0.03 &&
          Math.abs(point.lon - overlay.incident.lon) < 0.04
            ? { direction: 'left' as const, offset: [-8, 0] as [number, number] }
            : { direction: 'right' as const, offset: [8, 0] as [number, number] }),
          className: `candidate-label candidate-label--${kind}`,
        },
      );
      dot.addTo(group);
      bounds.extend([point.lat, point.lon]);
    }
    if (fittedKey.current !== overlay.key && points.size > 0) {
      fittedKey.current = overlay.key;
      map.fitBounds(bounds.pad(0.15), { maxZoom: 12, animate: false });
    }
  }, [overlay, group, map, t]);

  return null;
}

const RANK: Record<Kind, number> = { candidate: 0, busy: 1, unavailable: 2 };
const best = (p: Point) => Math.min(...p.people.map((e) => RANK[e.kind]));
const kindOf = (p: Point): Kind => (['candidate', 'busy', 'unavailable'] as const)[best(p)]!;
