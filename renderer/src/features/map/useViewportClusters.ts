import { useEffect, useMemo, useState } from 'react';
import Supercluster, { type PointFeature } from 'supercluster';
import type L from 'leaflet';
import { useMap } from 'react-leaflet';

export interface PointItem {
  id: string;
  lat: number;
  lon: number;
}

/** Points by position 0..length-1, read where they lie (objects or columns alike). */
export interface PointSource {
  length: number;
  lat(k: number): number;
  lon(k: number): number;
}

export interface ClusterView {
  /** Cluster id in the index (for its leaves and expansion zoom). */
  clusterId: number;
  lat: number;
  lon: number;
  count: number;
}

export interface ViewportClusters {
  clusters: ClusterView[];
  /** Positions in the source of the points that stand alone in view. */
  points: number[];
  index: Supercluster<{ i: number }>;
}

/** Above this zoom nothing clusters: the points that are left share a spot and fan out. */
export const CLUSTER_MAX_ZOOM = 16;

/** A source over an array of items. */
export function itemSource(items: readonly PointItem[]): PointSource {
  return { length: items.length, lat: (k) => items[k]!.lat, lon: (k) => items[k]!.lon };
}

/**
 * One supercluster index over `source` and what of it lies in the map's view: clusters with
 * counts and the single points. The index is rebuilt only when the source changes; moving the
 * map only queries it (a few hundred results whatever the size), so a frame costs what is on
 * screen. Up to `clusterAbove` points nothing clusters.
 */
export function useViewportClusters(
  source: PointSource,
  radius: number,
  clusterAbove: number,
): ViewportClusters {
  const map = useMap();
  const index = useMemo(() => {
    const built = new Supercluster<{ i: number }>({ radius, maxZoom: CLUSTER_MAX_ZOOM });
    const features = new Array<PointFeature<{ i: number }>>(source.length);
    for (let k = 0; k < source.length; k++)
      features[k] = {
        type: 'Feature',
        properties: { i: k },
        geometry: { type: 'Point', coordinates: [source.lon(k), source.lat(k)] },
      };
    built.load(features);
    return built;
  }, [source, radius]);
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
    if (source.length <= clusterAbove)
      return { clusters: [], points: Array.from({ length: source.length }, (_, k) => k), index };
    const clusters: ClusterView[] = [];
    const points: number[] = [];
    for (const f of index.getClusters(view.bbox, view.zoom)) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties as {
        cluster?: boolean;
        cluster_id?: number;
        point_count?: number;
        i?: number;
      };
      if (p.cluster) clusters.push({ clusterId: p.cluster_id!, lat, lon, count: p.point_count! });
      else points.push(p.i!);
    }
    return { clusters, points, index };
  }, [index, source, view, clusterAbove]);
}

function viewOf(map: L.Map): { bbox: [number, number, number, number]; zoom: number } {
  const b = map.getBounds().pad(0.2);
  return {
    bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    zoom: Math.floor(map.getZoom()),
  };
}

/** Positions in the source of the points inside a cluster (its leaves), at most `limit`. */
export function clusterLeaves(view: ViewportClusters, clusterId: number, limit = 50): number[] {
  return view.index.getLeaves(clusterId, limit).map((f) => f.properties.i);
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
