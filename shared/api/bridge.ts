import type { BackendEvent } from './events';
import type { ConsoleApi } from './contract';

/**
 * What the renderer is given to reach the backend, whatever carries it: the Electron preload
 * (IPC) or the browser-mode WebSocket. Declared here because both sides must agree on it.
 */
export interface ConsoleBridge {
  api: ConsoleApi;
  onEvent: (listener: (event: BackendEvent) => void) => () => void;
  onConnectionChange?: (listener: (connected: boolean) => void) => () => void;
  /**
   * Browser mode: how many saves lost their reply with the connection and are being checked
   * (sent again with their idempotency key once it is back). Electron IPC never loses a reply.
   */
  onSaveCheck?: (listener: (checking: number) => void) => () => void;
  /**
   * Electron only: saves the current print view (the rally briefing or hand-off brief) as a PDF
   * through the main process (webContents.printToPDF after a save dialog). Absent in browser mode.
   */
  printToPdf?: (
    suggestedName: string,
  ) => Promise<{ ok: true; path: string } | { ok: false; message: string }>;
}
