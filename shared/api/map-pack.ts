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

/** A pack file sent from the browser in pieces (no file path there): appended in order. */
export const UploadMapPackChunkInput = z.strictObject({
  /** Chosen by the sender, one per upload. */
  uploadId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'Not an upload id'),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(pmtiles|mbtiles)$/i, 'A map pack is a .pmtiles or .mbtiles file'),
  /** Byte position of this piece; must equal what was received so far. */
  offset: z.number().int().min(0),
  /** At most 1 MiB of bytes per piece (the console's message limit is 2 MiB). */
  dataBase64: z
    .string()
    .max(1_400_000, 'A piece is 1 MiB at most')
    .regex(/^[A-Za-z0-9+/=]*$/, 'Not base64 data'),
  /** The last piece: the pack is then installed as importMapPack would. */
  last: z.boolean(),
});
export const UploadMapPackChunkOutput = z.object({
  received: z.number().int().min(0),
  /** Set once the last piece is in and the pack is installed. */
  status: MapPackStatusSchema.nullable(),
});

export const SnapToStreetInput = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** How far a street may be to be snapped to. */
  radiusM: z.number().min(1).max(500).default(30),
});
export const SnapToStreetOutput = z.object({
  street: z
    .object({
      name: z.string(),
      town: z.string(),
      lat: z.number(),
      lon: z.number(),
      distanceM: z.number(),
    })
    .nullable(),
});

/** Offline street-map packs: install, status, and geocoding with the pack's street index. */
export const mapPackOperations = {
  importMapPack: op(
    ImportMapPackInput,
    MapPackStatusSchema,
    'Copies a PMTiles or MBTiles street pack into the data folder and indexes its streets.',
  ),
  uploadMapPackChunk: op(
    UploadMapPackChunkInput,
    UploadMapPackChunkOutput,
    'Receives a street pack in pieces (browser mode has no file path) and installs it.',
  ),
  snapToStreet: op(
    SnapToStreetInput,
    SnapToStreetOutput,
    "The nearest point on the installed pack's streets, for placing a pin with the keyboard.",
  ),
  getMapPackStatus: op(Empty, MapPackStatusSchema, 'The installed street pack, if any.'),
  geocodeStreets: op(
    GeocodeStreetsInput,
    z.array(GeocodeCandidateSchema),
    "Ranked places for a query, with streets placed on the installed pack's street index.",
  ),
};
