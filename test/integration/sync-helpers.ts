import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend, type ConsoleBackend } from '../../backend/console-backend';
import {
  startRelay,
  type RelayHandle,
  type RelayLimits,
  type RelayOptions,
} from '../../relay/server';
import { mutate } from '../../backend/mutation';
import { uuidv7 } from '../../shared/ids';
import { syncControllerFor } from '../../backend/sync/controller';
import { openOps } from '../../backend/sync/inbound';
import { deriveNetworkSecretSync, keysFromSecret } from '../../shared/sync/crypto';
import { testEncryption } from '../test-passphrase';

/** Cheap KDF for tests (the same on every console of a test network). */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery staple';
export const TEST_TUNING = {
  reconnectDelayMs: 50,
  reconnectDelayMaxMs: 250,
  offlineAfterMs: 800,
  pollMs: 150,
  resyncMs: 500,
};

export interface Harness {
  dir: string;
  relay: RelayHandle;
  port: number;
  restartRelay(): Promise<void>;
  stopRelay(): Promise<void>;
  startRelayAgain(): Promise<void>;
  console(
    name: string,
    options?: {
      join?: boolean;
      passphrase?: string;
      now?: () => number;
      /** Join through this port instead of the relay's (a proxy in between). */
      relayPort?: number;
      invite?: string;
    },
  ): Promise<ConsoleBackend>;
  consoles: ConsoleBackend[];
  cleanup(): Promise<void>;
}

/** `relayOptions` may be changed between restarts (a quota raised, registration closed). */
export async function harness(
  limits: Partial<RelayLimits> = {},
  relayOptions: Partial<RelayOptions> & { postgresUrl?: undefined } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-it-'));
  const relayDir = join(dir, 'relay');
  let relay: RelayHandle | null = await startRelay({
    port: 0,
    dataDir: relayDir,
    log: () => {},
    limits,
    openRegistration: true,
    ...relayOptions,
  });
  const port = relay.port;
  const consoles: ConsoleBackend[] = [];
  const h: Harness = {
    dir,
    get relay() {
      return relay!;
    },
    port,
    consoles,
    async stopRelay() {
      await relay?.close();
      relay = null;
    },
    async startRelayAgain() {
      relay = await startRelay({
        port,
        dataDir: relayDir,
        log: () => {},
        limits,
        openRegistration: true,
        ...relayOptions,
      });
    },
    async restartRelay() {
      await h.stopRelay();
      await h.startRelayAgain();
    },
    async console(name, options = {}) {
      const backend = createConsoleBackend({
        ...testEncryption,
        dbFile: join(dir, `${name}.sqlite`),
        sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING },
        ...(options.now ? { now: options.now } : {}),
      });
      consoles.push(backend);
      await backend.call('setDispatcherName', { name });
      if (options.join !== false) {
        const joined = await backend.call('joinNetwork', {
          relayUrl: `http://127.0.0.1:${options.relayPort ?? port}`,
          network: 'pioneer-valley',
          passphrase: options.passphrase ?? PASSPHRASE,
          ...(options.invite ? { invite: options.invite } : {}),
        });
        if (!joined.ok) throw new Error(joined.error.message);
      }
      return backend;
    },
    async cleanup() {
      for (const c of consoles) {
        try {
          c.close();
        } catch {
          // already closed
        }
      }
      await relay?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  timeoutMs = 8000,
): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export function relayState(b: ConsoleBackend) {
  return syncControllerFor(b.ctx).status().relay;
}

export function status(b: ConsoleBackend) {
  return syncControllerFor(b.ctx).status();
}

/** All state a dispatcher can see, for convergence checks. */
export function snapshot(b: ConsoleBackend): Record<string, unknown[]> {
  const sqlite = b.ctx.db.$client;
  const tables: Record<string, string> = {
    incidents: 'SELECT * FROM incidents ORDER BY id',
    responders: 'SELECT * FROM responders ORDER BY id',
    assignments: 'SELECT * FROM assignments ORDER BY id',
    settings: 'SELECT * FROM settings ORDER BY id',
    activity_log: 'SELECT * FROM activity_log ORDER BY id',
    field_clocks: 'SELECT * FROM field_clocks ORDER BY entity, entity_id, field',
    op_ids: 'SELECT op_id FROM op_log ORDER BY op_id',
  };
  const state = Object.fromEntries(
    Object.entries(tables).map(([k, q]) => [k, sqlite.prepare(q).all()]),
  );
  // Caller contact stays on the console that took the call (backend/op-log-redaction.ts).
  state.incidents = (state.incidents as Record<string, unknown>[]).map(
    ({ reporter_name: _name, reporter_phone: _phone, ...shared }) => shared,
  );
  state.field_clocks = (state.field_clocks as { field: string }[]).filter(
    (c) => c.field !== 'reporterName' && c.field !== 'reporterPhone',
  );
  return state;
}

export async function settled(consoles: ConsoleBackend[], timeoutMs = 10_000): Promise<void> {
  await waitFor(
    () => {
      const st = consoles.map((c) => status(c));
      if (st.some((s) => s.relay.state !== 'connected' || s.relay.pendingChanges > 0)) return false;
      const seqs = new Set(st.map((s) => s.lastSeq));
      return seqs.size === 1;
    },
    'consoles to settle',
    timeoutMs,
  );
}

/** Writes an assignment straight through the mutation path (drag-to-assign is not built yet). */
export function assign(
  b: ConsoleBackend,
  incidentId: string,
  responderId: string,
  status = 'notified',
): string {
  const id = uuidv7();
  const now = new Date().toISOString();
  mutate(b.ctx, {
    activity: {
      kind: 'assignment.created',
      message: `Assigned responder to incident`,
      params: { responderId },
      entity: 'assignment',
      entityId: id,
      incidentId,
    },
    changes: [
      {
        entity: 'assignment',
        id,
        create: true,
        fields: {
          incidentId,
          responderId,
          role: 'rally_responder',
          status,
          statusChangedAt: now,
          etaAt: null,
          declineReason: null,
          overrideReason: null,
          lastCheckInAt: null,
          createdAt: now,
          updatedAt: now,
        },
      },
    ],
  });
  b.ctx.emit({ type: 'changed', entities: [{ entity: 'assignment', id }], origin: 'local' });
  return id;
}

/** The ids of every op the relay's log holds for the test network, opened with its key. */
export function opIdsOnRelay(h: Harness): string[] {
  const network = 'pioneer-valley';
  const keys = keysFromSecret(deriveNetworkSecretSync(PASSPHRASE, network, TEST_SCRYPT), network);
  return h.relay.store
    .read(network, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    .flatMap((item) =>
      openOps(keys, item.blob).flatMap((entry) => ('op' in entry ? [entry.op.opId] : [])),
    );
}
