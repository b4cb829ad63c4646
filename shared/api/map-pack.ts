/**
 * Contract operations for offline street-map packs: install one (copied into the data folder
 * and indexed), say what is installed, and geocode with its street index.
 */
import { z } from 'zod';
import { Empty, op } from './operation';
import { LOCATION_PRECISIONS } from '../domain/vocabulary';

export const MapPackStatusSchema = z.object({
  installed: z
    .object({
      fileName: z.string(),
      format: z.enum(['pmtiles', 'mbtiles']),
      bytes: z.number().int().min(0),
      minZoom: z.number().int(),
      maxZoom: z.number().int(),
      /** [west, south, east, north]. */
      bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      layers: z.array(z.string()),
      /** The pack's credit line as its maker wrote it: show as text, never as HTML. */
      attribution: z.string(),
      streetSegments: z.number().int().min(0),
      landmarks: z.number().int().min(0),
      towns: z.number().int().min(0),
      /**
       * Where the renderer reads it, relative to the app: `map-pack/<fileName>` (byte ranges,
       * PMTiles) and `map-pack/tiles/{z}/{x}/{y}.mvt` (any format).
       */
      path: z.string(),
    })
    .nullable(),
});
export type MapPackStatus = z.output<typeof MapPackStatusSchema>;

export const ImportMapPackInput = z.strictObject({
  path: z
    .string()
    .trim()
    .min(1, 'Choose a map pack file')
    .max(4096)
    .regex(/\.(pmtiles|mbtiles)$/i, 'A map pack is a .pmtiles or .mbtiles file'),
});

export const GeocodeCandidateSchema = z.object({
  name: z.string(),
  kind: z.enum(['town', 'village', 'neighborhood', 'zip', 'coordinates', 'street', 'intersection']),
  lat: z.number(),
  lon: z.number(),
  precision: z.enum(LOCATION_PRECISIONS),
  town: z.string().nullable(),
  county: z.string(),
  streetText: z.string().nullable(),
  score: z.number(),
  label: z.string(),
});

export const GeocodeStreetsInput = z.strictObject({
  query: z.string().max(200),
  limit: z.number().int().min(1).max(20).default(8),
});

/** Offline street-map packs: install, status, and geocoding with the pack's street index. */
export const mapPackOperations = {
  importMapPack: op(
    ImportMapPackInput,
    MapPackStatusSchema,
    'Copies a PMTiles or MBTiles street pack into the data folder and indexes its streets.',
  ),
  getMapPackStatus: op(Empty, MapPackStatusSchema, 'The installed street pack, if any.'),
  geocodeStreets: op(
    GeocodeStreetsInput,
    z.array(GeocodeCandidateSchema),
    "Ranked places for a query, with streets placed on the installed pack's street index.",
  ),
};
