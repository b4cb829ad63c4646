/**
 * Renders the console in Chromium at 1440x900 and saves the screenshots committed under
 * docs/screenshots/: the live board (demo network plus a merged report, a verification in
 * progress, a note) and the intake form mid-call. Run: npx electron-vite build && npx tsx
 * scripts/screenshots.ts [outDir]
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchConsole } from '../test/e2e/console-harness';

const outDir = resolve(process.argv[2] ?? 'docs/screenshots');

async function main() {
  mkdirSync(outDir, { recursive: true });
  const c = await launchConsole();
  const { page, backend } = c;
  try {
    if (!backend) throw new Error('screenshots need browser mode');
    const must = async <T>(op: string, input: unknown): Promise<T> => {
      const r = await backend.call(op as never, input as never);
      if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
      return r.value as T;
    };
    type Inc = { id: string; type: string; location: { text: string } };
    const open = await must<Inc[]>('listIncidents', { scope: 'open' });
    const holyoke = open.find((i) => i.location.text === 'Holyoke')!;
    const turners = open.find((i) => i.location.text === 'Turners Falls')!;
    // A second caller reports the Holyoke stop from across the street: merged.
    const second = await must<Inc>('createIncident', {
      type: 'vehicle_stop',
      triage: 'mobilize_now',
      location: {
        text: 'Holyoke',
        streetText: 'Dwight St near the bakery',
        lat: 42.2052,
        lon: -72.6045,
        precision: 'street',
        town: 'Holyoke',
      },
      salute: { agentsCount: 3, vehiclesCount: 2, activity: 'Two SUVs, driver in cuffs' },
      language: 'es',
      callReceivedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
    });
    await must('mergeIncidents', { intoId: holyoke.id, reportId: second.id });
    // The demo seed may already have moved it on; a refusal here is fine.
    await backend.call('transitionIncident', { id: turners.id, to: 'verifying' });
    await must('addIncidentNote', {
      incidentId: holyoke.id,
      text: 'Verifier Ana on the way, ETA 6 min',
    });

    await page.getByTestId('incident-item').first().waitFor();
    await page.getByTestId('tile-banner').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('incident-item').filter({ hasText: '2 reports' }).click();
    await page.getByTestId('merged-reports').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: resolve(outDir, 'board.png') });

    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('n');
    await page.getByLabel('Type of incident').waitFor();
    await page.getByLabel('Type of incident').selectOption('workplace_raid');
    await page.getByRole('radio', { name: 'Mobilize now' }).check();
    await page.getByRole('combobox', { name: /Location/ }).fill('Turners');
    await page.getByRole('combobox', { name: /Location/ }).press('ArrowDown');
    await page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
    await page.screenshot({ path: resolve(outDir, 'intake-suggestions.png') });
    await page.getByRole('combobox', { name: /Location/ }).press('Enter');
    // A click near the picked village sets an exact point (the pin can then be dragged).
    const map = page.getByTestId('map');
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 30, box.y + box.height / 2 + 20);
    await page.getByLabel(/Street, address/).fill('Industrial Blvd, loading dock');
    await page.getByLabel('Agents (count)').fill('6');
    await page.getByLabel('Vehicles (count)').fill('3');
    await page.getByLabel('Activity').fill('Agents at the loading dock, workers inside');
    await page.getByLabel('Agency / uniform seen').selectOption('ice_ero');
    await page.getByLabel('Description').fill('Caller works there; about 20 workers inside.');
    await page.getByLabel(/Street, address/).focus();
    await page.locator('.intake').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(800);
    await page.screenshot({ path: resolve(outDir, 'intake-form.png') });
    console.log(`Saved ${outDir}/board.png and ${outDir}/intake-form.png`);
  } finally {
    await c.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
