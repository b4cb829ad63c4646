import { sql } from 'drizzle-orm';
import type { ConsoleBackend } from '../console-backend';
import { incidents, responders } from '../../db/schema';
import { demoIncidents, demoResponders } from './demo-network';
import { markDemoData } from './demo-flag';

/** The demo dispatcher's PIN (fictional network, documented in the README). */
export const DEMO_PIN = '123456';
/** The demo console's passphrase (printed at start and in the README, like the demo PIN). */
export const DEMO_PASSPHRASE = 'demo-network-fictional';

/**
 * Loads the fictional demo network through the public API (so it is validated, logged and
 * synced like any dispatcher's work). Does nothing when the database already has data.
 */
export async function seedDemoNetworkIfEmpty(backend: ConsoleBackend): Promise<boolean> {
  const db = backend.ctx.db;
  const count = (table: typeof incidents | typeof responders) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(table)
      .get()?.n ?? 0;
  if (count(incidents) > 0 || count(responders) > 0) return false;
  await seedDemoNetwork(backend);
  return true;
}

export async function seedDemoNetwork(backend: ConsoleBackend): Promise<void> {
  // Marked before the first record: nothing seeded below can ever be pushed to a relay.
  markDemoData(backend.ctx.db);
  const must = async (op: string, input: unknown) => {
    const result = await backend.call(op, input);
    if (!result.ok) throw new Error(`Demo seed failed at ${op}: ${result.error.message}`);
    return result.value;
  };
  await must('setDispatcherName', { name: 'Demo Dispatcher' });
  for (const person of demoResponders()) await must('createResponder', person);
  const ctx = backend.ctx;
  const realNow = ctx.now;
  const nowMs = realNow();
  try {
    for (const { ageMinutes, statusPath, ...incident } of demoIncidents(nowMs)) {
      // Each step is written on a clock set back to its moment, so the timeline and the board's
      // "in status" timers tell the same plausible story as the call times. The HLC that orders
      // ops keeps its own clock, so op order is unaffected.
      ctx.now = () => nowMs - ageMinutes * 60_000;
      const created = (await must('createIncident', incident)) as { id: string };
      for (const { to, minutesAgo } of statusPath) {
        ctx.now = () => nowMs - minutesAgo * 60_000;
        await must('transitionIncident', { id: created.id, to });
      }
    }
  } finally {
    ctx.now = realNow;
  }
  // The demo console opens signed on, on shift as "Demo Dispatcher" (PIN DEMO_PIN), so
  // the map and lists show at once. Signing on last keeps the seeding out of the shift metrics.
  await must('signOn', { name: 'Demo Dispatcher', pin: DEMO_PIN, newDispatcher: true });
}
