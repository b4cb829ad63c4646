/** Contract handlers for the map's points (see shared/api/map-points.ts). */
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { MAP_COORDINATE_SCALE, type MapIncidentPoint } from '../../shared/api/map-points';
import { asIncidentRef } from '../../shared/briefing/ref';
import type { BackendContext, Handlers } from '../context';
import { ftsPrefixMatch } from '../fts-match';
import { prepared } from '../prepared';

/**
 * The incidents the board's filters match, every one of them, as map points. Same filters as
 * the board's list (scope, statuses, types, town, words or a briefing reference); merged reports
 * are drawn as the incident they were merged into.
 */
function listMapIncidents(
  ctx: BackendContext,
  input: ApiParsedInput<'listMapIncidents'>,
): ApiOutput<'listMapIncidents'> {
  const conditions = ['merged_into_id IS NULL'];
  const params: (string | number)[] = [];
  if (input.scope === 'open') conditions.push("status <> 'closed'");
  if (input.scope === 'history') conditions.push("status = 'closed'");
  const anyOf = (column: string, values: readonly string[]) => {
    if (!values.length) return;
    conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  anyOf('status', input.statuses);
  anyOf('type', input.types);
  if (input.town) anyOf('town', [input.town]);
  if (input.query) {
    const match = ftsPrefixMatch(input.query);
    const ref = asIncidentRef(input.query);
    const searches: string[] = [];
    if (match) {
      searches.push('rowid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)');
      params.push(match);
    }
    if (ref) {
      searches.push('upper(substr(id, -6)) = ?');
      params.push(ref);
    }
    if (!searches.length) return []; // only punctuation: nothing matches
    conditions.push(`(${searches.join(' OR ')})`);
  }
  // Open ones come from their partial index (a few thousand entries, already in order); the
  // planner would otherwise walk every report ever taken through incidents_merged_idx.
  const from =
    input.scope === 'open' ? 'incidents INDEXED BY incidents_open_map_points_idx' : 'incidents';
  const sql = `SELECT id, lat, lon, type, status, triage, location_text, town FROM ${from}
    WHERE ${conditions.join(' AND ')} ORDER BY call_received_at DESC`;
  return prepared(ctx.db.$client, sql)
    .raw()
    .all(...params) as MapIncidentPoint[];
}

/** Every active responder, in columns; read from the covering index responders_map_points_idx. */
function listMapResponders(ctx: BackendContext): ApiOutput<'listMapResponders'> {
  const rows = prepared(
    ctx.db.$client,
    'SELECT id, home_lat, home_lon, on_call FROM responders WHERE active = 1',
  )
    .raw()
    .all() as [string, number, number, number][];
  const ids = new Array<string>(rows.length);
  const lat = new Array<number>(rows.length);
  const lon = new Array<number>(rows.length);
  const onCall: string[] = new Array<string>(rows.length);
  rows.forEach(([id, rowLat, rowLon, rowOnCall], k) => {
    ids[k] = id;
    lat[k] = Math.round(rowLat * MAP_COORDINATE_SCALE);
    lon[k] = Math.round(rowLon * MAP_COORDINATE_SCALE);
    onCall[k] = rowOnCall ? '1' : '0';
  });
  return { ids, lat, lon, onCall: onCall.join('') };
}

export const mapPointHandlers = {
  listMapIncidents,
  listMapResponders,
} satisfies Partial<Handlers>;
