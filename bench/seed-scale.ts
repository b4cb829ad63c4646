import type { BackendContext } from '../backend/context';
import { INCIDENT_TYPES } from '../shared/domain/vocabulary';
import { DEMO_TOWNS, seededRandom } from '../backend/demo/demo-network';
import { syntheticRoster } from './synthetic-roster';

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
 * only (no op log), so they do not replicate to other consoles. Invented people, 555 numbers.
 */
export function seedScaleNetwork(ctx: BackendContext, size: ScaleSize, seed = 11): void {
  const rand = seededRandom(seed);
  const now = ctx.now();
  const roster = syntheticRoster(size.responders, seed);
  const incidentRow = (i: number, closed: boolean) => {
    const town = DEMO_TOWNS[Math.floor(rand() * DEMO_TOWNS.length)]!;
    const at = new Date(now - Math.floor(rand() * (closed ? 365 : 2) * 86_400_000)).toISOString();
    const serial = String(i).padStart(12, '0');
    return {
      id: `00000000-0000-7000-9000-${serial}`,
      type: INCIDENT_TYPES[Math.floor(rand() * INCIDENT_TYPES.length)]!,
      triage: 'verify_first',
      status: closed ? 'closed' : rand() < 0.5 ? 'new' : 'verifying',
      statusChangedAt: at,
      verificationOutcome: null,
      verifiedBy: null,
      verifiedAt: null,
      locationText: town.name,
      streetText: null,
      lat: town.lat + (rand() - 0.5) * 0.06,
      lon: town.lon + (rand() - 0.5) * 0.08,
      precision: 'town',
      town: town.name,
      agentsCount: null,
      vehiclesCount: null,
      activity: '',
      agency: 'unknown',
      timeSeen: null,
      equipment: '',
      vehiclesPlates: '',
      affectedAdults: 1,
      affectedChildren: 0,
      affectedFirstNames: '',
      language: 'es',
      description: `Synthetic report ${i} near ${town.name}`,
      reporterName: '',
      reporterPhone: '',
      reporterPurgedAt: null,
      outsideRegionReason: null,
      mergedIntoId: null,
      heldFromStatus: null,
      teamPlan: null,
      callReceivedAt: at,
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at,
      closedAt: closed ? at : null,
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
