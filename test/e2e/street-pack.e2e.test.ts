import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

/**
 * The installed street pack drawn offline (every https:// request is refused by the harness)
 * and a street query placed on it from the intake form.
 */
describe('offline street map from an installed pack', () => {
  let c: ConsoleUnderTest;
  const packRequests: number[] = [];

  beforeAll(async () => {
    c = await launchConsole({
      beforeOpen: async (backend) => {
        const r = await backend.call('importMapPack', {
          path: resolve('test', 'fixtures', 'map-packs', 'test-streets.pmtiles'),
        });
        if (!r.ok) throw new Error(r.error.message);
      },
    });
    c.page.on('response', (res) => {
      if (res.url().includes('/map-pack/')) packRequests.push(res.status());
    });
    await c.page.getByTestId('incident-item').first().waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('places "Main & Dwight, Holyoke" at the intersection and draws the streets there', async () => {
    const { page } = c;
    await page.keyboard.press('n');
    const box = page.getByRole('combobox', { name: /Location/ });
    await box.focus();
    await page.keyboard.type('Main & Dwight, Holyoke');
    const first = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first();
    await expect.poll(() => first.textContent(), { timeout: 10_000 }).toMatch(/Intersection/);
    expect(await first.textContent()).toContain('Main & Dwight, Holyoke');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#intake-location-precision').textContent())
      .toMatch(/Precision: Intersection/);

    // The map zoomed to the point; the pack's street tiles are drawn there, with no internet.
    const paintedTiles = () =>
      page.evaluate(() => {
        const tiles = document.querySelectorAll<HTMLCanvasElement>('.street-pack-layer canvas');
        let painted = 0;
        for (const canvas of tiles) {
          const data = canvas
            .getContext('2d')
            ?.getImageData(0, 0, canvas.width, canvas.height).data;
          if (data?.some((v, i) => i % 4 === 3 && v > 0)) painted++;
        }
        return painted;
      });
    await expect.poll(paintedTiles, { timeout: 15_000 }).toBeGreaterThan(0);
    // Read from the console's own host by byte ranges.
    expect(packRequests).toContain(206);
    expect(packRequests.every((s) => s === 206 || s === 200)).toBe(true);
  });
});
