import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { startRelay, type RelayHandle } from '../../relay/server';
import { sampleIncident } from '../integration/helpers';
import { PASSPHRASE, TEST_SCRYPT, TEST_TUNING } from '../integration/sync-helpers';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { seriousViolations } from './axe';
import { englishLeaks, englishUiPhrases } from './english-leaks';

/**
 * Changing the network passphrase from the network dialog (Chromium, browser mode): A's
 * organizer types the new passphrase twice and their PIN; B's status bar and dialog say in words
 * that it was changed elsewhere, a wrong passphrase is refused, the right one re-keys B, and a
 * change B made meanwhile reaches A.
 */
const NETWORK = 'pioneer-valley';
const NEW_PASSPHRASE = 'granite river lantern morning';
const PIN = '246813';

describe('changing the network passphrase from the dialog', () => {
  let dir: string;
  let relay: RelayHandle | null = null;
  let a: ConsoleUnderTest;
  let b: ConsoleUnderTest;

  const join_ = (name: string) => async (backend: ConsoleBackend) => {
    const signed = await backend.call('signOn', { name, pin: PIN, newDispatcher: true });
    if (!signed.ok) throw new Error(signed.error.message);
    const joined = await backend.call('joinNetwork', {
      relayUrl: relay!.url,
      network: NETWORK,
      passphrase: PASSPHRASE,
    });
    if (!joined.ok) throw new Error(joined.error.message);
  };
  const openDialog = async (page: Page) => {
    await page.getByTestId('network-button').click();
    const dialog = page.getByTestId('network-dialog');
    await dialog.waitFor();
    return dialog;
  };
  const incidents = (c: ConsoleUnderTest) =>
    c.backend!.ctx.db.$client.prepare('SELECT description FROM incidents').pluck().all();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rotation-e2e-'));
    relay = await startRelay({
      port: 0,
      dataDir: join(dir, 'relay'),
      log: () => {},
      openRegistration: true,
    });
    const backend = { sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING } };
    [a, b] = await Promise.all([
      launchConsole({ demo: false, backend, beforeOpen: join_('Ana') }),
      launchConsole({ demo: false, backend, beforeOpen: join_('Beto') }),
    ]);
    const made = await a.backend!.call('createIncident', {
      ...sampleIncident,
      description: 'Two vans at the bakery',
    });
    if (!made.ok) throw new Error(made.error.message);
    for (const c of [a, b])
      await c.page.getByTestId('relay-state').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes it on A with the passphrase twice and the PIN; B says so and re-joins with the new one', async () => {
    const dialog = await openDialog(a.page);
    await dialog.getByTestId('rotate-open').click();
    const submit = dialog.getByTestId('rotate-submit');
    expect(await seriousViolations(a.page)).toEqual([]);

    // Two different entries: said at the second field, nothing sent.
    await a.page.locator('#rot-passphrase').fill(NEW_PASSPHRASE);
    await a.page.locator('#rot-repeat').fill('granite river lantern evening');
    await a.page.locator('#rot-pin').fill(PIN);
    await submit.click();
    await expect
      .poll(() => dialog.locator('#rot-repeat-error').textContent())
      .toBe('The two passphrases differ');

    // A wrong PIN: refused at the PIN field.
    await a.page.locator('#rot-passphrase').fill(NEW_PASSPHRASE);
    await a.page.locator('#rot-repeat').fill(NEW_PASSPHRASE);
    await a.page.locator('#rot-pin').fill('999999');
    await submit.click();
    await expect
      .poll(() => dialog.locator('#rot-pin-error').textContent(), { timeout: 8000 })
      .toContain('Wrong PIN');
    expect(await a.page.locator('#rot-passphrase').inputValue()).toBe('');

    // Right: done, with the new epoch; the fields are gone.
    await a.page.locator('#rot-passphrase').fill(NEW_PASSPHRASE);
    await a.page.locator('#rot-repeat').fill(NEW_PASSPHRASE);
    await a.page.locator('#rot-pin').fill(PIN);
    await submit.click();
    await expect
      .poll(() => dialog.getByTestId('rotate-done').textContent(), { timeout: 10_000 })
      .toContain('The network passphrase was changed (key epoch 2)');
    await expect
      .poll(() => dialog.getByTestId('sync-epoch').textContent(), { timeout: 8000 })
      .toBe('2');
    await a.page.keyboard.press('Escape');

    // B: told in words in the status bar; its change waits.
    await expect
      .poll(() => b.page.getByTestId('relay-notice').textContent(), { timeout: 8000 })
      .toContain(
        'The network passphrase was changed on another console. Enter the new passphrase to keep syncing.',
      );
    const waiting = await b.backend!.call('createIncident', {
      ...sampleIncident,
      description: 'Checkpoint on Main Street',
    });
    expect(waiting.ok).toBe(true);
    await expect
      .poll(() => b.page.getByTestId('relay-pending').textContent(), { timeout: 5000 })
      .toMatch(/1 change waiting/);

    const bDialog = await openDialog(b.page);
    const rejoin = bDialog.getByTestId('rejoin-form');
    await rejoin.waitFor();
    expect(await seriousViolations(b.page)).toEqual([]);
    await b.page.locator('#rejoin-passphrase').fill('not the new passphrase');
    await bDialog.getByTestId('rejoin-submit').click();
    await expect
      .poll(() => bDialog.locator('#rejoin-passphrase-error').textContent(), { timeout: 8000 })
      .toContain('it is not the network’s new passphrase');
    await b.page.locator('#rejoin-passphrase').fill(NEW_PASSPHRASE);
    await bDialog.getByTestId('rejoin-submit').click();
    await expect
      .poll(() => bDialog.getByTestId('network-state').textContent(), { timeout: 10_000 })
      .toMatch(/Connected/);
    await expect
      .poll(() => incidents(a), { timeout: 10_000 })
      .toContain('Checkpoint on Main Street');
    expect(incidents(b)).toContain('Two vans at the bakery');
  });

  it('says it in Spanish, with no English, and refuses a wrong passphrase in Spanish', async () => {
    const { page } = b;
    await page.keyboard.press('Escape');
    await page.getByTestId('language-switch').locator('button[lang="es"]').click();
    const again = await a.backend!.call('rotateNetworkPassphrase', {
      passphrase: 'harbor willow copper autumn',
      pin: PIN,
    });
    expect(again.ok).toBe(true);
    await expect
      .poll(() => page.getByTestId('relay-notice').textContent(), { timeout: 8000 })
      .toContain('La frase de acceso de la red se cambió en otra consola.');
    const dialog = await openDialog(page);
    await dialog.getByTestId('rejoin-form').waitFor();
    await page.locator('#rejoin-passphrase').fill('tampoco es la frase nueva');
    await dialog.getByTestId('rejoin-submit').click();
    await expect
      .poll(() => dialog.locator('#rejoin-passphrase-error').textContent(), { timeout: 8000 })
      .toContain('no es la nueva frase de la red');
    expect(await englishLeaks(page, englishUiPhrases())).toEqual([]);
    await page.locator('#rejoin-passphrase').fill('harbor willow copper autumn');
    await dialog.getByTestId('rejoin-submit').click();
    await expect
      .poll(() => dialog.getByTestId('network-state').textContent(), { timeout: 10_000 })
      .toMatch(/Conectado/);
    await dialog.getByTestId('rotate-open').click();
    expect(await englishLeaks(page, englishUiPhrases())).toEqual([]);
  });
});
