import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { seriousViolations } from './axe';

const SHOTS = resolve('docs', 'screenshots');

/** Board cards wholly inside the list's visible box and the window. */
const fullyVisibleCards = (page: Page) =>
  page.getByTestId('incident-item').evaluateAll((items) => {
    const list = items[0]?.closest('[data-testid="incident-list"]')?.getBoundingClientRect();
    if (!list) return 0;
    return items.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= list.top - 1 && r.bottom <= list.bottom + 1 && r.bottom <= window.innerHeight;
    }).length;
  });

describe('accessibility: axe-core on the main screen, each dialog and the Spanish screen', () => {
  let c: ConsoleUnderTest;

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.setViewportSize({ width: 1280, height: 720 });
    await c.page.getByTestId('incident-item').nth(5).waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  const closeDialog = async () => {
    await c.page.keyboard.press('Escape');
    await c.page
      .locator('dialog[open]')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  };

  it('finds nothing serious on the main screen (English), screenshot at 1280x720', async () => {
    const { page } = c;
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing selected: the details are one line and the board shows at least five cards.
    expect(await fullyVisibleCards(page)).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: resolve(SHOTS, 'console-1280-en.png') });
  });

  it('finds nothing serious with an incident selected and its candidates shown', async () => {
    const { page } = c;
    await page.getByTestId('incident-item').first().click();
    await page.getByTestId('candidate-item').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  const dialogs: [string, (page: Page) => Promise<void>][] = [
    [
      'shortcut help',
      async (page) => {
        await page.locator('body').click({ position: { x: 640, y: 700 } });
        await page.keyboard.press('?');
      },
    ],
    [
      'assign',
      async (page) => {
        await page.getByTestId('candidate-item').first().focus();
        await page.keyboard.press('g');
      },
    ],
    ['briefing preview', (page) => page.getByTestId('print-briefing').click()],
    ['shift metrics', (page) => page.getByRole('button', { name: 'Shift metrics' }).click()],
    [
      'briefing settings',
      (page) => page.getByRole('button', { name: 'Briefing settings' }).click(),
    ],
    ['end shift', (page) => page.getByRole('button', { name: 'End shift / Hand off' }).click()],
    ['relay network', (page) => page.getByRole('button', { name: /Relay network/ }).click()],
  ];
  for (const [name, open] of dialogs) {
    it(`finds nothing serious in the ${name} dialog`, async () => {
      const { page } = c;
      await open(page);
      await page.locator('dialog[open]').waitFor();
      await page.waitForTimeout(300);
      try {
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await closeDialog();
      }
    });
  }

  it('finds nothing serious in the intake form', async () => {
    const { page } = c;
    await page.locator('body').click({ position: { x: 640, y: 700 } });
    await page.keyboard.press('n');
    await page.locator('#intake-type').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('#intake-type').waitFor({ state: 'detached' });
  });

  it('finds nothing serious on the Spanish screen, screenshot at 1280x720', async () => {
    const { page } = c;
    await page.getByTestId('language-switch').locator('button[lang="es"]').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');
    // Nothing selected, as a dispatcher starts the shift.
    await page.reload();
    await page.getByTestId('incident-item').nth(5).waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('map').getByRole('button', { name: 'Acercar' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await fullyVisibleCards(page)).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: resolve(SHOTS, 'console-1280-es.png') });
    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
  });
});
