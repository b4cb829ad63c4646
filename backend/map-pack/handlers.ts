/** Contract handlers for the offline street-map pack (see shared/api/map-pack.ts). */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import { geocode } from '../../shared/geo/geocoder';
import type { BackendContext } from '../context';
import { refusal } from '../refusal';
import { importPack, installedPack, installedPackPath, PackImportError } from './pack-store';
import { receivePackPiece } from './pack-upload';

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
  await refusingBadPacks('path', () => importPack(ctx, input.path));
  return status(ctx);
}

/** Runs a pack step, turning what the pack store refuses into a message for the form. */
async function refusingBadPacks<T>(field: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PackImportError)
      throw refusal('invalid_input', e.kind, e.params, { [field]: e.message });
    throw e;
  }
}

async function uploadMapPackChunk(
  ctx: BackendContext,
  input: ApiParsedInput<'uploadMapPackChunk'>,
): Promise<ApiOutput<'uploadMapPackChunk'>> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const { received, installed } = await refusingBadPacks('fileName', () =>
    receivePackPiece(ctx, { ...input, bytes }),
  );
  return { received, status: installed ? await status(ctx) : null };
}

async function snapToStreet(
  ctx: BackendContext,
  input: ApiParsedInput<'snapToStreet'>,
): Promise<ApiOutput<'snapToStreet'>> {
  const pack = await installedPack(ctx).catch(() => null);
  const hit = pack?.index.nearestStreet(input.lat, input.lon, input.radiusM) ?? null;
  return {
    street: hit
      ? { name: hit.name, town: hit.town, lat: hit.lat, lon: hit.lon, distanceM: hit.distanceM }
      : null,
  };
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
  uploadMapPackChunk,
  snapToStreet,
  geocodeStreets,
};
