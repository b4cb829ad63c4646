import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

const packFile = (name: string) => resolve('test', 'fixtures', 'map-packs', name);

/** Street tiles of the pack drawn on the map (canvases with painted pixels). */
const paintedTiles = (page: Page) =>
  page.evaluate(() => {
    let painted = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(
      '.street-pack-layer canvas',
    )) {
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (data?.some((v, i) => i % 4 === 3 && v > 0)) painted++;
    }
    return painted;
  });

const pinAt = async (page: Page) => {
  const pin = page.getByTestId('pick-pin');
  return {
    lat: Number(await pin.getAttribute('data-lat')),
    lon: Number(await pin.getAttribute('data-lon')),
  };
};

/**
 * The street pack chosen in settings (sent to the console in pieces, as in browser mode), drawn
 * offline, and the intake pin placed without a mouse: arrow keys move it, Shift farther, and it
 * snaps onto the pack's streets. A pack dropped on the window replaces it.
 */
describe('street pack from settings and keyboard pin placement', () => {
  let c: ConsoleUnderTest;

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.getByTestId('incident-item').first().waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('installs the pack chosen in settings and says what it holds', async () => {
    const { page } = c;
    await page.getByRole('button', { name: 'Briefing settings' }).click();
    const dialog = page.getByTestId('settings-dialog');
    const status = dialog.getByTestId('map-pack-status');
    expect(await status.textContent()).toMatch(/^No street map is installed/);
    await dialog
      .getByLabel('Street map pack file (.pmtiles or .mbtiles)')
      .setInputFiles(packFile('test-streets.pmtiles'));
    await expect
      .poll(() => dialog.getByTestId('map-pack-message').textContent(), { timeout: 15_000 })
      .toBe('Street map installed: test-streets.pmtiles.');
    expect(await status.textContent()).toMatch(
      /^test-streets\.pmtiles \(PMTiles, 0\.0 MB\): \d+ street pieces in 4 towns\.$/,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('moves the pin with arrow keys, snapping onto Main Street, and draws the streets', async () => {
    const { page } = c;
    await page.keyboard.press('n');
    const box = page.getByRole('combobox', { name: /Location/ });
    await box.focus();
    await page.keyboard.type('Main St, Holyoke');
    const first = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/Street/);
    await page.keyboard.press('Enter');
    await expect.poll(() => paintedTiles(page), { timeout: 15_000 }).toBeGreaterThan(0);

    // Without a mouse: the form's button hands the focus to the pin.
    const placeButton = page.getByRole('button', { name: 'Place on map with arrow keys' });
    await placeButton.click();
    const pin = page.getByTestId('pick-pin');
    await expect.poll(() => pin.evaluate((el) => el === document.activeElement)).toBe(true);
    const onMain = await pinAt(page);
    const status = page.getByTestId('pick-pin-status');

    // South along Main Street: the pin stays on it.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => status.textContent()).toBe('Pin on Main Street, Holyoke');
    const south = await pinAt(page);
    const stepLat = onMain.lat - south.lat;
    expect(stepLat).toBeGreaterThan(0);

    // One step east leaves the street (a free point); one step back snaps onto it again.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => status.textContent()).toMatch(/^Pin at 42\.\d+, -72\.\d+$/);
    const east = await pinAt(page);
    const stepLon = east.lon - south.lon;
    expect(stepLon).toBeGreaterThan(0);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => status.textContent()).toBe('Pin on Main Street, Holyoke');
    expect(Math.abs((await pinAt(page)).lon - south.lon)).toBeLessThan(stepLon / 4);

    // Shift moves five times as far, still along (and on) Main Street.
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(async () => (await pinAt(page)).lat).toBeLessThan(south.lat);
    const far = await pinAt(page);
    expect((south.lat - far.lat) / stepLat).toBeGreaterThan(4.5);
    expect((south.lat - far.lat) / stepLat).toBeLessThan(5.5);
    expect(await status.textContent()).toBe('Pin on Main Street, Holyoke');

    // The form holds the point; Enter gives the focus back to it.
    expect(await page.locator('#intake-location-precision').textContent()).toContain(
      far.lat.toFixed(4),
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => placeButton.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('installs a pack dropped on the window', async () => {
    const { page } = c;
    const bytes = readFileSync(packFile('test-streets.mbtiles')).toString('base64');
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'test-streets.mbtiles'));
      const target = document.querySelector('[data-testid="map"]')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true }));
    }, bytes);
    await expect
      .poll(() => page.getByTestId('map-pack-message').textContent(), { timeout: 15_000 })
      .toBe('Street map installed: test-streets.mbtiles.');
  });
});
