import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { TYPE_GLYPHS, incidentMarkerName } from '../../lib/format-incident';
import { useI18n } from '../../i18n/I18nProvider';
import { escapeHtml } from './escapeHtml';
import type { MapIncident } from './queries';
import { useLayerGroup } from './useLayerGroup';

interface Props {
  incidents: readonly MapIncident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Incidents with a team member whose check-in is overdue: the label says so. */
  overdueIds?: ReadonlySet<string>;
  /** Drag-to-assign: native listeners put on each marker's element. */
  drop?: MarkerDropHandlers;
}

export interface MarkerDropHandlers {
  dragOver: (event: Event, incidentId: string) => void;
  dragLeave: (event: Event, incidentId: string) => void;
  drop: (event: Event, incidentId: string) => void;
}

function showSelection(marker: L.Marker, selected: boolean): void {
  marker.setZIndexOffset(selected ? 10_000 : 0);
  const el = marker.getElement();
  el?.classList.toggle('is-selected', selected);
  el?.setAttribute('aria-pressed', String(selected));
}

interface Entry {
  marker: L.Marker;
  signature: string;
}

/**
 * Incident markers: a text badge (type glyph + status abbreviation) with an accessible name like
 * "Home raid - New - Holyoke". Markers are kept by id and only rebuilt when their look changes,
 * so a refetch of thousands of incidents does not churn the DOM.
 */
export function IncidentMarkers({ incidents, selectedId, onSelect, overdueIds, drop }: Props) {
  const i18n = useI18n();
  const group = useLayerGroup();
  const entries = useRef(new Map<string, Entry>());
  const selectedRef = useRef(selectedId);
  const select = useRef(onSelect);
  const dropRef = useRef(drop);
  useEffect(() => {
    select.current = onSelect;
    dropRef.current = drop;
  });

  useEffect(() => {
    const seen = new Set<string>();
    for (const incident of incidents) {
      seen.add(incident.id);
      const overdue = overdueIds?.has(incident.id) ?? false;
      const baseName = incidentMarkerName(i18n, incident);
      const short = i18n.label('statusShort', incident.status);
      // The marker's visible letters end its name (label in name: what is seen is what is said).
      const named = `${baseName}, ${short}`;
      const name = overdue ? i18n.t('map.checkInOverdueName', { name: named }) : named;
      const signature = [
        incident.triage,
        incident.location.lat,
        incident.location.lon,
        name,
        short,
        overdue,
      ].join('|');
      const existing = entries.current.get(incident.id);
      if (existing?.signature === signature) continue;
      existing?.marker.remove();

      const className = [
        'incident-marker',
        `incident-marker--${incident.status}`,
        `incident-marker--triage-${incident.triage}`,
        ...(overdue ? ['incident-marker--checkin-overdue'] : []),
      ].join(' ');
      const html =
        `<span class="incident-marker__label">` +
        `<span class="incident-marker__glyph" aria-hidden="true">${TYPE_GLYPHS[incident.type]}</span>` +
        `<span class="incident-marker__status" aria-hidden="true">${escapeHtml(short)}</span>` +
        (overdue
          ? `<span class="incident-marker__overdue" aria-hidden="true">${escapeHtml(i18n.t('map.checkInOverdue'))}</span>`
          : '') +
        `</span>`;
      const marker = L.marker([incident.location.lat, incident.location.lon], {
        icon: L.divIcon({ className, html, iconSize: undefined }),
        title: name,
        keyboard: true,
        riseOnHover: true,
      });
      marker.on('add', () => {
        const el = marker.getElement();
        el?.setAttribute('aria-label', name);
        // Out of the Tab order: the board list is the keyboard path to the same incidents.
        el?.setAttribute('tabindex', '-1');
        el?.setAttribute('data-incident-id', incident.id);
        // Drop target for drag-to-assign (HTML5 DnD events reach the divIcon element).
        if (el && !el.dataset.dropReady) {
          el.dataset.dropReady = 'true';
          const id = incident.id;
          el.addEventListener('dragenter', (e) => dropRef.current?.dragOver(e, id));
          el.addEventListener('dragover', (e) => dropRef.current?.dragOver(e, id));
          el.addEventListener('dragleave', (e) => dropRef.current?.dragLeave(e, id));
          el.addEventListener('drop', (e) => dropRef.current?.drop(e, id));
        }
        showSelection(marker, incident.id === selectedRef.current);
      });
      marker.on('click', () => select.current(incident.id));
      // Markers are buttons (focusable from script, not by Tab); Enter or Space selects.
      marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
        if (e.originalEvent.key !== 'Enter' && e.originalEvent.key !== ' ') return;
        e.originalEvent.preventDefault();
        select.current(incident.id);
      });
      marker.addTo(group);
      entries.current.set(incident.id, { marker, signature });
    }
    for (const [id, entry] of entries.current) {
      if (seen.has(id)) continue;
      entry.marker.remove();
      entries.current.delete(id);
    }
  }, [incidents, i18n, group, overdueIds]);

  // Selection only restyles the markers involved (no rebuild), so keyboard focus stays put.
  useEffect(() => {
    const previous = selectedRef.current;
    selectedRef.current = selectedId;
    if (previous && previous !== selectedId) {
      const entry = entries.current.get(previous);
      if (entry) showSelection(entry.marker, false);
    }
    const entry = selectedId ? entries.current.get(selectedId) : undefined;
    if (entry) showSelection(entry.marker, true);
  }, [selectedId, incidents]);

  return null;
}
