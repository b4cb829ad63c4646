/**
 * Prints a self-contained HTML page to PDF with headless Chromium (playwright-core), honoring the
 * page's own @page size. Every request is refused: printed pages must not fetch anything.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export async function htmlToPdf(html: string, pdfFile: string): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH)`);
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    // Nothing may be fetched: the briefing is self-contained by design.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
