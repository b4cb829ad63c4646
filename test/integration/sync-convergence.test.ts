import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openConsoleDb } from '../../db/open';
import { applyOpInTransaction } from '../../backend/mutation';
import { ApiFailure } from '../../shared/api/result';
import { OpSchema, type Op } from '../../shared/sync/op';
import type { ConsoleBackend } from '../../backend/console-backend';
import { syncControllerFor } from '../../backend/sync/controller';
import { uuidv7 } from '../../shared/ids';
import {
  assign,
  harness,
  settled,
  snapshot,
  waitFor,
  relayState,
  opIdsOnRelay,
  type Harness,
} from './sync-helpers';
import { sampleIncident, sampleResponder, value } from './helpers';
import { PartitionSim } from './partition-sim';

/**
 * Property: whatever the dispatchers do on 3 consoles, with consoles dropping off the relay, the
 * relay restarting, and ops arriving in different interleavings, every console ends with the
 * same state and every op made anywhere is on every console. CI runs a few cases; `npm run
 * test:soak` runs SYNC_SOAK_RUNS of them (default 200).
 */
const RUNS = Number(process.env.SYNC_SOAK_RUNS ?? 5);

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

type Command =
  | { t: 'edit'; c: number; i: number; text: string }
  | { t: 'note'; c: number; i: number }
  | { t: 'create'; c: number }
  | { t: 'assign'; c: number; i: number; r: number }
  | { t: 'status'; c: number; i: number; to: 'verifying' | 'confirmed' | 'false_alarm' }
  | { t: 'toggle'; c: number }
  | { t: 'restartRelay' }
  | { t: 'wait'; ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    t: fc.constant('edit' as const),
    c: fc.nat(2),
    i: fc.nat(5),
    text: fc.string({ maxLength: 20 }),
  }),
  fc.record({ t: fc.constant('note' as const), c: fc.nat(2), i: fc.nat(5) }),
  fc.record({ t: fc.constant('create' as const), c: fc.nat(2) }),
  fc.record({ t: fc.constant('assign' as const), c: fc.nat(2), i: fc.nat(5), r: fc.nat(2) }),
  fc.record({
    t: fc.constant('status' as const),
    c: fc.nat(2),
    i: fc.nat(5),
    to: fc.constantFrom('verifying' as const, 'confirmed' as const, 'false_alarm' as const),
  }),
  fc.record({ t: fc.constant('toggle' as const), c: fc.nat(2) }),
  fc.constant({ t: 'restartRelay' as const }),
  fc.record({ t: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 40 }) }),
);

async function incidentsOf(c: ConsoleBackend): Promise<string[]> {
  return value(await c.call('listIncidents', { scope: 'all' }))
    .map((i) => i.id)
    .sort();
}

