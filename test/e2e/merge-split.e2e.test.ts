import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

type Incident = { id: string; reportCount: number; mergedIntoId: string | null };

describe('duplicate reports: merge and split', () => {
  let c: ConsoleUnderTest;
  let first: Incident;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    c = await launchConsole();
    first = await call<Incident>('createIncident', {
      type: 'workplace_raid',
      triage: 'mobilize_now',
      location: {
        text: 'Amherst',
        streetText: 'N Pleasant St',
        lat: 42.3685,
        lon: -72.5193,
        precision: 'street',
        town: 'Amherst',
      },
    });
    await c.page.getByTestId('incident-item').first().waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('proposes the merge after saving a report nearby; Enter merges; the board shows 2 reports', async () => {
    const { page } = c;
    await page.keyboard.press('Alt+N');
    await page.getByLabel('Type of incident').selectOption('workplace_raid');
    await page.getByRole('radio', { name: 'Verify first only' }).check();
    const location = page.getByRole('combobox', { name: /Location/ });
    await location.fill('amherst ma');
    await location.press('ArrowDown');
    await location.press('Enter');
    await page.getByLabel('Description').fill('Second caller, same mill');
    await page.getByLabel('Description').press('Control+Enter');

    await page.getByTestId('intake-form').waitFor({ state: 'detached' });
    const dialog = page.getByRole('dialog', { name: 'Possible duplicate' });
    await dialog.waitFor({ timeout: 5_000 });
    expect(await dialog.textContent()).toMatch(
      // The new report is Amherst's town point: metres to a street point would mean nothing.
      /Possible duplicate: Workplace raid at Amherst, same town, exact distance unknown, 0 min apart/,
    );
    // Focus is trapped in the modal dialog: Tab stays inside.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => page.getByTestId('incident-item').count()).toBe(7);
    const item = page.locator(`[data-testid="incident-item"][data-id="${first.id}"]`);
    expect(await item.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => item.textContent()).toContain('2 reports');
    expect(await item.textContent()).toContain('Corroborated');
    const merged = await call<{ incident: Incident; mergedReports: Incident[] }>('getIncident', {
      id: first.id,
    });
    expect(merged.incident.reportCount).toBe(2);
    expect(merged.mergedReports).toHaveLength(1);
    const timeline = page.getByTestId('timeline');
    await expect.poll(() => timeline.textContent()).toMatch(/Report merged in .*now 2 reports/);
  });

  it('splits the report out again from the details panel', async () => {
    const { page } = c;
    const reports = page.getByTestId('merged-reports');
    await reports.waitFor();
    await reports.getByRole('button', { name: /Split out the report from Amherst/ }).click();
    await expect.poll(() => page.getByTestId('incident-item').count()).toBe(8);
    const item = page.locator(`[data-testid="incident-item"][data-id="${first.id}"]`);
    await expect.poll(() => item.textContent()).not.toContain('2 reports');
    await expect
      .poll(() => page.getByTestId('timeline').textContent())
      .toContain('Report split out again: Amherst');
    const open = await call<Incident[]>('listIncidents', { scope: 'open', town: 'Amherst' });
    expect(open.map((i) => i.reportCount)).toEqual([1, 1]);
  });
});
