import type { ApiResult } from '../../../../shared/api/result';
import type { MapPackStatus } from '../../../../shared/api/map-pack';
import type { ConsoleApi } from '../../../../shared/api/contract';
import { bytesToBase64 } from '../../../../shared/roster/csv';

/** 1 MiB of bytes per piece: under the console's 2 MiB message limit once in base64. */
const PIECE_BYTES = 1024 * 1024;

export const isPackFileName = (name: string) => /\.(pmtiles|mbtiles)$/i.test(name);

/**
 * Sends a pack the page holds as a File (chosen or dropped; the browser gives no path) to the
 * console in order, piece by piece, and returns the installed status from the last piece.
 */
export async function uploadMapPack(
  api: Pick<ConsoleApi, 'uploadMapPackChunk'>,
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<ApiResult<MapPackStatus>> {
  const uploadId = `pack-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let offset = 0;
  onProgress(0, file.size);
  do {
    const piece = new Uint8Array(await file.slice(offset, offset + PIECE_BYTES).arrayBuffer());
    const last = offset + piece.length >= file.size;
    const r = await api.uploadMapPackChunk({
      uploadId,
      fileName: file.name,
      offset,
      dataBase64: bytesToBase64(piece),
      last,
    });
    if (!r.ok) return r;
    offset = r.value.received;
    onProgress(offset, file.size);
    if (last) return { ok: true, value: r.value.status ?? { installed: null } };
  } while (offset < file.size);
  return { ok: true, value: { installed: null } };
}
