import { useEffect, useMemo, useState } from 'react';
import Supercluster from 'supercluster';
import type L from 'leaflet';
import { useMap } from 'react-leaflet';

export interface PointItem {
  id: string;
  lat: number;
  lon: number;
}

export interface ClusterView {
  /** Cluster id in the index (for its leaves and expansion zoom). */
  clusterId: number;
  lat: number;
  lon: number;
  count: number;
}

export interface ViewportClusters<T extends PointItem> {
  clusters: ClusterView[];
  points: T[];
  index: Supercluster<{ i: number }>;
  items: readonly T[];
}

/** Above this zoom nothing clusters: the points that are left share a spot and fan out. */
export const CLUSTER_MAX_ZOOM = 16;

/**
 * One supercluster index over `items` and what of it lies in the map's view: clusters with
 * counts and the single points. The index is rebuilt only when the items change; moving the map
 * only queries it (a few hundred results whatever the size), so a frame costs what is on screen.
 * Up to `clusterAbove` items nothing clusters.
 */
export function useViewportClusters<T extends PointItem>(
  items: readonly T[],
  radius: number,
  clusterAbove: number,
): ViewportClusters<T> {
  const map = useMap();
  const index = useMemo(() => {
    const built = new Supercluster<{ i: number }>({ radius, maxZoom: CLUSTER_MAX_ZOOM });
    built.load(
      items.map((item, i) => ({
        type: 'Feature' as const,
        properties: { i },
        geometry: { type: 'Point' as const, coordinates: [item.lon, item.lat] },
      })),
    );
    return built;
  }, [items, radius]);
  const [view, setView] = useState(() => viewOf(map));
  useEffect(() => {
    const update = () => setView(viewOf(map));
    map.on('moveend zoomend', update);
    return () => {
      map.off('moveend zoomend', update);
    };
  }, [map]);

  return useMemo(() => {
    // A network this small shows every point as itself (stable markers, a short Tab order).
    if (items.length <= clusterAbove) return { clusters: [], points: [...items], index, items };
    const clusters: ClusterView[] = [];
    const points: T[] = [];
    for (const f of index.getClusters(view.bbox, view.zoom)) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties as {
        cluster?: boolean;
        cluster_id?: number;
        point_count?: number;
        i?: number;
      };
      if (p.cluster) clusters.push({ clusterId: p.cluster_id!, lat, lon, count: p.point_count! });
      else points.push(items[p.i!]!);
    }
    return { clusters, points, index, items };
  }, [index, items, view, clusterAbove]);
}

function viewOf(map: L.Map): { bbox: [number, number, number, number]; zoom: number } {
  const b = map.getBounds().pad(0.2);
  return {
    bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    zoom: Math.floor(map.getZoom()),
  };
}

/** The items inside a cluster (its leaves), at most `limit`. */
export function clusterLeaves<T extends PointItem>(
  view: ViewportClusters<T>,
  clusterId: number,
  limit = 50,
): T[] {
  return view.index.getLeaves(clusterId, limit).map((f) => view.items[f.properties.i]!);
}

/**
 * Points that sit on the same spot on screen, spread on a small circle around it so each can be
 * seen, pointed at and dropped on. Returns display positions by id (points alone keep theirs).
 */
export function fanOut<T extends PointItem>(map: L.Map, points: readonly T[], spreadPx = 22) {
  const groups = new Map<string, T[]>();
  for (const p of points) {
    const at = map.latLngToLayerPoint([p.lat, p.lon]);
    const key = `${Math.round(at.x / 6)}:${Math.round(at.y / 6)}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const positions = new Map<string, { lat: number; lon: number }>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const centre = map.latLngToLayerPoint([group[0]!.lat, group[0]!.lon]);
    const ring = Math.max(spreadPx, (group.length * spreadPx) / (2 * Math.PI));
    group.forEach((p, k) => {
      const angle = (2 * Math.PI * k) / group.length;
      const at = map.layerPointToLatLng([
        centre.x + ring * Math.cos(angle),
        centre.y + ring * Math.sin(angle),
      ]);
      positions.set(p.id, { lat: at.lat, lon: at.lng });
    });
  }
  return positions;
}
