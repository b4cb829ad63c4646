import { useEffect } from 'react';
import { useMap } from 'react-leaflet';

/** Tells Leaflet when its container changes size (the intake form widens the left panel). */
export function ResizeWatcher() {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(container);
    return () => observer.disconnect();
  }, [map]);
  return null;
}
