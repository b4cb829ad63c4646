import { eq, inArray, sql } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { incidents } from '../../db/schema';
import { incidentFromRow } from '../rows';
import { refusal } from '../refusal';
import type { Incident } from '../../shared/api/schemas';

/** How many reports each incident gathers (itself plus the reports merged into it). */
export const reportCounts = (ctx: BackendContext, ids: string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  if (ids.length === 0) return counts;
  const rows = ctx.db
    .select({ id: incidents.mergedIntoId, n: sql<number>`count(*)` })
    .from(incidents)
    .where(inArray(incidents.mergedIntoId, ids))
    .groupBy(incidents.mergedIntoId)
    .all();
  for (const r of rows) if (r.id) counts.set(r.id, r.n + 1);
  return counts;
};

export function loadIncident(ctx: BackendContext, id: string): Incident {
  const row = ctx.db.select().from(incidents).where(eq(incidents.id, id)).get();
  if (!row) throw refusal('not_found', 'error.notFound.incident');
  return incidentFromRow(row, reportCounts(ctx, [id]).get(id) ?? 1);
}

/** Several incidents in one query, by id (ids with no row are left out). */
export function loadIncidents(ctx: BackendContext, ids: readonly string[]): Map<string, Incident> {
  const out = new Map<string, Incident>();
  if (ids.length === 0) return out;
  const rows = ctx.db
    .select()
    .from(incidents)
    .where(inArray(incidents.id, [...ids]))
    .all();
  const counts = reportCounts(
    ctx,
    rows.map((r) => r.id),
  );
  for (const r of rows) out.set(r.id, incidentFromRow(r, counts.get(r.id) ?? 1));
  return out;
}
