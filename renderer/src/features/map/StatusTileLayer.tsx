import { TileLayer } from 'react-leaflet';
import { escapeHtml } from './escapeHtml';

interface Props {
  url: string;
  attribution: string;
  onTilesFailed: () => void;
  onTilesLoaded: () => void;
}

/** The online street map on top of the offline base; reports when its tiles fail or load. */
export function StatusTileLayer({ url, attribution, onTilesFailed, onTilesLoaded }: Props) {
  return (
    <TileLayer
      key={url}
      url={url}
      // Settings are synced from other consoles: never let them inject HTML into the control.
      attribution={escapeHtml(attribution)}
      maxZoom={19}
      eventHandlers={{ tileerror: onTilesFailed, tileload: onTilesLoaded }}
    />
  );
}
