import type { RelayErrorCode } from '../../shared/sync/protocol';
import type { RelayState } from '../../shared/api/contract';
import type { PeopleText } from '../../shared/api/text';
import { textFor } from '../../shared/i18n';

export interface SyncProblem {
  at: string;
  code: string;
  /** English, for the log and for consoles that do not know `text.kind`. */
  message: string;
  /** The same for people, worded by the renderer; absent for a relay's own message. */
  text?: PeopleText;
}

/** A problem from its text: the English message is the English wording of that text. */
export function problem(at: string, code: string, text: PeopleText): SyncProblem {
  return { at, code, message: textFor('en', text), text };
}

export interface SyncCounters {
  applied: number;
  duplicates: number;
  parked: number;
  undecryptable: number;
  pushed: number;
  conflicts: number;
}

export interface StoreFailure {
  reason: 'disk_full' | 'apply_failed';
  text: PeopleText;
  since: string;
  /** Relay log items received and not stored (at least). */
  batches: number;
}

/** The most recent problems kept for the sync panel; older ones are in the log. */
const PROBLEMS_KEPT = 20;

/** What sync reports about itself: counters since start and the latest problems (newest last). */
export class SyncReport {
  readonly problems: SyncProblem[] = [];
  readonly counters: SyncCounters = {
    applied: 0,
    duplicates: 0,
    parked: 0,
    undecryptable: 0,
    pushed: 0,
    conflicts: 0,
  };

  /**
   * Set while received ops cannot be stored (disk full, a database error): this console is behind
   * the relay and says why, until a batch is stored again.
   */
  behind: StoreFailure | null = null;

  constructor(private readonly now: () => number) {}

  /** A received batch could not be stored: noted once per cause, kept until a batch lands. */
  storeFailed(code: StoreFailure['reason'], text: PeopleText, items: readonly unknown[]): void {
    const at = new Date(this.now()).toISOString();
    const first = this.behind?.reason !== code;
    this.behind = {
      reason: code,
      text,
      since: first ? at : this.behind!.since,
      batches: Math.max(items.length, this.behind?.batches ?? 0),
    };
    if (first) this.note(code, text);
  }

  storeRecovered(): void {
    this.behind = null;
  }

  /** Records a problem; `text` is a relay's own message when it is a string. */
  note(code: string, text: PeopleText | string, log = true): void {
    const at = new Date(this.now()).toISOString();
    const entry = typeof text === 'string' ? { at, code, message: text } : problem(at, code, text);
    this.push(entry);
    if (log) console.warn(`sync: ${code}: ${entry.message}`);
  }

  push(problem: SyncProblem): void {
    this.problems.push(problem);
    if (this.problems.length > PROBLEMS_KEPT)
      this.problems.splice(0, this.problems.length - PROBLEMS_KEPT);
  }
}

/** Relay refusals after which the relay closes the connection and retrying will not help. */
export const FATAL_RELAY_CODES = [
  'wrong_passphrase',
  'protocol_too_old',
  'relay_too_old',
  'network_not_allowed',
  'invite_invalid',
  'invite_used',
  'invite_expired',
  'rejoin_required',
] as const satisfies readonly RelayErrorCode[];
export type FatalRelayCode = (typeof FATAL_RELAY_CODES)[number];

/** The connection facts the relay state is read from. */
export interface ConnectionFacts {
  fatal: FatalRelayCode | null;
  welcomed: boolean;
  everConnected: boolean;
  disconnectedAt: number | null;
  peers: readonly string[];
}

/**
 * The relay state a console shows: a fatal relay error wins; then connected; a console that has
 * never been connected is "connecting"; one that lost the relay is "reconnecting" until
 * `offlineAfterMs` has passed, then "offline".
 */
export function relayStateOf(
  facts: ConnectionFacts,
  pendingChanges: number,
  offlineAfterMs: number,
  nowMs: number,
): RelayState {
  if (facts.fatal === 'wrong_passphrase')
    return { state: 'wrong_passphrase', pendingChanges, peers: [] };
  if (facts.fatal === 'rejoin_required')
    return { state: 'passphrase_changed', pendingChanges, peers: [] };
  if (facts.fatal === 'protocol_too_old' || facts.fatal === 'relay_too_old')
    return { state: 'protocol_too_old', pendingChanges, peers: [] };
  if (facts.fatal) return { state: 'offline', pendingChanges, peers: [] };
  if (facts.welcomed) {
    const peers = [...new Set(facts.peers)].sort((a, b) => a.localeCompare(b));
    return { state: 'connected', pendingChanges, peers };
  }
  if (!facts.everConnected && !facts.disconnectedAt)
    return { state: 'connecting', pendingChanges, peers: [] };
  const away = facts.disconnectedAt ? nowMs - facts.disconnectedAt : 0;
  return {
    state: away >= offlineAfterMs ? 'offline' : 'reconnecting',
    pendingChanges,
    peers: [],
  };
}
