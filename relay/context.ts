import type { Server } from 'socket.io';
import type { RelayLimits } from './limits';
import type { Quota, RelayStore } from './store';
import type { DiskGuard } from './disk-guard';

/** One structured record per line; never given payloads. */
export type RelayLog = (record: Record<string, unknown>) => void;

/** Which networks may register on this relay (a registered network connects with its token). */
export interface RegistrationPolicy {
  /** Any name registers on first contact: only with the operator's explicit flag. */
  open: boolean;
  /** Names the operator allowed to register without an invite. */
  allowed: ReadonlySet<string>;
}

/** What every part of a running relay shares. */
export interface RelayContext {
  io: Server;
  store: RelayStore;
  limits: RelayLimits;
  log: RelayLog;
  registration: RegistrationPolicy;
  quota: Quota;
  /** Log blobs covered by a snapshot are deleted once older than this. */
  retentionMs: number;
  /** Null when the log is not on this host's disk (PostgreSQL). */
  disk: DiskGuard | null;
  /** Open socket.io connections on this node. */
  stats: { connections: number; startedAt: number; clustered: boolean };
  logFailure(on: string, error: unknown): void;
}

export const jsonLog: RelayLog = (record) => {
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...record })}\n`);
};

export const errorText = (error: unknown): string =>
  String((error as Error)?.message ?? error).slice(0, 200);
