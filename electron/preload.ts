import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ConsoleApi } from '../shared/api/contract';
import { API_OPERATION_NAMES } from '../shared/api/operation-names';
import type { BackendEvent } from '../shared/api/events';
import type { ConsoleBridge } from '../shared/api/bridge';

/**
 * The only thing the (sandboxed, context-isolated) renderer gets: one named function per contract
 * operation, and an event subscription. ipcRenderer itself, a generic invoke(channel) and the
 * IpcRendererEvent (whose `sender` is ipcRenderer) never cross the bridge, so a compromised page
 * can reach exactly the operations in the contract, each validated again in the main process.
 *
 * The names come from shared/api/operation-names, a dependency-free module that the bundler
 * inlines (a sandboxed preload cannot require() packages such as zod).
 */

const EVENT_CHANNEL = 'api:event';

const api = Object.fromEntries(
  API_OPERATION_NAMES.map((name) => [
    name,
    (input: unknown) => ipcRenderer.invoke(`api:${name}`, input),
  ]),
) as ConsoleApi;

const bridge: ConsoleBridge = {
  api,
  onEvent(listener) {
    // Hand the page the event payload only, never the IpcRendererEvent.
    const handler = (_event: IpcRendererEvent, payload: BackendEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  // "Save as PDF" of the print view (electron/print-to-pdf.ts; the main process asks
  // where to save, so the page never names a path). The channel name is inlined on purpose.
  printToPdf: (suggestedName: string) => ipcRenderer.invoke('print:pdf', String(suggestedName)),
};

contextBridge.exposeInMainWorld('consoleBridge', bridge);
