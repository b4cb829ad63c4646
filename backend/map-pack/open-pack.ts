/**
 * A pack and its street index together, as the CLI, the handlers and the benchmarks use them.
 * The index cache lives beside the pack; when that folder is read-only (a pack on a USB stick
 * opened from the command line) it goes to the system temp folder instead.
 */
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { openMapPack, type MapPackReader } from './pack-reader';
import { ensureStreetIndex, streetIndexPath, type StreetIndex } from './street-index';

export interface OpenPack {
  reader: MapPackReader;
  index: StreetIndex;
  close(): Promise<void>;
}

function cacheFileFor(packPath: string): string {
  try {
    accessSync(dirname(packPath), constants.W_OK);
    return streetIndexPath(packPath);
  } catch {
    return join(tmpdir(), `${basename(packPath)}.streets.sqlite`);
  }
}

export async function openPackWithIndex(packPath: string): Promise<OpenPack> {
  const reader = await openMapPack(packPath);
  try {
    const index = await ensureStreetIndex(reader, cacheFileFor(packPath));
    return {
      reader,
      index,
      async close() {
        index.close();
        await reader.close();
      },
    };
  } catch (e) {
    await reader.close();
    throw e;
  }
}
