import type { BackendContext } from '../context';
import { ENTITY_NAMES } from '../../shared/api/events';
import { holdsDemoData } from './demo-flag';

/** Device facts that survive: the console's identity, its relay settings stay absent anyway. */
const KEPT_META = new Set(['deviceId']);
const KEPT_TABLES = new Set(['local_meta', '__drizzle_migrations']);

/**
 * Deletes the fictional demo network and everything done on top of it (all of it is demo data:
 * it never left this console), in one transaction. The console is then an empty real console.
 */
export function removeDemoData(ctx: BackendContext): { removed: boolean } {
  if (!holdsDemoData(ctx.db)) return { removed: false };
  const sqlite = ctx.db.$client;
  const all = sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all() as { name: string; sql: string | null }[];
  // Full-text indexes (virtual tables and their shadow tables) follow their tables' deletes
  // through triggers; they cannot be emptied directly.
  const indexes = all.filter((t) => t.sql?.startsWith('CREATE VIRTUAL TABLE')).map((t) => t.name);
  const tables = all
    .map((t) => t.name)
    .filter((name) => !KEPT_TABLES.has(name))
    .filter((name) => !indexes.some((v) => name === v || name.startsWith(`${v}_`)));
  sqlite.transaction(() => {
    sqlite.pragma('defer_foreign_keys = ON');
    for (const table of tables) sqlite.prepare(`DELETE FROM "${table}"`).run();
    const meta = sqlite.prepare('SELECT key FROM local_meta').all() as { key: string }[];
    for (const { key } of meta)
      if (!KEPT_META.has(key)) sqlite.prepare('DELETE FROM local_meta WHERE key = ?').run(key);
  })();
  ctx.emit({
    type: 'changed',
    entities: ENTITY_NAMES.map((entity) => ({ entity, id: '*' })),
    origin: 'local',
  });
  return { removed: true };
}
