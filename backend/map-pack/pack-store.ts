/**
 * The installed street-map pack: at most one, copied into `<data folder>/map-packs/` (so the
 * console keeps working when the USB stick it came from is gone), with its street index beside
 * it. Opened once per data folder and kept open; importing another pack replaces it.
 */
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { PeopleText } from '../../shared/api/text';
import type { MessageKey } from '../../shared/i18n';
import type { BackendContext } from '../context';
import { inEnglish } from '../refusal';
import { openPackWithIndex, type OpenPack } from './open-pack';
import { sniffPackFormat, type PackFormat } from './pack-reader';

export const PACK_DIR_NAME = 'map-packs';
const EXTENSIONS: Record<PackFormat, string> = { pmtiles: '.pmtiles', mbtiles: '.mbtiles' };

/** The console's data folder: where its database file lives (a temp folder for :memory:). */
export function dataDirOf(ctx: BackendContext): string {
  const file = ctx.db.$client.name;
  if (!file || file === ':memory:' || !isAbsolute(file))
    return join(tmpdir(), `rrc-${ctx.deviceId}`);
  return dirname(file);
}

export function packDirOf(ctx: BackendContext): string {
  return join(dataDirOf(ctx), PACK_DIR_NAME);
}

/** The installed pack file, or null. */
export async function installedPackPath(ctx: BackendContext): Promise<string | null> {
  const dir = packDirOf(ctx);
  const names = await readdir(dir).catch(() => [] as string[]);
  const pack = names.find((n) => n.endsWith('.pmtiles') || n.endsWith('.mbtiles'));
  return pack ? join(dir, pack) : null;
}

const opened = new Map<string, Promise<OpenPack>>();

/** The installed pack with its street index (built on first use), or null when none. */
export async function installedPack(ctx: BackendContext): Promise<OpenPack | null> {
  const path = await installedPackPath(ctx);
  if (!path) return null;
  let pending = opened.get(path);
  if (!pending) {
    pending = openPackWithIndex(path);
    opened.set(path, pending);
    pending.catch(() => opened.delete(path));
  }
  return pending;
}

async function closeOpened(path: string): Promise<void> {
  const pending = opened.get(path);
  opened.delete(path);
  if (pending) await (await pending.catch(() => null))?.close();
}

/** A pack the store refuses, worded as a message key (shared/i18n/errors.*.ts) and its params. */
export class PackImportError extends Error {
  constructor(
    readonly kind: MessageKey,
    readonly params: PeopleText['params'] = {},
  ) {
    super(inEnglish(kind, params));
  }
}

/**
 * Copies a pack into the data folder and indexes it. The file is checked to be a PMTiles or
 * MBTiles file by its content before anything is copied, so the operation cannot be used to
 * pull other files into the data folder. The previous pack is removed only once the new one
 * has been copied and indexed.
 */
export async function importPack(ctx: BackendContext, source: string): Promise<string> {
  if (!isAbsolute(source)) throw new PackImportError('error.mapPack.notAbsolute');
  const st = await stat(source).catch(() => null);
  if (!st?.isFile()) throw new PackImportError('error.mapPack.noFile');
  const format = await sniffPackFormat(source).catch(() => {
    throw new PackImportError('error.mapPack.notPack');
  });
  const dir = packDirOf(ctx);
  await mkdir(dir, { recursive: true });
  const stem = basename(source, extname(source))
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 60);
  const target = join(dir, `${stem || 'map-pack'}${EXTENSIONS[format]}`);
  const partial = `${target}.partial`;
  await copyFile(source, partial);
  const previous = await installedPackPath(ctx);
  if (previous) await closeOpened(previous);
  if (previous === target) await rm(target, { force: true });
  await rename(partial, target);
  try {
    await installedPack(ctx);
  } catch (e) {
    await closeOpened(target);
    await rm(target, { force: true });
    throw new PackImportError('error.mapPack.unreadable', { detail: (e as Error).message });
  }
  if (previous && previous !== target) {
    await rm(previous, { force: true });
    await rm(`${previous}.streets.sqlite`, { force: true });
  }
  return target;
}

/** Closes every opened pack (backend shutdown, tests). */
export async function closeAllPacks(): Promise<void> {
  await Promise.all([...opened.keys()].map(closeOpened));
}
