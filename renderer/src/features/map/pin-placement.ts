/**
 * "Place on map" from the intake form: the map's pick pin takes the keyboard focus (placed at the
 * map's centre when the call has no point yet), and gives it back to `returnTo` on Enter or Escape.
 */
type Listener = (returnTo: HTMLElement | null) => void;
const listeners = new Set<Listener>();

export function requestPinPlacement(returnTo: HTMLElement | null): void {
  for (const listener of listeners) listener(returnTo);
}

export function onPinPlacementRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
