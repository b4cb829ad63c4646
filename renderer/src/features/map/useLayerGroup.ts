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

/**
 * Layers kept by key in `group`: `show` adds the wanted ones that are missing (made by their
 * factory) and removes the rest, so a pan that keeps most clusters in view touches only the
 * few that come and go. `reset` drops them all (the index or the language changed).
 */
export function keyedLayers(group: L.LayerGroup) {
  const shown = new Map<string, L.Layer>();
  return {
    show(wanted: Map<string, () => L.Layer>) {
      for (const [key, layer] of shown)
        if (!wanted.has(key)) {
          group.removeLayer(layer);
          shown.delete(key);
        }
      for (const [key, make] of wanted)
        if (!shown.has(key)) {
          const layer = make();
          shown.set(key, layer);
          group.addLayer(layer);
        }
    },
    reset() {
      for (const layer of shown.values()) group.removeLayer(layer);
      shown.clear();
    },
  };
}
