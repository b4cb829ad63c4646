import { useEffect, useMemo } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';

/**
 * A Leaflet layer group on the map for as long as the calling component is mounted. Overlays
 * that redraw many markers or lines clear and refill it rather than mounting one React element
 * per shape.
 */
export function useLayerGroup(): L.LayerGroup {
  const map = useMap();
  const group = useMemo(() => L.layerGroup(), []);
  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);
  return group;
}
