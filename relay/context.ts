import type { Server } from 'socket.io';
import type { RelayLimits } from './limits';
import type { RelayStore } from './sqlite-store';

/** One structured record per line; never given payloads. */
export type RelayLog = (record: Record<string, unknown>) => void;

/** What every part of a running relay shares. */
export interface RelayContext {
  io: Server;
  store: RelayStore;
  limits: RelayLimits;
  log: RelayLog;
  /** When set, only these networks may register or connect. */
  allowed: ReadonlySet<string> | null;
  /** Open socket.io connections on this node. */
  stats: { connections: number; startedAt: number };
  logFailure(on: string, error: unknown): void;
}

export const jsonLog: RelayLog = (record) => {
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...record })}\n`);
};

export const errorText = (error: unknown): string =>
  String((error as Error)?.message ?? error).slice(0, 200);
