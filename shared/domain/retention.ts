/**
 * Caller data retention. The reporter's name and phone exist only to call back while the event is
 * live: they are purged when the incident closes or `purgeAfterHours` after it was saved,
 * whichever comes first. The timeline records that a purge happened, never what was purged.
 */
export interface RetentionSubject {
  status: string;
  createdAt: string;
  reporterName: string;
  reporterPhone: string;
  reporterPurgedAt: string | null;
}

export function hasReporterData(incident: RetentionSubject): boolean {
  return incident.reporterName !== '' || incident.reporterPhone !== '';
}

export function reporterPurgeDueAt(incident: RetentionSubject, purgeAfterHours: number): number {
  return Date.parse(incident.createdAt) + purgeAfterHours * 3_600_000;
}

export function isReporterPurgeDue(
  incident: RetentionSubject,
  nowMs: number,
  purgeAfterHours: number,
): boolean {
  if (!hasReporterData(incident)) return false;
  return incident.status === 'closed' || nowMs >= reporterPurgeDueAt(incident, purgeAfterHours);
}
