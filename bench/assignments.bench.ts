import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend, type ConsoleBackend } from '../backend/console-backend';
import { demoResponders, DEMO_TOWNS } from '../backend/demo/demo-network';
import { timeRuns, type BenchResult } from './bench-kit';
import type { ApiInput } from '../shared/api/contract';
import { testEncryption } from '../test/test-passphrase';

async function must<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/**
 * The dispatch board under load: 100 open incidents and 500 active assignments in a real SQLite
 * file. Measures one drag-to-assign (createAssignment) followed by what the board refetches after
 * it (active assignments with names and overdue flags, and the responder status board).
 */
export default async function assignmentsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-assign-'));
  const backend: ConsoleBackend = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dir, 'console.sqlite'),
  });
  const people = demoResponders(1200, 11).map((p) => ({
    ...p,
    active: true,
    onCall: true,
    avoidEnforcementScenes: false,
  }));
  const ids: string[] = [];
  for (const p of people) ids.push((await must(backend.call('createResponder', p))).id);
  const incidents: string[] = [];
  for (let i = 0; i < 100; i++) {
    const town = DEMO_TOWNS[i % DEMO_TOWNS.length]!;
    const input: ApiInput<'createIncident'> = {
      type: 'home_raid',
      triage: 'mobilize_now',
      location: {
        text: town.name,
        lat: town.lat,
        lon: town.lon,
        precision: 'town',
        town: town.name,
      },
    };
    incidents.push((await must(backend.call('createIncident', input))).id);
  }
  const override = 'bench';
  for (let i = 0; i < 500; i++) {
    await must(
      backend.call('createAssignment', {
        incidentId: incidents[i % 100]!,
        responderId: ids[i]!,
        role: 'driver',
        overrideReason: override,
      }),
    );
  }
  let next = 500;
  const assignAndRefresh = await timeRuns(
    async () => {
      await must(
        backend.call('createAssignment', {
          incidentId: incidents[next % 100]!,
          responderId: ids[next++]!,
          role: 'driver',
          overrideReason: override,
        }),
      );
      await must(backend.call('listAssignments', { activeOnly: true }));
      await must(backend.call('getResponderBoard', {}));
    },
    40,
    3,
  );
  const boardOnly = await timeRuns(() => backend.call('getResponderBoard', {}), 40, 3);
  backend.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    { bench: 'assign.create_and_refresh_board', n: 500, ...assignAndRefresh },
    { bench: 'assign.responder_board', n: 1200, ...boardOnly },
  ];
}
