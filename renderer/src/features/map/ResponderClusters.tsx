import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { MapResponderPoints } from '../../../../shared/api/map-points';
import { degrees } from './queries';
import { useBridge } from '../../api/BridgeProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { escapeHtml } from './escapeHtml';
import { keyedLayers, useLayerGroup } from './useLayerGroup';
import { useViewportClusters, type PointSource } from './useViewportClusters';

interface Props {
  points: MapResponderPoints;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Up to this many responders each is its own canvas dot at every zoom. */
const CLUSTER_RESPONDERS_ABOVE = 2000;

/**
 * Every active responder, clustered: counts on clusters, single people as canvas dots (the map
 * is created with preferCanvas). On call = filled, off duty = hollow, and the tooltip says which
 * in words; the name is fetched when a dot is pointed at, so the map needs only the points.
 */
export function ResponderClusters({ points, selectedId, onSelect }: Props) {
  const map = useMap();
  const { t } = useI18n();
  const { bridge } = useBridge();
  const group = useLayerGroup();
  const source = useMemo<PointSource>(
    () => ({
      length: points.ids.length,
      lat: (k) => degrees(points.lat[k]!),
      lon: (k) => degrees(points.lon[k]!),
    }),
    [points],
  );
  const view = useViewportClusters(source, 60, CLUSTER_RESPONDERS_ABOVE);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });

  const layers = useMemo(() => keyedLayers(group), [group]);
  // A new index (new points) or language: every marker is made again.
  useEffect(() => () => layers.reset(), [layers, view.index, t]);

  useEffect(() => {
    const wanted = new Map<string, () => L.Layer>();
    for (const cluster of view.clusters) {
      wanted.set(`c${cluster.clusterId}`, () => {
        const name = t('map.responderCluster', { count: cluster.count });
        const marker = L.marker([cluster.lat, cluster.lon], {
          icon: L.divIcon({
            className: 'responder-cluster',
            html: `<span aria-hidden="true">${cluster.count >= 1000 ? `${Math.round(cluster.count / 100) / 10}k` : cluster.count}</span>`,
            iconSize: [30, 30],
          }),
          title: name,
          keyboard: false,
          zIndexOffset: -1000,
        });
        marker.on('click', () =>
          map.flyTo(
            [cluster.lat, cluster.lon],
            Math.min(view.index.getClusterExpansionZoom(cluster.clusterId), map.getMaxZoom()),
            { duration: 0.3 },
          ),
        );
        return marker;
      });
    }
    for (const k of view.points) {
      const selected = points.ids[k] === selectedId;
      wanted.set(`${selected ? 's' : 'd'}${k}`, () => responderDot(k, selected));
    }
    layers.show(wanted);

    function responderDot(k: number, selected: boolean): L.Layer {
      const id = points.ids[k]!;
      const onCall = points.onCall[k] === '1';
      const dot = L.circleMarker([source.lat(k), source.lon(k)], {
        radius: selected ? 8 : 4,
        weight: selected ? 3 : 1.5,
        color: selected ? '#1d3557' : '#2a6f4e',
        fillColor: '#2a6f4e',
        fillOpacity: onCall ? 0.9 : 0.15,
      });
      const duty = onCall ? t('responders.onCall') : t('responders.offDuty');
      dot.bindTooltip(escapeHtml(duty));
      dot.once('mouseover', () => {
        void bridge.api.getResponder({ id }).then((result) => {
          if (!result.ok) return;
          const who = t('map.responderMarker', {
            name: result.value.name,
            town: result.value.homeTown,
          });
          dot.setTooltipContent(escapeHtml(`${who} (${duty})`));
        });
      });
      dot.on('click', () => select.current(id));
      if (selected) dot.on('add', () => dot.bringToFront());
      return dot;
    }
  }, [view, points, source, selectedId, layers, t, map, bridge]);

  return null;
}
