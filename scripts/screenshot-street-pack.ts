/**
 * The offline street map, for docs/screenshots/offline-street-map.png, and the time to its first
 * paint: the console in Chromium with every https:// request refused, the committed test pack
 * installed, "Main & Dwight, Holyoke" placed from the intake form, then zoomed to street level.
 * Prints one JSON line: ms from picking the place (the map jumps to Holyoke) to the first
 * street tile painted from the pack.
 *
 *   npx electron-vite build && npx tsx scripts/screenshot-street-pack.ts [outDir]
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchConsole } from '../test/e2e/console-harness';

const outDir = resolve(process.argv[2] ?? 'docs/screenshots');

const paintedPackTiles = () => {
  let painted = 0;
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.street-pack-layer canvas')) {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    if (data?.some((v, i) => i % 4 === 3 && v > 0)) painted++;
  }
  return painted;
};

mkdirSync(outDir, { recursive: true });
const c = await launchConsole({
  beforeOpen: async (backend) => {
    const r = await backend.call('importMapPack', {
      path: resolve('test', 'fixtures', 'map-packs', 'test-streets.pmtiles'),
    });
    if (!r.ok) throw new Error(r.error.message);
  },
});
try {
  const { page } = c;
  await page.getByTestId('incident-item').first().waitFor();
  await page.keyboard.press('n');
  const box = page.getByRole('combobox', { name: /Location/ });
  await box.focus();
  await page.keyboard.type('Main & Dwight, Holyoke');
  const first = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first();
  await first.filter({ hasText: 'Intersection' }).waitFor();
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForFunction(paintedPackTiles, undefined, { polling: 20, timeout: 15_000 });
  const firstPaintMs = Date.now() - t0;
  for (let i = 0; i < 2; i++) {
    await page.locator('.leaflet-control-zoom-in').click();
    await page.waitForTimeout(600);
  }
  await page.waitForTimeout(1500);
  await page.screenshot({ path: resolve(outDir, 'offline-street-map.png') });
  process.stdout.write(
    `${JSON.stringify({ bench: 'streets.first_paint', n: 1, first_paint_ms: firstPaintMs })}\n`,
  );
} finally {
  await c.close();
}
