/**
 * Points on street polylines: the nearest point of a line to a place, and where two streets
 * cross. Works in a local equirectangular projection (metres), which at town scale (a few km)
 * is accurate to well under a metre. Pure.
 */
import type { LatLon } from './distance';

/** [lon, lat] pairs, GeoJSON order. */
export type Polyline = ReadonlyArray<readonly [number, number]>;

const M_PER_DEG_LAT = 111_320;

interface Frame {
  lat0: number;
  mPerDegLon: number;
}

function frameAt(lat: number): Frame {
  return { lat0: lat, mPerDegLon: M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180) };
}

function toXY(f: Frame, lon: number, lat: number): [number, number] {
  return [lon * f.mPerDegLon, lat * M_PER_DEG_LAT];
}

function toLatLon(f: Frame, x: number, y: number): LatLon {
  return { lat: y / M_PER_DEG_LAT, lon: x / f.mPerDegLon };
}

export interface PointOnLine extends LatLon {
  /** Metres from the query point to the line. */
  distanceM: number;
}

/** The point of `line` nearest to `p`, or null for a line with no points. */
export function nearestPointOnLine(line: Polyline, p: LatLon): PointOnLine | null {
  const f = frameAt(p.lat);
  const [px, py] = toXY(f, p.lon, p.lat);
  let best: { x: number; y: number; d2: number } | null = null;
  const segments = Math.max(1, line.length - 1);
  for (let i = 0; i < segments && i < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1] ?? a;
    const [ax, ay] = toXY(f, a[0], a[1]);
    const [bx, by] = toXY(f, b[0], b[1]);
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
    const x = ax + t * dx;
    const y = ay + t * dy;
    const d2 = (x - px) ** 2 + (y - py) ** 2;
    if (!best || d2 < best.d2) best = { x, y, d2 };
  }
  if (!best) return null;
  return { ...toLatLon(f, best.x, best.y), distanceM: Math.sqrt(best.d2) };
}

/**
 * Where two polylines cross, or (streets drawn from separate tiles rarely share a vertex) the
 * midpoint of their closest approach when it is within `toleranceM`. Null when they do not meet.
 */
export function crossingPoint(a: Polyline, b: Polyline, toleranceM = 25): PointOnLine | null {
  const first = a[0];
  if (!first || b.length === 0) return null;
  const f = frameAt(first[1]);
  const pa = a.map(([lon, lat]) => toXY(f, lon, lat));
  const pb = b.map(([lon, lat]) => toXY(f, lon, lat));
  let best: { x: number; y: number; d: number } | null = null;
  for (let i = 0; i + 1 < pa.length; i++) {
    for (let j = 0; j + 1 < pb.length; j++) {
      const hit = segmentMeet(pa[i]!, pa[i + 1]!, pb[j]!, pb[j + 1]!);
      if (hit.d <= toleranceM && (!best || hit.d < best.d)) best = hit;
      if (best?.d === 0) return { ...toLatLon(f, best.x, best.y), distanceM: 0 };
    }
  }
  return best ? { ...toLatLon(f, best.x, best.y), distanceM: best.d } : null;
}

type XY = readonly [number, number];

function segmentMeet(a: XY, b: XY, c: XY, d: XY): { x: number; y: number; d: number } {
  const r = [b[0] - a[0], b[1] - a[1]];
  const s = [d[0] - c[0], d[1] - c[1]];
  const denom = r[0]! * s[1]! - r[1]! * s[0]!;
  if (denom !== 0) {
    const t = ((c[0] - a[0]) * s[1]! - (c[1] - a[1]) * s[0]!) / denom;
    const u = ((c[0] - a[0]) * r[1]! - (c[1] - a[1]) * r[0]!) / denom;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1)
      return { x: a[0] + t * r[0]!, y: a[1] + t * r[1]!, d: 0 };
  }
  // No proper crossing: the closest of the four endpoint-to-segment approaches.
  let best = { x: 0, y: 0, d: Infinity };
  for (const [p, q0, q1] of [
    [a, c, d],
    [b, c, d],
    [c, a, b],
    [d, a, b],
  ] as const) {
    const near = closestOnSegment(p, q0, q1);
    const dist = Math.hypot(near[0] - p[0], near[1] - p[1]);
    if (dist < best.d) best = { x: (near[0] + p[0]) / 2, y: (near[1] + p[1]) / 2, d: dist };
  }
  return best;
}

function closestOnSegment(p: XY, a: XY, b: XY): XY {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return [a[0] + t * dx, a[1] + t * dy];
}
