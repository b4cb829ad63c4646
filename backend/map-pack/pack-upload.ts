/**
 * A street pack received in pieces over the contract (browser mode: the page holds the file's
 * bytes, not its path). Pieces are appended in order to `<data folder>/map-pack-uploads/<id>/`;
 * the last one hands the file to importPack, which checks its content like any other pack.
 */
import { appendFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendContext } from '../context';
import { dataDirOf, importPack, PackImportError } from './pack-store';

/** Larger than any county-sized pack (the four counties are a few hundred MB). */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

const uploadDirOf = (ctx: BackendContext, uploadId: string) =>
  join(dataDirOf(ctx), 'map-pack-uploads', uploadId);

const safeName = (fileName: string) =>
  fileName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'map-pack.pmtiles';

export interface UploadPiece {
  uploadId: string;
  fileName: string;
  offset: number;
  bytes: Uint8Array;
  last: boolean;
}

/** Appends one piece; returns the bytes received so far, and installs the pack on the last. */
export async function receivePackPiece(
  ctx: BackendContext,
  piece: UploadPiece,
): Promise<{ received: number; installed: boolean }> {
  const dir = uploadDirOf(ctx, piece.uploadId);
  const file = join(dir, safeName(piece.fileName));
  if (piece.offset === 0) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  }
  const have = (await stat(file).catch(() => null))?.size ?? 0;
  if (have !== piece.offset)
    throw new PackImportError('error.mapPack.outOfOrder', {
      expected: have,
      got: piece.offset,
    });
  if (have + piece.bytes.length > MAX_UPLOAD_BYTES)
    throw new PackImportError('error.mapPack.tooLarge');
  await appendFile(file, piece.bytes);
  const received = have + piece.bytes.length;
  if (!piece.last) return { received, installed: false };
  try {
    await importPack(ctx, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { received, installed: true };
}
