import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import {
  ensureWalCheckpointer,
  stopWalCheckpointer,
  WRITER_AUTOCHECKPOINT_PAGES,
} from '../../db/wal-checkpointer';
import { sampleIncident, tempBackend, value } from './helpers';

let env: ReturnType<typeof tempBackend> | undefined;
afterEach(() => {
  env?.cleanup();
  env = undefined;
});

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('WAL checkpointer', () => {
  it('copies the write-ahead log back from its own thread while the writer keeps writing', async () => {
    env = tempBackend();
    const sqlite = env.backend.ctx.db.$client;
    const checkpointer = ensureWalCheckpointer(sqlite);
    expect(checkpointer).not.toBeNull();
    expect(ensureWalCheckpointer(sqlite)).toBe(checkpointer); // one per connection
    // The writer no longer checkpoints at SQLite's default 1,000 pages, only as a safety net.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(WRITER_AUTOCHECKPOINT_PAGES);

    const before = statSync(sqlite.name).size;
    for (let i = 0; i < 300; i++)
      value(await env.backend.call('createIncident', { ...sampleIncident, description: `r${i}` }));
    // The database file itself grows only by checkpoints: the worker's, here.
    await waitFor(
      () => (checkpointer!.last?.checkpointed ?? 0) > 0 && statSync(sqlite.name).size > before,
      'a checkpoint from the worker',
    );
    expect(checkpointer!.last!.checkpointed).toBeLessThanOrEqual(checkpointer!.last!.log);

    stopWalCheckpointer(sqlite);
    // Writes go on after it stops, and nothing was lost.
    value(await env.backend.call('createIncident', sampleIncident));
    expect(value(await env.backend.call('listIncidents', {})).length).toBe(301);
  });

  it('does not start for an in-memory database', () => {
    env = tempBackend();
    const memory = new (
      env.backend.ctx.db.$client.constructor as new (f: string) => {
        memory: boolean;
        readonly: boolean;
        close(): void;
      }
    )(':memory:');
    expect(ensureWalCheckpointer(memory as never)).toBeNull();
    memory.close();
  });
});
