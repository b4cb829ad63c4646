import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createConsoleBackend } from '../../backend/console-backend';
import {
  TEST_SCRYPT,
  TEST_TUNING,
  harness,
  relayState,
  settled,
  snapshot,
  status,
  waitFor,
  type Harness,
} from './sync-helpers';
import { sampleIncident, value } from './helpers';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const connected = (...cs: Parameters<typeof relayState>[0][]) =>
  waitFor(() => cs.every((c) => relayState(c).state === 'connected'), 'consoles to connect');

describe('sync faults', () => {
  it('a console killed partway through a catch-up resumes where it committed: nothing lost, nothing twice', async () => {
    // One blob a page, so the catch-up is dozens of transactions the kill can land among (or in).
    h = await harness({ pageItems: 1 });
    const ana = await h.console('Ana', { join: false });
    for (let i = 0; i < 1200; i++)
      value(await ana.call('createIncident', { ...sampleIncident, description: `Report ${i}` }));
    value(
      await ana.call('joinNetwork', {
        relayUrl: `http://127.0.0.1:${h.port}`,
        network: 'pioneer-valley',
        passphrase: 'correct horse battery staple',
      }),
    );
    await settled([ana], 20_000);
    const head = h.relay.store.head('pioneer-valley');
    expect(head).toBeGreaterThan(20);

    const dbFile = join(h.dir, 'Beto.sqlite');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'fixtures', 'catch-up-child.ts'),
        dbFile,
        `http://127.0.0.1:${h.port}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const seq = Number(chunk.toString().trim().split('\n').at(-1));
        if (seq > 0 && seq < head) {
          child.kill('SIGKILL');
          resolve(seq);
        }
      });
      child.once('exit', () => reject(new Error('the console finished before it could be killed')));
    });
    await new Promise((r) => child.once('exit', r));
    expect(killedAt).toBeLessThan(head);

    // Restarted on the same file, it carries on from what it had committed.
    const beto = createConsoleBackend({
      dbFile,
      sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING },
    });
    h.consoles.push(beto);
    await settled([ana, beto], 20_000);
    expect(snapshot(beto)).toEqual(snapshot(ana));
    const counts = beto.ctx.db.$client
      .prepare(
        `SELECT (SELECT count(*) FROM incidents) AS incidents,
                (SELECT count(*) FROM activity_log) AS activity,
                (SELECT count(DISTINCT op_id) FROM op_log WHERE origin = 'remote') AS ops,
                (SELECT count(*) FROM sync_inbox) AS parked`,
      )
      .get();
    const anaOps = (
      ana.ctx.db.$client.prepare('SELECT count(*) AS n FROM op_log').get() as { n: number }
    ).n;
    expect(counts).toMatchObject({ incidents: 1200, ops: anaOps, parked: 0 });
  }, 60_000);

  it('clocks skewed by minutes: a small skew applies, one past the guard waits and then lands', async () => {
    h = await harness();
    let anaOffsetMs = 0;
    const ana = await h.console('Ana', { now: () => Date.now() + anaOffsetMs });
    // Beto's machine runs 2 minutes fast; Cleo's 12 minutes fast (past the 5-minute guard).
    const beto = await h.console('Beto', { now: () => Date.now() + 2 * 60_000 });
    const cleo = await h.console('Cleo', { now: () => Date.now() + 12 * 60_000 });
    await connected(ana, beto, cleo);

    const inc = value(await beto.call('createIncident', sampleIncident));
    await waitFor(async () => (await ana.call('getIncident', { id: inc.id })).ok, 'small skew');
    // Ana's clock has moved past Beto's: her later edit wins everywhere, despite her slow clock.
    value(await ana.call('updateIncident', { id: inc.id, changes: { description: 'Ana, later' } }));
    await waitFor(
      async () =>
        value(await beto.call('getIncident', { id: inc.id })).incident.description === 'Ana, later',
      "Ana's edit to win on Beto",
    );

    const far = value(
      await cleo.call('createIncident', { ...sampleIncident, description: 'From the future' }),
    );
    await waitFor(() => status(ana).waitingOpsCount > 0, 'the far-skewed op to be parked');
    expect((await ana.call('getIncident', { id: far.id })).ok).toBe(false);
    expect(status(ana).problems.some((p) => p.code === 'clock_drift')).toBe(true);
    expect(status(ana).waitingOps[0]).toMatchObject({ reason: 'clock_drift' });

    // When Ana's time reaches it (here: her clock is moved on), the parked op is applied.
    anaOffsetMs = 10 * 60_000;
    await waitFor(async () => (await ana.call('getIncident', { id: far.id })).ok, 'release');
    expect(status(ana).waitingOpsCount).toBe(0);
  }, 30_000);
});
