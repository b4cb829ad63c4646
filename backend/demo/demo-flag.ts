import type { ConsoleDb } from '../../db/open';
import { readMeta, writeMeta } from '../local-meta';

/**
 * A console that holds the fictional demo network carries `demoData` in local_meta from the
 * moment the demo is seeded until `removeDemoData` wipes it. While it is set the console refuses
 * to join a network and the sync engine pushes nothing, so demo records never reach real consoles.
 */
export function holdsDemoData(db: ConsoleDb): boolean {
  return readMeta(db, 'demoData') === '1';
}

export function markDemoData(db: ConsoleDb): void {
  writeMeta(db, 'demoData', '1');
}
