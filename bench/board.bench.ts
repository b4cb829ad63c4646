import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend/console-backend';
import { mutate } from '../backend/mutation';
import { uuidv7 } from '../shared/ids';
import { INCIDENT_TYPES } from '../shared/domain/vocabulary';
import { DEMO_TOWNS, seededRandom } from '../backend/demo/demo-network';
import { timeRuns, type BenchResult } from './bench-kit';
import { testEncryption } from '../test/test-passphrase';

/**
 * The live board with history behind it: 5,000 closed and 200 open incidents in a real SQLite
 * file; measures the backend's board query, a filter, and a history search (target < 100 ms).
 */
export default async function boardBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-board-'));
  const backend = createConsoleBackend({ ...testEncryption, dbFile: join(dir, 'console.sqlite') });
  const rand = seededRandom(7);
  const now = Date.now();
  const insert = backend.ctx.db.$client.transaction((count: number, closed: boolean) => {
    for (let i = 0; i < count; i++) {
      const town = DEMO_TOWNS[Math.floor(rand() * DEMO_TOWNS.length)]!;
      const at = new Date(now - Math.floor(rand() * (closed ? 365 : 2) * 86_400_000)).toISOString();
      const id = uuidv7();
      mutate(backend.ctx, {
        activity: {
          kind: 'incident.created',
          message: 'bench',
          params: {},
          entity: 'incident',
          entityId: id,
          incidentId: id,
        },
        changes: [
          {
            entity: 'incident',
            id,
            create: true,
            fields: {
              type: INCIDENT_TYPES[Math.floor(rand() * INCIDENT_TYPES.length)]!,
              triage: 'verify_first',
              status: closed ? 'closed' : rand() < 0.5 ? 'new' : 'verifying',
              statusChangedAt: at,
              verificationOutcome: null,
              verifiedBy: null,
              verifiedAt: null,
              locationText: town.name,
              streetText: null,
              lat: town.lat,
              lon: town.lon,
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
              description: `Bench report ${i} near ${town.name}`,
              reporterName: '',
              reporterPhone: '',
              reporterPurgedAt: null,
              outsideRegionReason: null,
              mergedIntoId: null,
              heldFromStatus: null,
              callReceivedAt: at,
              createdAt: at,
              createdBy: 'bench',
              updatedAt: at,
              closedAt: closed ? at : null,
            },
          },
        ],
      });
    }
  });
  insert(5000, true);
  insert(200, false);

  const open = await timeRuns(() => backend.call('listIncidents', { scope: 'open' }));
  const filtered = await timeRuns(() =>
    backend.call('listIncidents', {
      scope: 'open',
      statuses: ['verifying'],
      town: 'Holyoke',
      query: 'bench',
    }),
  );
  const history = await timeRuns(() =>
    backend.call('listIncidents', { scope: 'history', query: 'Springfield', limit: 200 }),
  );
  backend.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    { bench: 'board.open', n: 5200, ...open },
    { bench: 'board.filter', n: 5200, ...filtered },
    { bench: 'board.history_search', n: 5200, ...history },
  ];
}
