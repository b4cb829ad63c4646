import { and, isNull, ne, or, eq, lte } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { incidents } from '../../db/schema';
import { incidentFromRow } from '../rows';
import { mutate } from '../mutation';
import { loadSettings } from '../session/handlers';
import { isReporterPurgeDue } from '../../shared/domain/retention';
import { activityMessage } from '../../shared/i18n';

/**
 * Purges caller contact (name, phone) from every incident that is closed or older than the
 * configured hours. One op per incident, each with a timeline entry that says a purge happened
 * and why, never what was purged. Returns the ids purged; one change event announces them all.
 */
export function runRetention(ctx: BackendContext): string[] {
  return ctx.changes.batch(() => purgeDueReporters(ctx));
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
        isNull(incidents.reporterPurgedAt),
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
