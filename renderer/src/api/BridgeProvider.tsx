import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { resolveBridge } from './transport';
import type { ConsoleBridge } from '../../../shared/api/bridge';

interface BridgeState {
  bridge: ConsoleBridge;
  /** False while browser mode has lost its WebSocket (Electron IPC is always connected). */
  connected: boolean;
  /** Saves whose reply was lost with the connection, being checked (see transport.ts). */
  checkingSaves: number;
}

const BridgeContext = createContext<BridgeState | null>(null);

/** Resolves the backend bridge once for the whole app and tracks the connection. */
export function BridgeProvider({ children }: { children: ReactNode }) {
  const [bridge] = useState(resolveBridge);
  const [connected, setConnected] = useState(true);
  const [checkingSaves, setCheckingSaves] = useState(0);
  useEffect(() => bridge.onConnectionChange?.(setConnected), [bridge]);
  useEffect(() => bridge.onSaveCheck?.(setCheckingSaves), [bridge]);
  return (
    <BridgeContext.Provider value={{ bridge, connected, checkingSaves }}>
      {children}
    </BridgeContext.Provider>
  );
}

export function useBridge(): BridgeState {
  const state = useContext(BridgeContext);
  if (!state) throw new Error('useBridge must be used inside <BridgeProvider>');
  return state;
}