describe('sync convergence (property)', () => {
  it(
    'random ops, disconnects, relay restarts and reordering leave 3 consoles identical with no op lost',
    async () => {
      const responders = [uuidv7(), uuidv7(), uuidv7()];
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 18 }), async (commands) => {
          h = await harness();
          const cs = [await h.console('Ana'), await h.console('Beto'), await h.console('Cleo')];
          await waitFor(() => cs.every((c) => relayState(c).state === 'connected'), 'connected');
          value(await cs[0]!.call('createIncident', sampleIncident));
          await settled(cs);
          const offline = new Set<number>();
          for (const cmd of commands) {
            const c = 'c' in cmd ? cs[cmd.c]! : cs[0]!;
            const ids = await incidentsOf(c);
            const incident = 'i' in cmd ? ids[cmd.i % ids.length]! : ids[0]!;
            switch (cmd.t) {
              case 'edit':
                value(
                  await c.call('updateIncident', {
                    id: incident,
                    changes: { description: cmd.text },
                  }),
                );
                break;
              case 'note':
                value(
                  await c.call('addIncidentNote', {
                    incidentId: incident,
                    text: `note ${uuidv7()}`,
                  }),
                );
                break;
              case 'create':
                value(
                  await c.call('createIncident', {
                    ...sampleIncident,
                    description: 'made in test',
                  }),
                );
                break;
              case 'assign':
                assign(c, incident, responders[cmd.r]!);
                break;
              case 'status':
                // Workflow refusals are fine: they change nothing.
                await c.call('transitionIncident', { id: incident, to: cmd.to, verifiedBy: 'V' });
                break;
              case 'toggle': {
                const sync = syncControllerFor(c.ctx);
                if (offline.has(cmd.c)) {
                  sync.startIfConfigured();
                  offline.delete(cmd.c);
                } else {
                  sync.stop();
                  offline.add(cmd.c);
                }
                break;
              }
              case 'restartRelay':
                await h.restartRelay();
                break;
              case 'wait':
                await new Promise((r) => setTimeout(r, cmd.ms));
                break;
            }
          }
          for (const i of offline) syncControllerFor(cs[i]!.ctx).startIfConfigured();
          await settled(cs, 20_000);
          const snaps = cs.map(snapshot);
          expect(snaps[1]).toEqual(snaps[0]);
          expect(snaps[2]).toEqual(snaps[0]);
          // No op lost: every local op of every console is everywhere, and nothing is parked.
          const localOps = cs.flatMap((c) =>
            (
              c.ctx.db.$client.prepare("SELECT op_id FROM op_log WHERE origin = 'local'").all() as {
                op_id: string;
              }[]
            ).map((r) => r.op_id),
          );
          expect(new Set(localOps).size).toBe(localOps.length);
          expect((snaps[0]!.op_ids as unknown[]).length).toBe(localOps.length);
          for (const c of cs) {
            expect(c.ctx.db.$client.prepare('SELECT count(*) AS n FROM sync_inbox').get()).toEqual({
              n: 0,
            });
          }
          // The relay holds each op at least once (replays after a lost ack may add copies).
          expect(new Set(opIdsOnRelay(h))).toEqual(new Set(localOps));
          await h.cleanup();
          h = undefined;
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    },
    Math.max(30_000, RUNS * 15_000),
  );

  it('the merge rule: applying the same ops in any order gives the same state (LWW per field by HLC)', async () => {
    h = await harness();
    const [a, b] = [await h.console('Ana'), await h.console('Beto')];
    await waitFor(
      () => relayState(a).state === 'connected' && relayState(b).state === 'connected',
      'connected',
    );
    const inc = value(await a.call('createIncident', sampleIncident));
    await settled([a, b]);
    await h.stopRelay();
    for (let n = 0; n < 4; n++) {
      value(
        await a.call('updateIncident', {
          id: inc.id,
          changes: { description: `a${n}`, affectedAdults: n },
        }),
      );
      value(
        await b.call('updateIncident', {
          id: inc.id,
          changes: { description: `b${n}`, affectedChildren: n },
        }),
      );
    }
    assign(a, inc.id, uuidv7());
    await h.startRelayAgain();
    await settled([a, b]);
    // Every op, whole: each console's own ops (received ones keep only a header).
    const ops = [a, b].flatMap((c) =>
      (
        c.ctx.db.$client.prepare("SELECT body FROM op_log WHERE origin = 'local'").all() as {
          body: string;
        }[]
      ).map((r) => OpSchema.parse(JSON.parse(r.body))),
    );
    const expected = snapshot(a);
    const stateOf = (order: Op[]) => {
      const db = openConsoleDb(':memory:');
      let pending = order;
      // Updates that arrive before their record's create wait, as sync_inbox does.
      while (pending.length > 0) {
        const retry: Op[] = [];
        for (const op of pending) {
          try {
            db.$client.transaction(() => applyOpInTransaction(db, op, 'remote', 0))();
          } catch (error) {
            if (error instanceof ApiFailure && error.code === 'not_found') retry.push(op);
            else throw error;
          }
        }
        expect(retry.length).toBeLessThan(pending.length);
        pending = retry;
      }
      const s = snapshot({ ctx: { db } } as unknown as ConsoleBackend);
      db.$client.close();
      return s;
    };
    fc.assert(
      fc.property(
        fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }),
        (order) => {
          const s = stateOf(order);
          expect(s.incidents).toEqual(expected.incidents);
          expect(s.assignments).toEqual(expected.assignments);
          expect(s.field_clocks).toEqual(expected.field_clocks);
          expect(s.activity_log).toEqual(expected.activity_log);
        },
      ),
      { numRuns: 25 },
    );
  });

  it(
    'partitions, concurrent edits of the same fields, close/reopen and deactivate/assign: 3 consoles converge and no acknowledged edit vanishes without a conflict naming it',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mergeCommand, { minLength: 4, maxLength: 30 }), async (cmds) => {
          const sim = new PartitionSim();
          try {
            await runMergeScenario(sim, cmds);
          } finally {
            sim.cleanup();
          }
        }),
        { numRuns: Math.max(RUNS, 20), endOnFailure: true },
      );
    },
    Math.max(60_000, RUNS * 2_000),
  );
});

