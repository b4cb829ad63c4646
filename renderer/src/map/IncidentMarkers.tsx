import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { Incident } from '../../../shared/api/schemas';
import { TYPE_GLYPHS, incidentMarkerName } from '../format/incident';
import { useI18n } from '../i18n/I18nProvider';
import { escapeHtml } from './escapeHtml';

interface Props {
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
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
export function IncidentMarkers({ incidents, selectedId, onSelect }: Props) {
  const map = useMap();
  const i18n = useI18n();
  const group = useMemo(() => L.layerGroup(), []);
  const entries = useRef(new Map<string, Entry>());
  const selectedRef = useRef(selectedId);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);

  useEffect(() => {
    const seen = new Set<string>();
    for (const incident of incidents) {
      seen.add(incident.id);
      const name = incidentMarkerName(i18n, incident);
      const short = i18n.label('statusShort', incident.status);
      const signature = [
        incident.updatedAt,
        incident.location.lat,
        incident.location.lon,
        name,
        short,
      ].join('|');
      const existing = entries.current.get(incident.id);
      if (existing?.signature === signature) continue;
      existing?.marker.remove();

      const className = [
        'incident-marker',
        `incident-marker--${incident.status}`,
        `incident-marker--triage-${incident.triage}`,
      ].join(' ');
      const html =
        `<span class="incident-marker__label">` +
        `<span class="incident-marker__glyph" aria-hidden="true">${TYPE_GLYPHS[incident.type]}</span>` +
        `<span class="incident-marker__status" aria-hidden="true">${escapeHtml(short)}</span></span>`;
      const marker = L.marker([incident.location.lat, incident.location.lon], {
        icon: L.divIcon({ className, html, iconSize: undefined }),
        title: name,
        keyboard: true,
        riseOnHover: true,
      });
      marker.on('add', () => {
        const el = marker.getElement();
        el?.setAttribute('aria-label', name);
        el?.setAttribute('data-incident-id', incident.id);
        showSelection(marker, incident.id === selectedRef.current);
      });
      marker.on('click', () => select.current(incident.id));
      // Markers are focusable buttons (Tab); Enter or Space selects like a click.
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
  }, [incidents, i18n, group]);

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
