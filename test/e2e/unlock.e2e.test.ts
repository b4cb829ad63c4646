import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { TEST_PASSPHRASE } from '../test-passphrase';

describe('the unlock screen', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole({ locked: true });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('comes before anything else, refuses a wrong passphrase in words, and opens with the right one', async () => {
    const { page } = c;
    const screen = page.getByTestId('unlock-screen');
    await screen.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Unlock the console');
    // Nothing of the console is on the page while it is locked.
    expect(await page.getByTestId('incident-item').count()).toBe(0);

    const field = page.getByLabel('Console passphrase');
    await field.fill('not the right passphrase');
    await field.press('Enter');
    const error = page.getByTestId('unlock-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'That passphrase does not open this console. Nothing was changed; try again.',
    );
    expect(await field.inputValue()).toBe('');

    await page.getByLabel('Language').selectOption('es');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Desbloquear la consola',
    );
    await page.getByLabel('Frase de contraseña de la consola').fill('otra frase equivocada');
    await page.getByRole('button', { name: 'Desbloquear' }).click();
    await expect
      .poll(() => error.textContent())
      .toBe('Esa frase de contraseña no abre esta consola. No se cambió nada; intente de nuevo.');
    await page.getByLabel('Idioma').selectOption('en');

    await field.fill(TEST_PASSPHRASE);
    await field.press('Enter');
    await screen.waitFor({ state: 'detached' });
    await page.getByTestId('incident-item').first().waitFor();
    expect(await page.getByTestId('incident-item').count()).toBeGreaterThan(0);
  });
});