type MergeCommand =
  | { t: 'edit'; c: number; i: number; text: string }
  | { t: 'status'; c: number; i: number; to: 'mobilizing' | 'stood_down' | 'closed' }
  | { t: 'assign'; c: number; i: number; r: number }
  | { t: 'active'; c: number; r: number; active: boolean }
  | { t: 'phoneAdd'; c: number; r: number; n: number }
  | { t: 'phoneRemove'; c: number; r: number }
  | { t: 'sync'; c: number };

const mergeCommand: fc.Arbitrary<MergeCommand> = fc.oneof(
  fc.record({
    t: fc.constant('edit' as const),
    c: fc.nat(2),
    i: fc.nat(1),
    text: fc.string({ minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    t: fc.constant('status' as const),
    c: fc.nat(2),
    i: fc.nat(1),
    to: fc.constantFrom('mobilizing' as const, 'stood_down' as const, 'closed' as const),
  }),
  fc.record({ t: fc.constant('assign' as const), c: fc.nat(2), i: fc.nat(1), r: fc.nat(1) }),
  fc.record({
    t: fc.constant('active' as const),
    c: fc.nat(2),
    r: fc.nat(1),
    active: fc.boolean(),
  }),
  fc.record({ t: fc.constant('phoneAdd' as const), c: fc.nat(2), r: fc.nat(1), n: fc.nat(9) }),
  fc.record({ t: fc.constant('phoneRemove' as const), c: fc.nat(2), r: fc.nat(1) }),
  fc.record({ t: fc.constant('sync' as const), c: fc.nat(2) }),
);

/** An acknowledged edit: what it set, and which ops its author had seen when making it. */
interface Edit {
  opId: string;
  hlc: string;
  target: string;
  value: string;
  seen: Set<string>;
}

async function runMergeScenario(sim: PartitionSim, cmds: MergeCommand[]): Promise<void> {
  const start = Date.parse('2026-11-28T14:00:00Z');
  const cs = [sim.console(start), sim.console(start + 7), sim.console(start + 13)];
  const [first] = cs;
  const incidents = [
    value(await first!.call('createIncident', sampleIncident)).id,
    value(await first!.call('createIncident', sampleIncident)).id,
  ];
  const responders = [
    value(await first!.call('createResponder', sampleResponder)).id,
    value(await first!.call('createResponder', { ...sampleResponder, name: 'Tomas Prueba' })).id,
  ];
  sim.settle(...cs);
  const edits: Edit[] = [];
  const phoneAdds: Edit[] = [];
  const phoneRemovals: Edit[] = [];
  const latestOp = (c: ConsoleBackend) => {
    const sqlite = c.ctx.db.$client;
    const op = sqlite
      .prepare("SELECT op_id, hlc FROM op_log WHERE origin = 'local' ORDER BY hlc DESC LIMIT 1")
      .get() as { op_id: string; hlc: string };
    const seen = new Set(sqlite.prepare('SELECT op_id FROM op_log').pluck().all() as string[]);
    seen.delete(op.op_id);
    return { opId: op.op_id, hlc: op.hlc, seen };
  };
  for (const [step, cmd] of cmds.entries()) {
    const c = cs[cmd.c]!;
    for (const clock of sim.clocks.values()) clock.now += 1000;
    switch (cmd.t) {
      case 'edit': {
        const id = incidents[cmd.i]!;
        const text = `#${step} ${cmd.text}`.trim();
        if ((await c.call('updateIncident', { id, changes: { description: text } })).ok)
          edits.push({ ...latestOp(c), target: id, value: text });
        break;
      }
      case 'status':
        await c.call('transitionIncident', { id: incidents[cmd.i]!, to: cmd.to });
        break;
      case 'assign':
        await c.call('createAssignment', {
          incidentId: incidents[cmd.i]!,
          responderId: responders[cmd.r]!,
          overrideReason: 'Test: the guards are not what this checks',
        });
        break;
      case 'active':
        await c.call('updateResponder', {
          id: responders[cmd.r]!,
          changes: { active: cmd.active },
        });
        break;
      case 'phoneAdd':
      case 'phoneRemove': {
        const id = responders[cmd.r]!;
        const phones = value(await c.call('getResponder', { id })).phones;
        if (cmd.t === 'phoneRemove' && phones.length === 0) break;
        const e164 = `+1413555${String(100 + step).padStart(4, '0')}`;
        const next =
          cmd.t === 'phoneAdd'
            ? [...phones, { e164, original: e164, label: '' }].slice(-4)
            : phones.slice(1);
        if (!(await c.call('updateResponder', { id, changes: { phones: next } })).ok) break;
        const made = latestOp(c);
        if (cmd.t === 'phoneAdd') phoneAdds.push({ ...made, target: id, value: e164 });
        for (const gone of phones.filter((p) => !next.some((n) => n.e164 === p.e164)))
          phoneRemovals.push({ ...made, target: id, value: gone.e164 });
        break;
      }
      case 'sync':
        sim.push(c);
        sim.pull(c);
        break;
    }
  }
  sim.settle(...cs);

  const snaps = cs.map(snapshot);
  expect(snaps[1]).toEqual(snaps[0]);
  expect(snaps[2]).toEqual(snaps[0]);
  for (const c of cs)
    expect(c.ctx.db.$client.prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);

  // A description that is not the final one was seen by a later edit, or a conflict names it.
  for (const c of cs) {
    const named = new Set(
      (
        c.ctx.db.$client
          .prepare("SELECT versions FROM conflicts WHERE kind = 'concurrent_text'")
          .pluck()
          .all() as string[]
      ).flatMap((v) => (JSON.parse(v) as { opId: string }[]).map((x) => x.opId)),
    );
    for (const e of edits) {
      const final = c.ctx.db.$client
        .prepare('SELECT description FROM incidents WHERE id = ?')
        .pluck()
        .get(e.target);
      if (final === e.value) continue;
      const overwrittenInView = edits.some(
        (f) => f.target === e.target && f.hlc > e.hlc && f.seen.has(e.opId),
      );
      expect(overwrittenInView || named.has(e.opId), `edit "${e.value}" lost silently`).toBe(true);
    }
  }
  // A phone added stays unless a removal made after seeing that add took it away.
  for (const add of phoneAdds) {
    const phones = value(await first!.call('getResponder', { id: add.target })).phones;
    if (phones.some((p) => p.e164 === add.value)) continue;
    const removedInView = phoneRemovals.some(
      (r) => r.target === add.target && r.value === add.value && r.seen.has(add.opId),
    );
    expect(removedInView, `phone ${add.value} lost silently`).toBe(true);
  }
  // Every automatic repair is a conflict on every console.
  for (const c of cs) {
    const repairs = c.ctx.db.$client
      .prepare("SELECT count(*) FROM op_log WHERE actor = 'Sync (automatic repair)'")
      .pluck()
      .get();
    const recorded = c.ctx.db.$client
      .prepare("SELECT count(*) FROM conflicts WHERE kind = 'invariant_repair'")
      .pluck()
      .get();
    expect(recorded).toBe(repairs);
  }
}
