import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

type Incident = {
  id: string;
  type: string;
  triage: string;
  status: string;
  verifiedBy: string | null;
  createdBy: string;
  location: { text: string; town: string | null; streetText: string | null; precision: string };
  salute: { agentsCount: number | null; agency: string };
};

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', text: el?.textContent?.trim() ?? '', tag: el?.tagName ?? '' };
  });

/** Tab until the focused element's text matches, at most `max` presses (keyboard only). */
async function tabTo(page: Page, text: RegExp, max = 12) {
  for (let i = 0; i < max; i++) {
    if (text.test((await focused(page)).text)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${text} with Tab; focus is on ${(await focused(page)).text}`);
}

describe('hotline intake from the keyboard only', () => {
  let c: ConsoleUnderTest;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  let created: Incident;

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.getByTestId('incident-item').nth(5).waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('opens the form with one key and saves it with Enter', async () => {
    const { page } = c;
    await expect(page.getByRole('button', { name: /New incident/ }).textContent()).resolves.toMatch(
      /N$/,
    );
    await page.keyboard.press('n');
    await expect.poll(async () => (await focused(page)).id).toBe('intake-type');

    // Type: typeahead on the select.
    await page.keyboard.type('Home');
    await expect.poll(() => page.getByLabel('Type of incident').inputValue()).toBe('home_raid');
    // Triage: a radio group, arrows choose.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Mobilize now' }).isChecked()).toBe(true);
    // Location: the combobox over the offline gazetteer.
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('intake-location');
    await page.keyboard.type('Turners Falls');
    const suggestions = page.getByRole('listbox', { name: 'Suggestions' });
    await expect
      .poll(() => suggestions.getByRole('option').first().textContent())
      .toContain('Turners Falls');
    await page.keyboard.press('ArrowDown');
    expect(
      await page.getByRole('combobox', { name: /Location/ }).getAttribute('aria-activedescendant'),
    ).toBe('intake-location-option-0');
    await page.keyboard.press('Enter');
    await expect.poll(() => suggestions.isHidden()).toBe(true);
    await expect
      .poll(() => page.locator('#intake-location-precision').textContent())
      .toMatch(/Precision: Village/);
    // The pin can be placed from here with the arrow keys; Tab goes on past it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      '✚ Place on map with arrow keys',
    );
    // Street as the caller said it, then SALUTE details.
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('intake-streetText');
    await page.keyboard.type('Avenue A');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Agents at a door, one man detained');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('intake-salute-agency');
    await page.keyboard.type('ICE');
    await expect.poll(() => page.getByLabel('Agency / uniform seen').inputValue()).toBe('ice_ero');
    await page.keyboard.press('Enter');

    // Saved: a duplicate of the demo's Turners Falls report is proposed; Esc keeps it separate.
    const dialog = page.getByRole('dialog', { name: 'Possible duplicate' });
    await dialog.waitFor();
    // The new report is the village point, so no metres are claimed.
    expect(await dialog.textContent()).toMatch(
      /Home raid at Turners Falls \(Montague\), same town, exact distance unknown/,
    );
    expect((await focused(page)).text).toBe('Merge into it');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const open = await call<Incident[]>('listIncidents', { scope: 'open' });
    expect(open).toHaveLength(7);
    const mine = open.filter((i) => i.location.streetText === 'Avenue A' && i.status === 'new');
    expect(mine).toHaveLength(1);
    created = mine[0]!;
    expect(created).toMatchObject({
      type: 'home_raid',
      triage: 'mobilize_now',
      location: { text: 'Turners Falls', town: 'Montague', precision: 'village' },
      salute: { agentsCount: 4, agency: 'ice_ero' },
    });
    // On the board and on the map, selected in both.
    await expect.poll(() => page.getByTestId('incident-item').count()).toBe(7);
    const item = page.locator(`[data-testid="incident-item"][data-id="${created.id}"]`);
    expect(await item.getAttribute('aria-selected')).toBe('true');
    expect(await item.textContent()).toContain('Turners Falls (Montague)');
    const marker = page.locator(`.incident-marker[data-incident-id="${created.id}"]`);
    await marker.waitFor();
    expect(await marker.getAttribute('aria-label')).toBe(
      'Home raid - New - Turners Falls (Montague), NEW',
    );
    expect(await marker.getAttribute('class')).toContain('is-selected');
    // The call-to-saved interval was measured.
    const timings = await call<{ incidentId: string; kind: string }[]>('listTimings', {});
    expect(timings.some((t) => t.incidentId === created.id && t.kind === 'call_to_saved')).toBe(
      true,
    );
  });

  it('marks it verifying, then ICE confirmed, from the keyboard', async () => {
    const { page } = c;
    const details = page.getByTestId('incident-details');
    await page.keyboard.press('s');
    await expect.poll(async () => (await focused(page)).tag).toBe('BUTTON');
    await tabTo(page, /^Verifying$/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => details.locator('.badge--status').first().textContent())
      .toBe('Verifying');
    // Focus lands on the first outcome.
    await expect.poll(async () => (await focused(page)).text).toBe('ICE confirmed');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('outcome-verifier');
    await page.keyboard.type('Rosa M.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Two marked ERO vests seen');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => details.locator('.badge--status').first().textContent())
      .toBe('Confirmed (ICE)');

    const timeline = page.getByTestId('timeline');
    await expect.poll(() => timeline.textContent()).toContain('Status: New → Verifying');
    expect(await timeline.textContent()).toContain(
      'Status: Verifying → Confirmed (ICE) (verifier: Rosa M.) - Two marked ERO vests seen',
    );
    const { incident } = await call<{ incident: Incident }>('getIncident', { id: created.id });
    expect(incident).toMatchObject({ status: 'confirmed', verifiedBy: 'Rosa M.' });
    const timings = await call<{ incidentId: string; kind: string }[]>('listTimings', {});
    expect(timings.some((t) => t.incidentId === created.id && t.kind === 'saved_to_verified')).toBe(
      true,
    );
  });

  it('follows a change made on another console; a stale step is refused', async () => {
    const { page } = c;
    // Another console moves the incident on meanwhile...
    await call('transitionIncident', { id: created.id, to: 'mobilizing' });
    // ...the event refreshes this board too, so the buttons follow the new status.
    await expect
      .poll(() =>
        page.getByTestId('incident-details').locator('.badge--status').first().textContent(),
      )
      .toBe('Mobilizing');
    // A transition sent with the old status is refused by the backend.
    const stale = await c.backend!.call('transitionIncident', {
      id: created.id,
      to: 'stood_down',
      expectedFrom: 'confirmed',
    });
    expect(stale.ok).toBe(false);
  });

  it('lists every shortcut in the "?" overlay, in English and Spanish', async () => {
    const { page } = c;
    await page.locator('#details-heading').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const text = await help.textContent();
    for (const key of ['Alt+N', 'Ctrl+Enter', 'Esc', '/']) expect(text).toContain(key);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.getByTestId('language-switch').locator('button[lang="es"]').click();
    await page.locator('#details-heading').focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Atajos de teclado' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
  });
});
