import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';

/** The one IPC channel outside the contract: it needs the window's webContents, not the backend. */
export const PRINT_TO_PDF_CHANNEL = 'print:pdf';

/** A file name from the page title: letters, digits, spaces, dots and dashes, at most 80. */
export function safePdfName(suggested: unknown): string {
  const base =
    typeof suggested === 'string'
      ? suggested
          .normalize('NFKD')
          .replace(/[^\w .-]+/g, '')
          .trim()
          .slice(0, 80)
      : '';
  return `${base || 'briefing'}.pdf`;
}

/**
 * "Save as PDF" for the rally briefing and the hand-off brief: asks where to save (native dialog,
 * so the renderer never names a path), then prints the sender's page with the print stylesheet
 * (@media print shows only the briefing; @page sets the paper) via webContents.printToPDF.
 * The sender frame is checked like every API call.
 */
export function registerPrintToPdf(senderIsTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(PRINT_TO_PDF_CHANNEL, async (event, suggested: unknown) => {
    if (!senderIsTrusted(event))
      return { ok: false, message: 'This request did not come from the console window.' };
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!window) return { ok: false, message: 'No console window.' };
    const choice = await dialog.showSaveDialog(window, {
      defaultPath: safePdfName(suggested),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (choice.canceled || !choice.filePath) return { ok: false, message: 'Not saved.' };
    try {
      const pdf = await event.sender.printToPDF({ preferCSSPageSize: true, printBackground: true });
      await writeFile(choice.filePath, pdf);
      return { ok: true, path: choice.filePath };
    } catch (error) {
      return { ok: false, message: `Could not save the PDF: ${String(error)}` };
    }
  });
}
