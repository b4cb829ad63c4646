import type { BackendContext } from '../backend/context';
import { seededRandom } from '../backend/demo/demo-network';
import { syntheticIncidentFields } from './synthetic-incidents';
import { syntheticRoster } from './synthetic-roster';
import { rebuildRosterIndex } from '../backend/matching/roster-cache';

export interface ScaleSize {
  responders: number;
  open: number;
  closed: number;
}

/** A statewide network: the size the screen benches and the scale smoke test run at. */
export const STATEWIDE: ScaleSize = { responders: 100_000, open: 5_000, closed: 50_000 };

/**
 * Fills a fresh console with a synthetic statewide network straight through SQL in one
 * transaction (the mutation path writes an op, field clocks and an activity line per row, which
 * takes minutes at this size). Rows are the same shape the mutation path writes; they are local
 * only (no op log), so they do not replicate to other consoles, and the change feed never sees
 * them: matching's roster index is told to load again. Invented people, 555 numbers.
 */
export function seedScaleNetwork(ctx: BackendContext, size: ScaleSize, seed = 11): void {
  const rand = seededRandom(seed);
  const now = ctx.now();
  const roster = syntheticRoster(size.responders, seed);
  const incidentRow = (i: number, closed: boolean) => {
    return {
      id: `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`,
      ...syntheticIncidentFields(rand, now, i, closed, 'Synthetic report'),
      teamPlan: null,
    };
  };
  const db = ctx.db.$client;
  const insertAll = (table: string, rows: Record<string, unknown>[]) => {
    const columns = Object.keys(rows[0] ?? {});
    const insert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    for (const row of rows) insert.run(...columns.map((c) => row[c]));
  };
  db.transaction(() => {
    insertAll(
      'responders',
      roster.map((r) => snakeColumns({ ...r })),
    );
    let serial = 0;
    const rows: ReturnType<typeof incidentRow>[] = [];
    for (let i = 0; i < size.closed; i++) rows.push(incidentRow(serial++, true));
    for (let i = 0; i < size.open; i++) rows.push(incidentRow(serial++, false));
    insertAll('incidents', rows.map(snakeColumns));
  })();
  rebuildRosterIndex(ctx);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** SQLite values by column name: booleans as 0/1, JSON columns as text. */
function snakeColumns(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row))
    out[snake(key)] =
      typeof value === 'boolean'
        ? Number(value)
        : value !== null && typeof value === 'object'
          ? JSON.stringify(value)
          : value;
  return out;
}
