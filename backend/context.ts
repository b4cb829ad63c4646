import type { ConsoleDb } from '../db/open';
import type { BackendEvent } from '../shared/api/events';
import type { ApiName, ApiOutput, ApiParsedInput, RelayState } from '../shared/api/contract';
import type { MutationContext } from './mutation';
import type { PinHashCost } from './shifts/pin-hash';
import type { ConsolePassphraseCheck } from './shifts/console-passphrase-check';

/** What every handler gets: the database, the clock, who is acting, and the event bus. */
export interface BackendContext extends MutationContext {
  db: ConsoleDb;
  mode: 'electron' | 'browser';
  emit: (event: BackendEvent) => void;
  relayState: () => RelayState;
  /** PIN hash parameters; production's unless a test passed cheaper ones in code. */
  pinHashCost: PinHashCost;
  /** Proves the console passphrase for a takeover of a locked console (absent: refused). */
  consolePassphrase?: ConsolePassphraseCheck;
}

/** One handler per contract operation: each area declares its part, backend/handlers.ts joins them. */
export type Handlers = {
  [N in ApiName]: (
    ctx: BackendContext,
    input: ApiParsedInput<N>,
  ) => ApiOutput<N> | Promise<ApiOutput<N>>;
};
