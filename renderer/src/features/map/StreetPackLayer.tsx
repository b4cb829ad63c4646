import { useEffect } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import {
  LineLabelSymbolizer,
  LineSymbolizer,
  PolygonSymbolizer,
  leafletLayer,
  type LabelRule,
  type PaintRule,
} from 'protomaps-leaflet';
import type { MapPackStatus } from '../../../../shared/api/map-pack';
import { escapeHtml } from './escapeHtml';
import { useMapPackStatus } from './map-pack-status';

/** Road and water layers under both naming schemes packs use (Protomaps, OpenMapTiles). */
const ROAD_LAYERS = ['roads', 'transportation'];
const ROAD_NAME_LAYERS = ['roads', 'transportation_name', 'transportation'];

const roadWidth = (z: number) => (z >= 16 ? 5 : z >= 14 ? 3 : z >= 12 ? 1.5 : 0.8);

const PAINT_RULES: PaintRule[] = [
  {
    dataLayer: 'water',
    symbolizer: new PolygonSymbolizer({ fill: '#b7d0e4', opacity: 0.9 }),
  },
  ...ROAD_LAYERS.flatMap((dataLayer): PaintRule[] => [
    {
      dataLayer,
      symbolizer: new LineSymbolizer({ color: '#8a8f98', width: (z) => roadWidth(z) + 1.5 }),
    },
    { dataLayer, symbolizer: new LineSymbolizer({ color: '#ffffff', width: roadWidth }) },
  ]),
];

const LABEL_RULES: LabelRule[] = ROAD_NAME_LAYERS.map((dataLayer) => ({
  dataLayer,
  minzoom: 14,
  symbolizer: new LineLabelSymbolizer({
    labelProps: ['name'],
    fill: '#2b2f36',
    stroke: '#ffffff',
    width: 2,
    font: '600 12px sans-serif',
  }),
}));

/** Where the console serves its installed pack: same origin, with the browser-mode token. */
function packUrl(status: NonNullable<MapPackStatus['installed']>): string {
  const token = new URLSearchParams(window.location.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return status.format === 'pmtiles'
    ? `/${status.path}${query}`
    : `/map-pack/tiles/{z}/{x}/{y}.mvt${query}`;
}

/**
 * The installed offline street pack, drawn with protomaps-leaflet beneath the online tiles:
 * when those load they cover it, when they cannot (offline) the streets show through. Draws
 * nothing when no pack is installed.
 */
export function StreetPackLayer() {
  const map = useMap();
  const status = useMapPackStatus();

  useEffect(() => {
    if (!status) return;
    // protomaps-leaflet extends the global Leaflet (L.GridLayer); the bundle imports it as a module.
    (window as unknown as { L: typeof L }).L = L;
    const [west, south, east, north] = status.bounds;
    const layer = leafletLayer({
      url: packUrl(status),
      maxDataZoom: status.maxZoom,
      paintRules: PAINT_RULES,
      labelRules: LABEL_RULES,
      backgroundColor: 'transparent',
      bounds: [
        [south, west],
        [north, east],
      ],
      // From the imported file: text only, never markup.
      attribution: escapeHtml(status.attribution || 'Street pack'),
      zIndex: 0,
      className: 'street-pack-layer',
    }) as unknown as L.GridLayer;
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, status]);

  return null;
}
