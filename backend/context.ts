import type { ConsoleDb } from '../db/open';
import type { BackendEvent } from '../shared/api/events';
import type { RelayState } from '../shared/api/contract';
import type { MutationContext } from './mutation';

/** What every handler gets: the database, the clock, who is acting, and the event bus. */
export interface BackendContext extends MutationContext {
  db: ConsoleDb;
  mode: 'electron' | 'browser';
  emit: (event: BackendEvent) => void;
  relayState: () => RelayState;
}
