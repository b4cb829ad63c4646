import { and, ne, or, eq, lte } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { incidents } from '../../db/schema';
import { incidentFromRow } from '../rows';
import { mutate } from '../mutation';
import { forgetIdempotencyRecords } from '../idempotency';
import { loadSettings } from '../session/handlers';
import { isReporterPurgeDue } from '../../shared/domain/retention';
import { activityMessage } from '../../shared/i18n';

/**
 * Purges caller contact (name, phone) from every incident that holds some and is closed or older
 * than the configured hours, however often it was typed in again after an earlier purge. One op
 * per incident, each with a timeline entry that says a purge happened and why, never what was
 * purged. Returns the ids purged; one change event announces them all.
 *
 * The connection runs with secure_delete on (db/open.ts), so the old values are overwritten in
 * the pages; the write-ahead log, which still holds the pages as they were, is then checkpointed
 * and truncated so the purged contact is in no file once this returns.
 */
export function runRetention(ctx: BackendContext): string[] {
  const purged = ctx.changes.batch(() => purgeDueReporters(ctx));
  // A create's kept result may hold the caller: blanked with the purge (and gone after a day).
  forgetIdempotencyRecords(ctx.db.$client, ctx.now(), purged);
  if (purged.length > 0) truncateWriteAheadLog(ctx);
  return purged;
}

function truncateWriteAheadLog(ctx: BackendContext): void {
  const sqlite = ctx.db.$client;
  // Inside a transaction nothing is written yet and no checkpoint can run: the regular checkpoint
  // (db/wal-checkpointer.ts) moves the pages later.
  if (sqlite.inTransaction || sqlite.memory) return;
  const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result?.busy) console.error('caller purge: the write-ahead log is busy; truncated next run');
}

function purgeDueReporters(ctx: BackendContext): string[] {
  const { purgeReporterAfterHours } = loadSettings(ctx);
  const nowMs = ctx.now();
  const cutoff = new Date(nowMs - purgeReporterAfterHours * 3_600_000).toISOString();
  const rows = ctx.db
    .select()
    .from(incidents)
    .where(
      and(
        or(ne(incidents.reporterName, ''), ne(incidents.reporterPhone, '')),
        or(eq(incidents.status, 'closed'), lte(incidents.createdAt, cutoff)),
      ),
    )
    .all();
  const purged: string[] = [];
  const now = new Date(nowMs).toISOString();
  for (const row of rows) {
    const incident = incidentFromRow(row);
    if (!isReporterPurgeDue(incident, nowMs, purgeReporterAfterHours)) continue;
    // The reason is a code (shared/i18n purgeReason.*): the timeline words it for its reader.
    const params: Record<string, string | number> =
      incident.status === 'closed'
        ? { reason: 'closed' }
        : { reason: 'after_hours', hours: purgeReporterAfterHours };
    mutate(ctx, {
      activity: {
        kind: 'incident.reporter_purged',
        message: activityMessage('en', { kind: 'incident.reporter_purged', message: '', params }),
        params,
        entity: 'incident',
        entityId: incident.id,
        incidentId: incident.mergedIntoId ?? incident.id,
      },
      changes: [
        {
          entity: 'incident',
          id: incident.id,
          create: false,
          fields: { reporterName: '', reporterPhone: '', reporterPurgedAt: now },
        },
      ],
    });
    purged.push(incident.id);
  }
  return purged;
}
