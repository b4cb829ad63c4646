/**
 * A small inline SVG map for printed pages, drawn from the OFFLINE data only: the county outlines
 * and the gazetteer's towns and villages around the meeting point. Street tiles are deliberately
 * not embedded: the page must be self-contained (no external resources, strict CSP, printable
 * offline) and a tile image would reveal the exact spot and the tile server's view of it. Text is
 * escaped; coordinates appear only as projected pixels.
 */
import countiesJson from '../geo/data/western-mass-counties.json';
import { PLACES } from '../geo/places';
import { escapeHtml } from './escape';

interface CountyFeature {
  properties: { name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}
const COUNTIES = (countiesJson as unknown as { features: CountyFeature[] }).features;

export interface MiniMapOptions {
  center: { lat: number; lon: number };
  /** 0 draws a pin at the point; otherwise a shaded circle of this radius (an area, not a spot). */
  radiusMeters: number;
  widthPx: number;
  heightPx: number;
  /** East-west span of the map, km. */
  spanKm?: number;
  /** Accessible title of the figure. */
  title: string;
  scaleLabel?: (km: number) => string;
}

const KM_PER_DEG_LAT = 110.57;

export function renderMiniMapSvg(options: MiniMapOptions): string {
  const { center, widthPx: w, heightPx: h } = options;
  const spanKm = options.spanKm ?? 14;
  const pxPerKm = w / spanKm;
  const kmPerDegLon = 111.32 * Math.cos((center.lat * Math.PI) / 180);
  const project = (lat: number, lon: number): [number, number] => [
    w / 2 + (lon - center.lon) * kmPerDegLon * pxPerKm,
    h / 2 - (lat - center.lat) * KM_PER_DEG_LAT * pxPerKm,
  ];
  const r1 = (n: number) => Math.round(n * 10) / 10;

  const rings: number[][][] = [];
  for (const f of COUNTIES) {
    if (f.geometry.type === 'Polygon') rings.push(...(f.geometry.coordinates as number[][][]));
    else for (const poly of f.geometry.coordinates as number[][][][]) rings.push(...poly);
  }
  const countyPaths = rings
    .map(
      (ring) =>
        'M' +
        ring
          .map(([lon, lat]) => project(lat!, lon!))
          .map(([x, y]) => `${r1(x)},${r1(y)}`)
          .join('L') +
        'Z',
    )
    .join('');

  const inside = (x: number, y: number, margin: number) =>
    x > margin && x < w - margin && y > margin && y < h - margin;
  const labels: string[] = [];
  const [cx, cy] = project(center.lat, center.lon);
  // Keep the marker clear: no label right on top of the meeting area.
  const taken: { x: number; y: number }[] = [{ x: cx - 20, y: cy }];
  const candidates = PLACES.filter(
    (p) => p.kind === 'town' || p.kind === 'village' || p.kind === 'neighborhood',
  )
    .map((p) => ({ p, xy: project(p.lat, p.lon) }))
    .filter(({ xy }) => inside(xy[0], xy[1], 6))
    .sort(
      (a, b) =>
        (a.p.kind === 'town' ? 0 : 1) - (b.p.kind === 'town' ? 0 : 1) ||
        (b.p.population ?? 0) - (a.p.population ?? 0),
    );
  for (const { p, xy } of candidates) {
    const [x, y] = xy;
    if (taken.some((t) => Math.abs(t.x - x) < 60 && Math.abs(t.y - y) < 13)) continue;
    if (taken.length >= 14) break;
    taken.push({ x, y });
    const town = p.kind === 'town';
    const anchor = x > w - 70 ? 'end' : 'start';
    const dx = anchor === 'end' ? -4 : 4;
    labels.push(
      `<circle cx="${r1(x)}" cy="${r1(y)}" r="${town ? 2.4 : 1.6}" fill="#333"/>` +
        `<text x="${r1(x + dx)}" y="${r1(y + 3)}" text-anchor="${anchor}" font-size="${town ? 10 : 8.5}" ` +
        `font-style="${town ? 'normal' : 'italic'}" fill="#222">${escapeHtml(p.name)}</text>`,
    );
  }

  // The place around the meeting area, named under the marker (bold), so the map orients.
  const home = candidates
    .map((c) => ({ ...c, d: Math.hypot(c.xy[0] - cx, c.xy[1] - cy) }))
    .sort((a, b) => a.d - b.d)[0];
  const markerR = Math.max(7, (options.radiusMeters / 1000) * pxPerKm);
  const homeLabel =
    home && home.d < 40
      ? `<text x="${r1(cx)}" y="${r1(cy + markerR + 12)}" text-anchor="middle" font-size="10.5" font-weight="bold" fill="#7a1f16" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeHtml(home.p.name)}</text>`
      : '';
  const marker =
    options.radiusMeters > 0
      ? `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="${r1(markerR)}" ` +
        `fill="#c0392b" fill-opacity="0.22" stroke="#c0392b" stroke-width="2" stroke-dasharray="4 3"/>` +
        `<circle cx="${r1(cx)}" cy="${r1(cy)}" r="2.5" fill="#c0392b"/>`
      : `<path d="M${r1(cx)},${r1(cy)} l-7,-16 a7.5,7.5 0 1 1 14,0 z" fill="#c0392b" stroke="#fff" stroke-width="1.2"/>` +
        `<circle cx="${r1(cx)}" cy="${r1(cy - 16)}" r="2.8" fill="#fff"/>`;

  const scaleKm = spanKm > 20 ? 5 : 2;
  const scalePx = scaleKm * pxPerKm;
  const scaleText = options.scaleLabel ? options.scaleLabel(scaleKm) : `${scaleKm} km`;
  const scale =
    `<g transform="translate(8,${h - 10})"><rect x="-3" y="-13" width="${r1(scalePx + 40)}" height="18" fill="#fff" fill-opacity="0.8"/>` +
    `<path d="M0,0 h${r1(scalePx)} M0,-4 v4 M${r1(scalePx)},-4 v4" stroke="#222" stroke-width="1.5" fill="none"/>` +
    `<text x="${r1(scalePx + 4)}" y="1" font-size="9" fill="#222">${escapeHtml(scaleText)}</text></g>`;
  const north = `<g transform="translate(${w - 14},16)"><path d="M0,-9 L5,5 L0,2 L-5,5 Z" fill="#222"/><text x="0" y="15" font-size="9" text-anchor="middle" fill="#222">N</text></g>`;

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="rb-map" role="img" viewBox="0 0 ${w} ${h}" ` +
    `width="${w}" height="${h}" font-family="Helvetica, Arial, sans-serif"><title>${escapeHtml(options.title)}</title>` +
    `<rect width="${w}" height="${h}" fill="#f4f1ea"/>` +
    `<path d="${countyPaths}" fill="#e6efe0" fill-rule="evenodd" stroke="#6b7b8c" stroke-width="1.4"/>` +
    labels.join('') +
    marker +
    homeLabel +
    scale +
    north +
    `<rect width="${w}" height="${h}" fill="none" stroke="#555" stroke-width="1"/></svg>`
  );
}
