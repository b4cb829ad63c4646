import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { incidents } from '../../db/schema';
import { ftsPrefixMatch } from '../fts-match';
import { asIncidentRef } from '../../shared/briefing/ref';
import { STATUS_RANK, TRIAGE_RANK } from '../../shared/domain/board';
import { INCIDENT_STATUSES, SLOW_INCIDENT_TYPES } from '../../shared/domain/vocabulary';
import type { ApiParsedInput } from '../../shared/api/contract';

export type BoardFilter = ApiParsedInput<'countIncidents'>;

/**
 * Open incidents as a list of statuses, so SQLite reads them through the status index (a tenth
 * of the table on a statewide network) instead of every row.
 */
export const isOpen = inArray(
  incidents.status,
  INCIDENT_STATUSES.filter((s) => s !== 'closed'),
);
/**
 * Not merged into another report. The unary plus keeps SQLite from choosing the merged-into index
 * for this test: nearly every row passes it, so that index would mean reading the whole table.
 */
export const notMerged = sql`+${incidents.mergedIntoId} IS NULL`;

/** The rows a board filter shows: scope, statuses, types, town and the search box. */
export function boardWhere(input: BoardFilter & { ids?: readonly string[] | undefined }): SQL {
  const where = [notMerged];
  if (input.scope === 'open') where.push(isOpen);
  if (input.scope === 'history') where.push(eq(incidents.status, 'closed'));
  if (input.statuses.length) where.push(inArray(incidents.status, input.statuses));
  if (input.types.length) where.push(inArray(incidents.type, input.types));
  if (input.town) where.push(eq(incidents.town, input.town));
  if (input.ids) where.push(inArray(incidents.id, [...input.ids]));
  const match = ftsPrefixMatch(input.query);
  const ref = asIncidentRef(input.query);
  const searches = [
    ...(match
      ? [
          sql`${incidents}.rowid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${match})`,
        ]
      : []),
    // The short reference printed on briefings (the id's last six characters).
    ...(ref ? [sql`upper(substr(${incidents.id}, -6)) = ${ref}`] : []),
  ];
  if (searches.length) where.push(or(...searches)!);
  else if (input.query) where.push(sql`0`); // only punctuation: nothing matches
  return and(...where)!;
}

const rankCase = (column: SQL, ranks: Record<string, number>): SQL =>
  sql.join(
    [
      sql`CASE`,
      ...Object.entries(ranks).map(([value, rank]) => sql`WHEN ${column} = ${value} THEN ${rank}`),
      sql`ELSE 99 END`,
    ],
    sql` `,
  );

/**
 * The board's order as SQL sort keys, the same order as shared/domain/board sortByUrgency for
 * open incidents (slow cases last, then status, triage, oldest report first), newest first for
 * history; the id breaks ties so that pages never overlap or skip a row.
 */
export function boardOrderKeys(scope: BoardFilter['scope']): { keys: SQL[]; descending: boolean } {
  if (scope !== 'open')
    return { keys: [sql`${incidents.callReceivedAt}`, sql`${incidents.id}`], descending: true };
  const slow = sql`CASE WHEN ${inArray(incidents.type, [...SLOW_INCIDENT_TYPES])} THEN 1 ELSE 0 END`;
  return {
    keys: [
      slow,
      rankCase(sql`${incidents.status}`, STATUS_RANK),
      rankCase(sql`${incidents.triage}`, TRIAGE_RANK),
      sql`${incidents.callReceivedAt}`,
      sql`${incidents.id}`,
    ],
    descending: false,
  };
}
