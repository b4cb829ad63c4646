import { and, eq, sql } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { incidents } from '../../db/schema';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { loadIncidents } from './queries';
import { boardOrderKeys, boardWhere } from './board-query';

/** One page of the board in its order, with how many rows the whole filter matches. */
export function listIncidentPage(
  ctx: BackendContext,
  input: ApiParsedInput<'listIncidentPage'>,
): ApiOutput<'listIncidentPage'> {
  const where = boardWhere(input);
  const { keys, descending } = boardOrderKeys(input.scope);
  // The sort carries row ids only; the page's 50 rows are read after it.
  const ids = ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(where)
    .orderBy(...keys.map((k) => (descending ? sql`${k} DESC` : k)))
    .limit(input.limit)
    .offset(input.offset)
    .all()
    .map((r) => r.id);
  const loaded = loadIncidents(ctx, ids);
  // A first page that is not full holds every match: no second pass over the filter to count.
  const complete = input.offset === 0 && ids.length < input.limit;
  return {
    total: complete ? ids.length : countWhere(ctx, where),
    offset: input.offset,
    items: ids.map((id) => loaded.get(id)!),
  };
}

export function countIncidents(
  ctx: BackendContext,
  input: ApiParsedInput<'countIncidents'>,
): ApiOutput<'countIncidents'> {
  return { total: countWhere(ctx, boardWhere(input)) };
}

/**
 * The row's index in the board's order: how many rows the filter shows before it (row values
 * compare the same sort keys the page query orders by).
 */
export function locateIncident(
  ctx: BackendContext,
  input: ApiParsedInput<'locateIncident'>,
): ApiOutput<'locateIncident'> {
  const where = boardWhere(input);
  const shown = ctx.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(where, eq(incidents.id, input.id)))
    .get();
  if (!shown) return { index: null };
  const { keys, descending } = boardOrderKeys(input.scope);
  const tuple = sql.join(keys, sql`, `);
  const before = sql`(${tuple}) ${descending ? sql`>` : sql`<`} (SELECT ${tuple} FROM ${incidents} WHERE ${incidents.id} = ${input.id})`;
  return { index: countWhere(ctx, and(where, before)!) };
}

function countWhere(ctx: BackendContext, where: ReturnType<typeof boardWhere>): number {
  const row = ctx.db
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .where(where)
    .get();
  return row?.n ?? 0;
}
