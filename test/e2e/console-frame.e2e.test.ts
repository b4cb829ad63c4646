import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

describe('the console frame', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('shows the Western Mass offline map with county outlines and town labels', async () => {
    const { page } = c;
    await page.getByTestId('map').waitFor();
    await expect.poll(() => page.locator('.county-outline').count()).toBeGreaterThanOrEqual(4);
    await expect
      .poll(() => page.locator('.town-label', { hasText: 'Holyoke' }).count())
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.town-label', { hasText: 'Pittsfield' }).count())
      .toBeGreaterThan(0);
  });

  it('lists the demo incidents on the board and on the map', async () => {
    const { page } = c;
    await expect.poll(() => page.getByTestId('incident-item').count()).toBe(6);
    await expect.poll(() => page.locator('.incident-marker').count()).toBe(6);
    expect(await page.getByTestId('incident-list').textContent()).toContain('Montague');
  });

  it('lists responders with their towns, windowed so a large roster stays smooth', async () => {
    const { page } = c;
    await expect
      .poll(() => page.getByTestId('responder-count').textContent())
      .toMatch(/^(\d+) of \1$/);
    const total = Number((await page.getByTestId('responder-count').textContent())!.split(' ')[0]);
    expect(total).toBeGreaterThan(100);
    // Only the rows in view (plus a few) are in the DOM; each says where it sits in the whole list.
    const items = page.getByTestId('responder-item');
    const rendered = await items.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(total);
    expect(await items.first().getAttribute('aria-setsize')).toBe(String(total));
    expect(await items.first().textContent()).toMatch(
      /(On call|Available until \d\d:\d\d|Off duty)/,
    );
    // End in the list brings the last responder into the DOM and selects it.
    await page.getByRole('listbox', { name: 'Responders' }).focus();
    await page.keyboard.press('End');
    const last = page.locator(`[data-testid="responder-item"][aria-posinset="${total}"]`);
    await expect.poll(() => last.getAttribute('aria-selected')).toBe('true');
    expect(await items.count()).toBeLessThan(total);
  });

  it('says tiles are unavailable and keeps the offline map', async () => {
    const { page } = c;
    await page.getByTestId('tile-banner').waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('shows the relay state and the dispatcher in the status bar', async () => {
    const text = await c.page.getByTestId('status-bar').textContent();
    expect(text).toMatch(/local only/i);
    expect(text).toContain('Demo Dispatcher');
  });

  it('switches the whole UI to Spanish and back', async () => {
    const { page } = c;
    const switcher = page.getByTestId('language-switch');
    await switcher.locator('button[lang="es"]').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');
    await expect.poll(() => page.getByTestId('status-bar').textContent()).toMatch(/Solo local/);
    await expect
      .poll(() => page.getByTestId('incident-list').textContent())
      .toMatch(/Redada en casa/);
    expect(await switcher.locator('button[lang="es"]').getAttribute('aria-pressed')).toBe('true');
    await switcher.locator('button[lang="en"]').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.getByTestId('incident-list').textContent()).toMatch(/Home raid/);
  });
});
