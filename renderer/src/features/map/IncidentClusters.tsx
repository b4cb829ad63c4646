import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import { useI18n } from '../../i18n/I18nProvider';
import { IncidentMarkers, type MarkerDropHandlers } from './IncidentMarkers';
import type { MapIncident } from './queries';
import { keyedLayers, useLayerGroup } from './useLayerGroup';
import {
  clusterLeaves,
  fanOut,
  itemSource,
  useViewportClusters,
  type ClusterView,
  type PointItem,
} from './useViewportClusters';

export interface ClusterDropHandlers extends MarkerDropHandlers {
  /** A responder dropped on a cluster of incidents: ask which one of `incidentIds`. */
  dropOnMany?: (event: Event, incidentIds: string[]) => void;
}

interface Props {
  incidents: readonly MapIncident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  overdueIds?: ReadonlySet<string>;
  drop?: ClusterDropHandlers;
}

type IncidentPoint = PointItem & { incident: MapIncident };

/** Up to this many incidents each is its own labelled marker at every zoom. */
const CLUSTER_INCIDENTS_ABOVE = 300;

/**
 * Incidents in an index of their own (never inside responder clusters): clusters are badges
 * with a count that zoom in when chosen and take drops; the incidents that stand alone in view
 * are the labelled markers, co-located ones fanned out around their spot. The selected incident
 * always shows as itself.
 */
export function IncidentClusters({ incidents, selectedId, onSelect, overdueIds, drop }: Props) {
  const map = useMap();
  const i18n = useI18n();
  const group = useLayerGroup();
  const items = useMemo<IncidentPoint[]>(
    () =>
      incidents.map((incident) => ({
        id: incident.id,
        lat: incident.location.lat,
        lon: incident.location.lon,
        incident,
      })),
    [incidents],
  );
  const source = useMemo(() => itemSource(items), [items]);
  const view = useViewportClusters(source, 50, CLUSTER_INCIDENTS_ABOVE);
  const dropRef = useRef(drop);
  const viewRef = useRef(view);
  const itemsRef = useRef(items);
  useEffect(() => {
    dropRef.current = drop;
    viewRef.current = view;
    itemsRef.current = items;
  });

  const shown = useMemo(() => {
    const alone = view.points.map((k) => items[k]!);
    const selected = selectedId ? items.find((p) => p.id === selectedId) : undefined;
    const all = selected && !alone.includes(selected) ? [...alone, selected] : alone;
    const moved = fanOut(map, all);
    return all.map((p) => {
      const at = moved.get(p.id);
      return at ? { ...p.incident, location: { ...p.incident.location, ...at } } : p.incident;
    });
  }, [view, items, selectedId, map]);

  const layers = useMemo(() => keyedLayers(group), [group]);
  // A new index (new incidents) or language: every cluster badge is made again.
  useEffect(() => () => layers.reset(), [layers, view.index, i18n]);

  useEffect(() => {
    layers.show(new Map(view.clusters.map((c) => [`c${c.clusterId}`, () => clusterMarker(c)])));
    function clusterMarker(cluster: ClusterView): L.Marker {
      const name = i18n.t('map.incidentCluster', { count: cluster.count });
      const marker = L.marker([cluster.lat, cluster.lon], {
        icon: L.divIcon({
          className: 'incident-cluster',
          html: `<span class="incident-cluster__count" aria-hidden="true">${cluster.count}</span>`,
          iconSize: [34, 34],
        }),
        title: name,
        keyboard: true,
      });
      const leaves = () =>
        clusterLeaves(viewRef.current, cluster.clusterId).map((k) => itemsRef.current[k]!.id);
      const zoomIn = () =>
        map.flyTo(
          [cluster.lat, cluster.lon],
          Math.min(view.index.getClusterExpansionZoom(cluster.clusterId), map.getMaxZoom()),
          { duration: 0.3 },
        );
      marker.on('add', () => {
        const el = marker.getElement();
        if (!el) return;
        el.setAttribute('aria-label', name);
        el.dataset.clusterCount = String(cluster.count);
        el.addEventListener('dragenter', (e) => dropRef.current?.dragOver(e, leaves()[0]!));
        el.addEventListener('dragover', (e) => dropRef.current?.dragOver(e, leaves()[0]!));
        el.addEventListener('dragleave', (e) => dropRef.current?.dragLeave(e, leaves()[0]!));
        el.addEventListener('drop', (e) => {
          const ids = leaves();
          if (dropRef.current?.dropOnMany) dropRef.current.dropOnMany(e, ids);
          else dropRef.current?.drop(e, ids[0]!);
        });
      });
      marker.on('click', zoomIn);
      marker.on('keypress', (e: L.LeafletKeyboardEvent) => {
        if (e.originalEvent.key !== 'Enter' && e.originalEvent.key !== ' ') return;
        e.originalEvent.preventDefault();
        zoomIn();
      });
      return marker;
    }
  }, [view, layers, i18n, map]);

  return (
    <IncidentMarkers
      incidents={shown}
      selectedId={selectedId}
      onSelect={onSelect}
      {...(overdueIds ? { overdueIds } : {})}
      {...(drop ? { drop } : {})}
    />
  );
}
