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
    expect(await page.getByTestId('incident-list').textContent()).toContain('Turners Falls');
  });

  it('lists responders with their towns', async () => {
    const { page } = c;
    await expect.poll(() => page.getByTestId('responder-item').count()).toBeGreaterThan(100);
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
    await switcher
      .getByRole('button', { name: /español/i })
      .or(switcher.locator('select'))
      .first()
      .waitFor();
    const select = switcher.locator('select');
    if (await select.count()) await select.selectOption('es');
    else await switcher.getByRole('button', { name: /español/i }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');
    await expect.poll(() => page.getByTestId('status-bar').textContent()).toMatch(/solo local/i);
    await expect
      .poll(() => page.getByTestId('incident-list').textContent())
      .toMatch(/Redada|Parada|Avistamiento/);
    if (await select.count()) await select.selectOption('en');
    else await switcher.getByRole('button', { name: /english/i }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
  });
});
