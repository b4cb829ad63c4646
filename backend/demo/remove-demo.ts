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
  const tables = (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((name) => !KEPT_TABLES.has(name));
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
