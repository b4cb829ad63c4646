import { haversineKm } from '../geo/distance';
import { isStreetPrecise, type LocationPrecision } from './vocabulary';

/**
 * Duplicate report detection. Rumors travel: one raid produces several calls. A new report within
 * `radiusMeters` and `windowMinutes` of an open incident is proposed for merging, nearest first.
 * The dispatcher decides; nothing merges automatically.
 *
 * A distance means something only between two street-precise points. When either report is a
 * town or village point the candidate is still found by the radius, but says "same town, exact
 * distance unknown" (two streets of one town both sit on the town centre, "0 m apart").
 */
export interface ReportPoint {
  id: string;
  lat: number;
  lon: number;
  /** When the event was reported (the call). */
  reportedAt: string;
  /** Absent: treated as street-precise (a measured point). */
  precision?: LocationPrecision;
  town?: string | null;
}

/** measured: both points on the street; same_town: exact distance unknown; approximate: other. */
export type DistanceKind = 'measured' | 'same_town' | 'approximate';

export interface MergeCandidate {
  id: string;
  distanceMeters: number;
  distanceKind: DistanceKind;
  minutesApart: number;
}

const KIND_ORDER: Record<DistanceKind, number> = { measured: 0, same_town: 1, approximate: 2 };

function distanceKindOf(a: Partial<ReportPoint>, b: Partial<ReportPoint>): DistanceKind {
  const precise = (p: Partial<ReportPoint>) => !p.precision || isStreetPrecise(p.precision);
  if (precise(a) && precise(b)) return 'measured';
  return a.town && a.town === b.town ? 'same_town' : 'approximate';
}

export function findMergeCandidates(
  report: Omit<ReportPoint, 'id'> & { id?: string },
  openIncidents: readonly ReportPoint[],
  thresholds: { radiusMeters: number; windowMinutes: number },
): MergeCandidate[] {
  const at = Date.parse(report.reportedAt);
  const out: MergeCandidate[] = [];
  for (const other of openIncidents) {
    if (other.id === report.id) continue;
    const minutesApart = Math.abs(at - Date.parse(other.reportedAt)) / 60_000;
    if (minutesApart > thresholds.windowMinutes) continue;
    const distanceMeters = haversineKm(report, other) * 1000;
    const distanceKind = distanceKindOf(report, other);
    if (distanceMeters > thresholds.radiusMeters) continue;
    out.push({
      id: other.id,
      distanceMeters: Math.round(distanceMeters),
      distanceKind,
      minutesApart: Math.round(minutesApart),
    });
  }
  return out.sort(
    (a, b) =>
      KIND_ORDER[a.distanceKind] - KIND_ORDER[b.distanceKind] ||
      a.distanceMeters - b.distanceMeters ||
      a.minutesApart - b.minutesApart,
  );
}

export type Confidence = 'single_report' | 'corroborated' | 'verified' | 'refuted';

/** Independent reports raise confidence; a verification outcome settles it. */
export function confidenceOf(reportCount: number, verificationOutcome: string | null): Confidence {
  if (verificationOutcome === 'confirmed' || verificationOutcome === 'other_agency')
    return 'verified';
  if (verificationOutcome === 'false_alarm') return 'refuted';
  return reportCount >= 2 ? 'corroborated' : 'single_report';
}
