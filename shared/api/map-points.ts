/**
 * Contract operations for the map's points: every incident the board's filters match and every
 * active responder, in compact shapes (no full rows), so the map of a statewide network loads
 * in one short read of each.
 */
import { z } from 'zod';
import { Empty, op } from './operation';
import { Id } from './schemas';
import { ListIncidentsInput } from './incidents';
import { INCIDENT_STATUSES, INCIDENT_TYPES, TRIAGE_LEVELS } from '../domain/vocabulary';

/** Responder coordinates travel as whole numbers of 1e-5 degrees (about a metre). */
export const MAP_COORDINATE_SCALE = 1e5;

/** The board's filters without its length: the map shows every match. */
export const MapIncidentPointsInput = ListIncidentsInput.omit({ limit: true });

/** One incident on the map: what its marker shows and says, nothing more. */
export const MapIncidentPointSchema = z.tuple([
  Id,
  /** lat, lon in degrees */
  z.number(),
  z.number(),
  z.enum(INCIDENT_TYPES),
  z.enum(INCIDENT_STATUSES),
  z.enum(TRIAGE_LEVELS),
  /** location text and town (null when none) */
  z.string(),
  z.string().nullable(),
]);
export type MapIncidentPoint = z.output<typeof MapIncidentPointSchema>;

/**
 * Every active responder, column by column: `ids[k]` is at `lat[k]`, `lon[k]` (whole numbers,
 * degrees × MAP_COORDINATE_SCALE) and is on call when `onCall[k]` is '1'.
 */
export const MapResponderPointsSchema = z
  .object({
    ids: z.array(Id),
    lat: z.array(z.number().int()),
    lon: z.array(z.number().int()),
    onCall: z.string().regex(/^[01]*$/),
  })
  .refine((p) => p.lat.length === p.ids.length && p.lon.length === p.ids.length, {
    message: 'Columns differ in length',
  })
  .refine((p) => p.onCall.length === p.ids.length, { message: 'Columns differ in length' });
export type MapResponderPoints = z.output<typeof MapResponderPointsSchema>;

export const mapPointOperations = {
  listMapIncidents: op(
    MapIncidentPointsInput,
    z.array(MapIncidentPointSchema),
    'Every incident matching the board filters as a map point [id, lat, lon, type, status, triage, place, town].',
  ),
  listMapResponders: op(
    Empty,
    MapResponderPointsSchema,
    'Every active responder as map points, in columns (ids, lat, lon, onCall).',
  ),
} as const;
