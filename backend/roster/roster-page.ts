import { getTableColumns, sql } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { prepared } from '../prepared';
import { ftsPrefixMatch } from '../fts-match';
import { responderFromRow } from '../rows';
import { responders } from '../../db/schema';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { rosterCounts } from '../matching/roster-cache';

type PageInput = ApiParsedInput<'pageResponders'>;
type FilterInput = Omit<PageInput, 'offset' | 'limit' | 'query'>;

/**
 * Up to this many search matches are ordered by looking each one up (cheap for a name typed in
 * full); beyond it the page walks the name index and skips the non-matches, which costs the
 * same whether the search matched a thousand people or everyone.
 */
const FEW_MATCHES = 2_000;

/** SQL conditions and their parameters for the panel's filters (never the search). */
function filterClauses(input: FilterInput): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status !== 'all') where.push(`active = ${input.status === 'active' ? 1 : 0}`);
  if (input.town) {
    where.push('home_town = ?');
    params.push(input.town);
  }
  // Roles and languages are JSON arrays of strings: a quoted value occurs only as one element.
  if (input.role) {
    where.push('instr(roles, ?) > 0');
    params.push(JSON.stringify(input.role));
  }
  if (input.language) {
    where.push('instr(languages, ?) > 0');
    params.push(JSON.stringify(input.language));
  }
  if (input.duty) where.push(`on_call = ${input.duty === 'on' ? 1 : 0}`);
  return { sql: where.length ? where.join(' AND ') : '1', params };
}

/** Full rows for `rowids`, in the order given. */
function rowsIn(
  ctx: BackendContext,
  rowids: readonly number[],
): ApiOutput<'pageResponders'>['rows'] {
  if (rowids.length === 0) return [];
  const found = ctx.db
    .select({ ...getTableColumns(responders), rowid: sql<number>`${responders}.rowid` })
    .from(responders)
    .where(sql`${responders}.rowid IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))`)
    .all();
  const byRowid = new Map(found.map(({ rowid, ...row }) => [rowid, row]));
  return rowids.flatMap((rowid) => {
    const row = byRowid.get(rowid);
    return row ? [responderFromRow(row)] : [];
  });
}

export function pageResponders(ctx: BackendContext, input: PageInput): ApiOutput<'pageResponders'> {
  const db = ctx.db.$client;
  const filters = filterClauses(input);
  const scope = input.status === 'all' ? '1' : `active = ${input.status === 'active' ? 1 : 0}`;
  const counts = rosterCounts(ctx);
  const population = counts
    ? input.status === 'all'
      ? counts.active + counts.inactive
      : counts[input.status]
    : (prepared(db, `SELECT count(*) AS n FROM responders WHERE ${scope}`).get() as { n: number })
        .n;
  const page = (total: number, rowids: number[]) => ({
    total,
    population,
    offset: input.offset,
    rows: rowsIn(ctx, rowids),
  });
  const match = ftsPrefixMatch(input.query);
  if (input.query && !match) return page(0, []); // only punctuation: nothing matches
  if (!match) {
    // Without statistics the planner would count a town by walking every active row.
    const byTown = input.town ? 'INDEXED BY responders_town_idx' : '';
    const total = (
      prepared(db, `SELECT count(*) AS n FROM responders ${byTown} WHERE ${filters.sql}`).get(
        ...filters.params,
      ) as { n: number }
    ).n;
    const rowids = prepared(
      db,
      `SELECT rowid FROM responders WHERE ${filters.sql} ORDER BY name, rowid LIMIT ? OFFSET ?`,
    )
      .pluck()
      .all(...filters.params, input.limit, input.offset) as number[];
    return page(total, rowids);
  }
  const matched = prepared(
    db,
    'SELECT rowid FROM responders_fts WHERE responders_fts MATCH ? ORDER BY rowid',
  )
    .pluck()
    .all(match) as number[];
  const matchedJson = JSON.stringify(matched);
  if (matched.length <= FEW_MATCHES) {
    // NOT INDEXED: look the matches up by rowid and sort them, never walk the name index.
    const ordered = prepared(
      db,
      `SELECT rowid FROM responders NOT INDEXED
         WHERE rowid IN (SELECT value FROM json_each(?)) AND ${filters.sql}
         ORDER BY name, rowid`,
    )
      .pluck()
      .all(matchedJson, ...filters.params) as number[];
    return page(ordered.length, ordered.slice(input.offset, input.offset + input.limit));
  }
  const inMatches = `rowid IN (SELECT value FROM json_each(?)) AND ${filters.sql}`;
  const total = (
    prepared(db, `SELECT count(*) AS n FROM responders WHERE ${inMatches}`).get(
      matchedJson,
      ...filters.params,
    ) as { n: number }
  ).n;
  const index = input.status === 'all' ? 'responders_name_idx' : 'responders_active_name_idx';
  const rowids = prepared(
    db,
    `SELECT rowid FROM responders INDEXED BY ${index} WHERE ${inMatches}
       ORDER BY name, rowid LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(matchedJson, ...filters.params, input.limit, input.offset) as number[];
  return page(total, rowids);
}

/**
 * The responder's position in pageResponders' order for the same search and filters: how many
 * shown rows sort before it by (name, rowid). Null when the search or a filter hides them.
 */
export function locateResponder(
  ctx: BackendContext,
  input: ApiParsedInput<'locateResponder'>,
): ApiOutput<'locateResponder'> {
  const db = ctx.db.$client;
  const filters = filterClauses(input);
  const target = prepared(
    db,
    `SELECT rowid, name FROM responders WHERE id = ? AND ${filters.sql}`,
  ).get(input.id, ...filters.params) as { rowid: number; name: string } | undefined;
  if (!target) return { index: null };
  const before = '(name, rowid) < (?, ?)';
  const match = ftsPrefixMatch(input.query);
  if (input.query && !match) return { index: null };
  if (!match) {
    const n = prepared(
      db,
      `SELECT count(*) AS n FROM responders WHERE ${filters.sql} AND ${before}`,
    ).get(...filters.params, target.name, target.rowid) as { n: number };
    return { index: n.n };
  }
  // `+rowid`: the search table is given the MATCH alone; handed both, it ignores the rowid.
  const found = prepared(
    db,
    'SELECT 1 FROM responders_fts WHERE responders_fts MATCH ? AND +rowid = ?',
  ).get(match, target.rowid);
  if (!found) return { index: null };
  const n = prepared(
    db,
    `SELECT count(*) AS n FROM responders
       WHERE rowid IN (SELECT rowid FROM responders_fts WHERE responders_fts MATCH ?)
         AND ${filters.sql} AND ${before}`,
  ).get(match, ...filters.params, target.name, target.rowid) as { n: number };
  return { index: n.n };
}
