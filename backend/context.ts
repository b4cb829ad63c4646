import type { ConsoleDb } from '../db/open';
import type { BackendEvent } from '../shared/api/events';
import type { ApiName, ApiOutput, ApiParsedInput, RelayState } from '../shared/api/contract';
import type { MutationContext } from './mutation';

/** What every handler gets: the database, the clock, who is acting, and the event bus. */
export interface BackendContext extends MutationContext {
  db: ConsoleDb;
  mode: 'electron' | 'browser';
  emit: (event: BackendEvent) => void;
  relayState: () => RelayState;
}

/** One handler per contract operation: each area declares its part, backend/handlers.ts joins them. */
export type Handlers = {
  [N in ApiName]: (
    ctx: BackendContext,
    input: ApiParsedInput<N>,
  ) => ApiOutput<N> | Promise<ApiOutput<N>>;
};
