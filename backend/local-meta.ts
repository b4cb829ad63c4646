import { eq } from 'drizzle-orm';
import type { ConsoleDb } from '../db/open';
import { localMeta } from '../db/schema';

/** Device-local facts (never synced): this console's id and who is signed on to it. */
export type LocalMetaKey = 'deviceId' | 'dispatcherName';

export function readMeta(db: ConsoleDb, key: LocalMetaKey): string | null {
  return db.select().from(localMeta).where(eq(localMeta.key, key)).get()?.value ?? null;
}

export function writeMeta(db: ConsoleDb, key: LocalMetaKey, value: string): void {
  db.insert(localMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: localMeta.key, set: { value } })
    .run();
}
