import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

type Incident = { id: string; outsideRegionReason: string | null };

describe('intake refuses bad input at the fields and stores nothing', () => {
  let c: ConsoleUnderTest;
  const openCount = async () => {
    const r = await c.backend!.call('listIncidents', { scope: 'all' });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as Incident[]).length;
  };

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.getByTestId('incident-item').first().waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('shows a message at each empty required field and saves nothing', async () => {
    const { page } = c;
    const before = await openCount();
    await page.getByRole('button', { name: /New incident/ }).click();
    const type = page.getByLabel('Type of incident');
    await type.waitFor();
    await page.getByLabel('Agents (count)').fill('many');
    await type.press('Enter');

    await page.getByTestId('intake-error').waitFor();
    expect(await type.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#intake-type-error').textContent()).toBe(
      'Choose the type of incident',
    );
    expect(await type.getAttribute('aria-describedby')).toContain('intake-type-error');
    expect(await page.locator('#intake-triage-error').textContent()).toBe('Choose a triage level');
    const location = page.getByRole('combobox', { name: /Location/ });
    expect(await location.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#intake-location-error').textContent()).toMatch(
      /Choose a place from the suggestions/,
    );
    expect(await page.locator('#intake-salute-agentsCount-error').textContent()).toMatch(
      /whole number/,
    );
    // The first invalid field has focus.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('intake-type');
    expect(await openCount()).toBe(before);
  });

  it('rewords the shown errors when the dispatcher switches to Spanish and back', async () => {
    const { page } = c;
    const switcher = page.getByTestId('language-switch');
    await switcher.locator('button[lang="es"]').click();
    await expect
      .poll(() => page.locator('#intake-type-error').textContent())
      .toBe('Elija el tipo de incidente');
    expect(await page.locator('#intake-triage-error').textContent()).toBe(
      'Elija una clasificación',
    );
    expect(await page.getByTestId('intake-error').textContent()).toContain(
      'Revise los campos marcados abajo.',
    );
    await switcher.locator('button[lang="en"]').click();
    await expect
      .poll(() => page.locator('#intake-type-error').textContent())
      .toBe('Choose the type of incident');
    expect(await page.getByTestId('intake-error').textContent()).toContain(
      'Check the fields marked below.',
    );
  });

  it('warns about a Boston location and saves it only with a reason', async () => {
    const { page } = c;
    const before = await openCount();
    await page.getByLabel('Type of incident').selectOption('arrest');
    await page.getByRole('radio', { name: 'Verify first only' }).check();
    await page.getByLabel('Agents (count)').fill('2');
    const location = page.getByRole('combobox', { name: /Location/ });
    await location.fill('42.3601, -71.0589');
    await expect
      .poll(() => page.getByRole('option', { name: /outside Western Mass/ }).count())
      .toBe(1);
    await location.press('Enter');
    const warning = page.getByTestId('outside-region-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('outside Western Massachusetts');
    const reason = page.getByLabel('Reason to save anyway');
    await reason.waitFor();

    await location.press('Enter');
    await expect
      .poll(() => page.locator('#intake-outsideRegionReason-error').textContent())
      .toContain('Give a reason');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await openCount()).toBe(before);

    await reason.fill('Family from Holyoke detained at the Boston field office');
    await reason.press('Enter');
    await page.getByTestId('intake-form').waitFor({ state: 'detached' });
    expect(await openCount()).toBe(before + 1);
    const all = await c.backend!.call('listIncidents', { scope: 'open', query: '42.36' });
    expect(all.ok && (all.value as Incident[])[0]?.outsideRegionReason).toBe(
      'Family from Holyoke detained at the Boston field office',
    );
  });

  it('asks before discarding a typed form with Esc', async () => {
    const { page } = c;
    await page.locator('body').press('n');
    const description = page.getByLabel('Description');
    await description.fill('half a report');
    await description.press('Escape');
    const confirm = page.getByRole('dialog', { name: 'Discard this report?' });
    await confirm.waitFor();
    await page.keyboard.press('Escape'); // keep editing
    await confirm.waitFor({ state: 'hidden' });
    expect(await description.inputValue()).toBe('half a report');
    await description.press('Escape');
    await confirm.getByRole('button', { name: 'Discard' }).click();
    await page.getByTestId('intake-form').waitFor({ state: 'detached' });
  });
});
