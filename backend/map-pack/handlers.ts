/** Contract handlers for the offline street-map pack (see shared/api/map-pack.ts). */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/result';
import { geocode } from '../../shared/geo/geocoder';
import type { BackendContext } from '../context';
import { importPack, installedPack, installedPackPath, PackImportError } from './pack-store';

async function status(ctx: BackendContext): Promise<ApiOutput<'getMapPackStatus'>> {
  const path = await installedPackPath(ctx);
  const pack = path ? await installedPack(ctx).catch(() => null) : null;
  if (!path || !pack) return { installed: null };
  const info = await pack.reader.info();
  const counts = pack.index.counts();
  const fileName = basename(path);
  return {
    installed: {
      fileName,
      format: info.format,
      bytes: (await stat(path)).size,
      minZoom: info.minZoom,
      maxZoom: info.maxZoom,
      bounds: info.bounds,
      layers: info.layers,
      attribution: info.attribution.slice(0, 300),
      streetSegments: counts.segments,
      landmarks: counts.landmarks,
      towns: counts.towns,
      path: `map-pack/${encodeURIComponent(fileName)}`,
    },
  };
}

async function importMapPack(
  ctx: BackendContext,
  input: ApiParsedInput<'importMapPack'>,
): Promise<ApiOutput<'importMapPack'>> {
  try {
    await importPack(ctx, input.path);
  } catch (e) {
    if (e instanceof PackImportError)
      throw new ApiFailure('invalid_input', e.message, { path: e.message });
    throw e;
  }
  return status(ctx);
}

async function geocodeStreets(
  ctx: BackendContext,
  input: ApiParsedInput<'geocodeStreets'>,
): Promise<ApiOutput<'geocodeStreets'>> {
  const pack = await installedPack(ctx).catch(() => null);
  return geocode(input.query, input.limit, { streets: pack?.index });
}

export const mapPackHandlers = {
  importMapPack,
  getMapPackStatus: (ctx: BackendContext) => status(ctx),
  geocodeStreets,
};
