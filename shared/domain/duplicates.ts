import { haversineKm } from '../geo/distance';

/**
 * Duplicate report detection. Rumors travel: one raid produces several calls. A new report within
 * `radiusMeters` and `windowMinutes` of an open incident is proposed for merging, nearest first.
 * The dispatcher decides; nothing merges automatically.
 */
export interface ReportPoint {
  id: string;
  lat: number;
  lon: number;
  /** When the event was reported (the call). */
  reportedAt: string;
}

export interface MergeCandidate {
  id: string;
  distanceMeters: number;
  minutesApart: number;
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
    if (distanceMeters > thresholds.radiusMeters) continue;
    out.push({
      id: other.id,
      distanceMeters: Math.round(distanceMeters),
      minutesApart: Math.round(minutesApart),
    });
  }
  return out.sort((a, b) => a.distanceMeters - b.distanceMeters || a.minutesApart - b.minutesApart);
}

export type Confidence = 'single_report' | 'corroborated' | 'verified' | 'refuted';

/** Independent reports raise confidence; a verification outcome settles it. */
export function confidenceOf(reportCount: number, verificationOutcome: string | null): Confidence {
  if (verificationOutcome === 'confirmed' || verificationOutcome === 'other_agency')
    return 'verified';
  if (verificationOutcome === 'false_alarm') return 'refuted';
  return reportCount >= 2 ? 'corroborated' : 'single_report';
}
