import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { englishLeaks, englishUiPhrases } from './english-leaks';

type Responder = { id: string; name: string; onCall: boolean; active: boolean };

/**
 * A shift in Spanish at 1280x720, panel by panel, dialog by dialog, including the refusals a
 * dispatcher meets (nothing to undo, an off-duty responder, a wrong PIN, an insecure relay): no
 * English sentence of the console's own may show, and the board cards' timers are never cut.
 */
describe('a Spanish shift at 1280x720 shows no English of the console', () => {
  let c: ConsoleUnderTest;
  const phrases = englishUiPhrases();
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  const noEnglish = async (where: string) => {
    expect(await englishLeaks(c.page, phrases), where).toEqual([]);
  };
  const closeDialogs = async (page: Page) => {
    for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()) > 0; i++) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(100);
    }
  };
  const select = async (page: Page, town: string) => {
    await page.getByTestId('incident-item').filter({ hasText: town }).first().click();
    await page.getByTestId('team-panel').waitFor();
  };

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.setViewportSize({ width: 1280, height: 720 });
    await c.page.getByTestId('incident-item').nth(5).waitFor();
    await c.page.getByTestId('language-switch').locator('button[lang="es"]').click();
    await c.page.locator('html[lang="es"]').waitFor({ state: 'attached' });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('knows enough English phrases to catch a leak', () => {
    expect(phrases.length).toBeGreaterThan(300);
    expect(phrases).toContain('There is no assignment action to undo on this console.');
  });

  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    it(`fits the board cards and the status bar at ${width}x${height}`, async () => {
      const { page } = c;
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="incident-item"]')].flatMap((card) => {
          const box = card.getBoundingClientRect();
          return [...card.querySelectorAll('.incident-item__meta > *')]
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return el.scrollWidth > el.clientWidth + 1 || r.right > box.right + 1;
            })
            .map((el) => el.textContent);
        }),
      );
      expect(cut).toEqual([]);
      // Timers of a fresh report fit one line beside the reference in Spanish too.
      const lines = await page.evaluate(() => {
        const meta = document.querySelector('[data-testid="incident-item"] .incident-item__meta');
        const spans = [...(meta?.children ?? [])].map((el) => el.getBoundingClientRect().top);
        return new Set(spans.map(Math.round)).size;
      });
      expect(lines).toBe(1);
      const bar = await page.getByTestId('status-bar').boundingBox();
      expect(bar && bar.y + bar.height).toBeLessThanOrEqual(height);
      await noEnglish(`main screen ${width}x${height}`);
    });
  }

  it('intake, its errors and the duplicate question', async () => {
    const { page } = c;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('body').click({ position: { x: 640, y: 700 } });
    await page.keyboard.press('n');
    const form = page.getByTestId('intake-form');
    await form.waitFor();
    await form.locator('button[type="submit"]').first().click();
    await form.getByRole('alert').first().waitFor();
    await noEnglish('intake with errors');
    await page.locator('#intake-type').selectOption('home_raid');
    await page.getByRole('radio', { name: 'Solo verificar primero' }).check();
    await page.getByRole('combobox', { name: /Lugar/ }).fill('Turners Falls');
    await page.waitForTimeout(500);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await form.locator('button[type="submit"]').first().click();
    await page.getByTestId('merge-dialog').waitFor();
    await noEnglish('possible duplicate');
    await page.keyboard.press('Escape');
    await page.getByTestId('merge-dialog').waitFor({ state: 'detached' });
  });

  it('details, timeline, candidates, assign, undo and its refusal', async () => {
    const { page } = c;
    await select(page, 'Holyoke');
    await page.getByTestId('candidate-item').first().waitFor();
    await noEnglish('details and candidates');
    await page.getByTestId('candidate-item').first().focus();
    await page.keyboard.press('g');
    await page.getByTestId('assign-dialog').waitFor();
    await noEnglish('assign dialog');
    await page.keyboard.press('Enter');
    await page.getByTestId('team-member').first().waitFor();
    await noEnglish('team with a proposed responder');
    await page.getByTestId('undo-assignment').click();
    await expect
      .poll(() => page.getByTestId('assign-announcer').textContent())
      .toMatch(/^Deshecho: asignación de /);
    await page.getByTestId('undo-assignment').click();
    await expect
      .poll(() => page.getByTestId('team-panel').getByRole('alert').textContent())
      .toBe('No hay ninguna acción de asignación que deshacer en esta consola.');
    await noEnglish('undo refused');
  });

  it('the override dialog words each guard in Spanish', async () => {
    const { page } = c;
    const offDuty = (await call<Responder[]>('listResponders', {})).find(
      (r) => !r.onCall && r.active,
    )!;
    await select(page, 'Springfield');
    await page.getByRole('tab', { name: 'Lista' }).click();
    await page.getByTestId('responder-search').fill(offDuty.name);
    await page.getByTestId('responder-item').first().click();
    await page.keyboard.press('g');
    await page.getByTestId('assign-dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('override-dialog').waitFor();
    const guards = await page.getByTestId('override-guards').textContent();
    expect(guards).toMatch(/fuera de turno|ya está asignado|capacitación|escenas/);
    await noEnglish('override dialog');
    await closeDialogs(page);
    await page.getByTestId('responder-search').fill('');
  });

  it('status board, roster dialogs, network errors, briefing, settings and shift dialogs', async () => {
    const { page } = c;
    await page.getByRole('tab', { name: 'Tablero de estado' }).click();
    await page.getByTestId('status-board').waitFor();
    await noEnglish('status board');
    await page.getByRole('tab', { name: 'Lista' }).click();

    const dialogs: [string, () => Promise<void>, string][] = [
      ['add responder', () => page.getByTestId('add-responder').click(), 'responder-dialog'],
      ['import', () => page.getByRole('button', { name: 'Importar CSV' }).click(), 'import-dialog'],
      ['network', () => page.getByTestId('network-button').click(), 'network-dialog'],
      ['briefing', () => page.getByTestId('print-briefing').click(), 'briefing-preview'],
      [
        'settings',
        () => page.getByRole('button', { name: /Configuración de informes/ }).click(),
        'settings-dialog',
      ],
      ['metrics', () => page.getByTestId('shift-metrics-button').click(), 'shift-metrics-dialog'],
      ['end shift', () => page.getByTestId('end-shift-button').click(), 'end-shift-dialog'],
    ];
    for (const [name, open, testId] of dialogs) {
      await open();
      const dialog = page.getByTestId(testId);
      await dialog.waitFor();
      await page.waitForTimeout(200);
      if (name === 'add responder') {
        await dialog.locator('button[type="submit"]').click();
        await dialog.getByRole('alert').first().waitFor();
      }
      if (name === 'network') {
        const inputs = dialog.locator('input');
        await inputs.nth(0).fill('http://relay.example.org');
        await inputs.nth(1).fill('pioneer-valley');
        await inputs.nth(2).fill('a fictional passphrase');
        await page.getByTestId('network-join').click();
        await dialog
          .getByText(/Use una dirección https:\/\//)
          .first()
          .waitFor();
      }
      await noEnglish(`${name} dialog`);
      await closeDialogs(page);
    }
  });

  it('the lock screen and a wrong PIN', async () => {
    const { page } = c;
    await page.getByTestId('lock-now').click();
    const lock = page.getByTestId('lock-screen');
    await lock.waitFor();
    await lock.locator('input').first().fill('000000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => lock.getByText(/PIN incorrecto/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await noEnglish('lock screen with a wrong PIN');
    await lock.locator('input').first().fill('123456');
    await page.keyboard.press('Enter');
    await lock.waitFor({ state: 'detached' });
  });

  it('finds the English on the English screen (the check can fail)', async () => {
    const { page } = c;
    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect((await englishLeaks(page, phrases)).length).toBeGreaterThan(5);
  });
  it('a refused map pack, then the end of the shift, in Spanish', async () => {
    const { page } = c;
    await page.getByTestId('language-switch').locator('button[lang="es"]').click();
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: /Configuración de informes/ }).click();
    await page.getByTestId('settings-dialog').waitFor();
    await page.locator('#map-pack-path').fill('/no-such-folder/calles-ficticias.pmtiles');
    await page.locator('#map-pack-path').press('Enter');
    await expect
      .poll(() => page.getByTestId('map-pack-message').textContent())
      .toBe('El mapa de calles no se instaló: Ese archivo no existe.');
    expect(await page.locator('#map-pack-path').getAttribute('aria-invalid')).toBe('true');
    await noEnglish('map pack refused');
    await closeDialogs(page);

    await page.getByTestId('end-shift-button').click();
    await page.getByTestId('end-shift-dialog').waitFor();
    await page.waitForTimeout(300);
    if ((await page.getByTestId('confirm-attention').count()) > 0)
      await page.getByTestId('confirm-attention').check();
    await page.getByTestId('confirm-end-shift').click();
    await page.getByTestId('shift-bar').waitFor({ state: 'detached' });
    // The stored placeholder name is nobody, worded as such, not the English "Dispatcher".
    await expect
      .poll(() => page.getByTestId('dispatcher-name').textContent())
      .toBe('Nadie ha iniciado turno');
    expect(await page.getByTestId('status-bar').textContent()).toContain('Nadie ha iniciado turno');
    await noEnglish('after the shift ended');
  });
});
