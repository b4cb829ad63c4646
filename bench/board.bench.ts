import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend/console-backend';
import { mutate } from '../backend/mutation';
import { uuidv7 } from '../shared/ids';
import { seededRandom } from '../backend/demo/demo-network';
import { timeRuns, type BenchResult } from './bench-kit';
import { testEncryption } from '../test/test-passphrase';
import { syntheticIncidentFields } from './synthetic-incidents';

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
            fields: syntheticIncidentFields(rand, now, i, closed, 'Bench report'),
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
