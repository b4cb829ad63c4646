import { createContext, useContext, useReducer, type Dispatch, type ReactNode } from 'react';
import {
  INITIAL_CONSOLE_STATE,
  consoleReducer,
  type ConsoleAction,
  type ConsoleState,
} from './console-state';

const StateContext = createContext<ConsoleState | null>(null);
const DispatchContext = createContext<Dispatch<ConsoleAction> | null>(null);

/**
 * The console store: React context over one reducer (console-state.ts). No store library: the
 * state is small, and a reducer keeps every transition in one pure, unit-tested function.
 * Dispatch has its own context so components that only send actions never re-render on changes.
 */
export function ConsoleStoreProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(consoleReducer, INITIAL_CONSOLE_STATE);
  return (
    <DispatchContext.Provider value={dispatch}>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
    </DispatchContext.Provider>
  );
}

export function useConsoleState(): ConsoleState {
  const state = useContext(StateContext);
  if (!state) throw new Error('useConsoleState must be used inside <ConsoleStoreProvider>');
  return state;
}

export function useConsoleDispatch(): Dispatch<ConsoleAction> {
  const dispatch = useContext(DispatchContext);
  if (!dispatch) throw new Error('useConsoleDispatch must be used inside <ConsoleStoreProvider>');
  return dispatch;
}
