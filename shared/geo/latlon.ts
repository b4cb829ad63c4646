/**
 * Parse pasted coordinates: "42.33, -72.67", "42.33,-72.67", "42.33 -72.67",
 * "42.3251° N, 72.6412° W", "N42.33 W72.67". Latitude comes first (the Google Maps and GPS app
 * habit). A hemisphere letter overrides the sign. Without letters at least one number must have
 * a decimal point, so "12 34" (likely a house number) is not taken for coordinates.
 */
const NUM = String.raw`([+-]?\d{1,3}(?:\.\d+)?)`;
const PART = String.raw`([NSEW])?\s*${NUM}\s*°?\s*([NSEW])?`;
const PATTERN = new RegExp(String.raw`^\s*${PART}\s*(?:,|;|\s)\s*${PART}\s*$`, 'i');

export function parseLatLon(text: string): { lat: number; lon: number } | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [, pre1, n1, post1, pre2, n2, post2] = m;
  if (n1 === undefined || n2 === undefined) return null;
  const h1 = (pre1 ?? post1)?.toUpperCase();
  const h2 = (pre2 ?? post2)?.toUpperCase();
  if ((pre1 && post1) || (pre2 && post2)) return null; // "N42.3N" is not a coordinate
  if (!h1 && !h2 && !n1.includes('.') && !n2.includes('.')) return null;
  // Letters, when given, must say latitude first: N/S then E/W.
  if (h1 && h1 !== 'N' && h1 !== 'S') return null;
  if (h2 && h2 !== 'E' && h2 !== 'W') return null;
  let lat = Number(n1);
  let lon = Number(n2);
  if (h1) lat = h1 === 'S' ? -Math.abs(lat) : Math.abs(lat);
  if (h2) lon = h2 === 'W' ? -Math.abs(lon) : Math.abs(lon);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}
