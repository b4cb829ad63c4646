import type { BackendContext } from '../backend/context';
import { incidents, responders } from '../db/schema';
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

const BATCH = 400;

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
  ctx.db.$client.transaction(() => {
    for (let i = 0; i < roster.length; i += BATCH)
      ctx.db
        .insert(responders)
        .values(roster.slice(i, i + BATCH))
        .run();
    let serial = 0;
    for (const [count, closed] of [
      [size.closed, true],
      [size.open, false],
    ] as const) {
      for (let i = 0; i < count; i += BATCH) {
        const rows = [];
        for (let j = i; j < Math.min(count, i + BATCH); j++)
          rows.push(incidentRow(serial++, closed));
        ctx.db.insert(incidents).values(rows).run();
      }
    }
  })();
}
