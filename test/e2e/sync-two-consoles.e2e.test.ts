import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { startRelay, type RelayHandle } from '../../relay/server';
import type { ApiInput } from '../../shared/api/contract';
import { sampleIncident, sampleResponder } from '../integration/helpers';
import { PASSPHRASE, TEST_SCRYPT, TEST_TUNING } from '../integration/sync-helpers';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

/**
 * Two browser-mode consoles (each its own backend, SQLite file and Chromium) on one relay
 * running in-process on a loopback port. Both consoles use a cheap scrypt (backend option
 * `sync.scrypt`, the same on both) so joining through the dialog takes milliseconds; the real
 * default costs about 0.7 s per join. Set SCREENSHOTS_DIR to save the documentation shots.
 */
const NETWORK = 'pioneer-valley';
const SHOTS = process.env.SCREENSHOTS_DIR;

type Incident = { id: string };
type Responder = { id: string; name: string };

const holyoke: ApiInput<'createIncident'> = {
  ...sampleIncident,
  type: 'workplace_raid',
  location: {
    text: 'Holyoke',
    lat: 42.2043,
    lon: -72.6162,
    precision: 'town',
    town: 'Holyoke',
  },
  description: 'Agents at the loading dock, two vans',
};

describe('two consoles on one relay', () => {
  let dir: string;
  let relay: RelayHandle | null = null;
  let port = 0;
  let a: ConsoleUnderTest;
  let b: ConsoleUnderTest;
  let relayUrl = '';

  const startTheRelay = async () => {
    relay = await startRelay({
      port,
      dataDir: join(dir, 'relay'),
      log: () => {},
      openRegistration: true,
    });
    port = relay.port;
    relayUrl = `http://127.0.0.1:${port}`;
  };
  const call = async <T>(c: ConsoleUnderTest, op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  const relayText = (page: Page) => page.getByTestId('relay-state').textContent();
  const statusBar = (page: Page) => page.getByTestId('status-bar').textContent();
  const signOn = (name: string, pin: string) => async (backend: ConsoleBackend) => {
    const r = await backend.call('signOn', { name, pin, newDispatcher: true });
    if (!r.ok) throw new Error(r.error.message);
  };
  const fillJoin = async (page: Page, url: string, passphrase: string) => {
    await page.locator('#net-relayUrl').fill(url);
    await page.locator('#net-network').fill(NETWORK);
    await page.locator('#net-passphrase').fill(passphrase);
    await page.getByTestId('network-join').click();
  };
  const select = async (page: Page, text: string) => {
    const item = page.getByTestId('incident-item').filter({ hasText: text });
    await item.first().click();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-e2e-'));
    await startTheRelay();
    const backend = { sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING } };
    [a, b] = await Promise.all([
      launchConsole({ demo: false, backend, beforeOpen: signOn('Ana', '246813') }),
      launchConsole({ demo: false, backend, beforeOpen: signOn('Beto', '135724') }),
    ]);
    await a.page.getByTestId('network-button').waitFor();
    await b.page.getByTestId('network-button').waitFor();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins from the network dialog with clear errors for a bad passphrase and an unreachable relay', async () => {
    const { page } = a;
    expect(await relayText(page)).toMatch(/Local only/);
    await page.getByTestId('network-button').click();
    const dialog = page.getByTestId('network-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('not joined to a network');

    // Too short: the field says so, nothing is joined.
    await fillJoin(page, relayUrl, 'short');
    await expect
      .poll(() => dialog.locator('#net-passphrase-error').textContent())
      .toMatch(/at least 10 characters/i);
    expect(await page.locator('#net-passphrase').inputValue()).toBe('');

    // Clear text to another computer: refused at the address, in words, before any connection.
    await fillJoin(page, 'http://relay.example.org', PASSPHRASE);
    await expect
      .poll(() => dialog.locator('#net-relayUrl-error').textContent())
      .toContain('Use an https:// address');
    expect(await page.locator('#net-passphrase').inputValue()).toBe('');
    expect(await page.locator('#net-invite').getAttribute('maxlength')).toBe('100');

    // Nobody listening there: an unreachable-relay message, the console keeps working locally.
    await fillJoin(page, 'http://127.0.0.1:1', PASSPHRASE);
    await expect
      .poll(() => dialog.getByTestId('network-message').textContent(), { timeout: 5000 })
      .toContain('Cannot reach the relay at http://127.0.0.1:1');
    expect(await dialog.getByRole('alert').first().isVisible()).toBe(true);

    // The real relay: connected; the passphrase is gone from the form.
    await fillJoin(page, relayUrl, PASSPHRASE);
    await expect
      .poll(() => dialog.getByTestId('network-message').textContent(), { timeout: 5000 })
      .toBe(`Joined ${NETWORK}. Connected to the relay.`);
    expect(await page.locator('#net-passphrase').inputValue()).toBe('');
    expect(await page.locator('#net-passphrase').getAttribute('type')).toBe('password');
    expect(await dialog.getByTestId('sync-details').textContent()).toContain(relayUrl);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => relayText(page)).toMatch(/Connected/);
  });

  it('tells the second console its passphrase is wrong, then joins it by keyboard alone', async () => {
    const { page } = b;
    await page.getByTestId('network-button').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('network-dialog');
    await dialog.waitFor();
    // The relay address field has focus; Tab moves through the form, Enter submits.
    await page.keyboard.type(relayUrl);
    await page.keyboard.press('Tab');
    await page.keyboard.type(NETWORK);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the network passphrase');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByTestId('network-message').textContent(), { timeout: 5000 })
      .toContain(`The relay refused this passphrase for network ${NETWORK}`);
    await expect.poll(() => relayText(page)).toMatch(/Wrong passphrase/);

    await page.locator('#net-passphrase').focus();
    await page.keyboard.type(PASSPHRASE);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByTestId('network-message').textContent(), { timeout: 5000 })
      .toBe(`Joined ${NETWORK}. Connected to the relay.`);
    await expect.poll(() => dialog.getByTestId('network-state').textContent()).toMatch(/Ana/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Each status bar: connected, and the other dispatcher online.
    await expect.poll(() => statusBar(b.page)).toMatch(/Relay: ●?\s*Connected.*Online: Ana/);
    await expect.poll(() => statusBar(a.page)).toMatch(/Relay: ●?\s*Connected.*Online: Beto/);
  });

  it('shows an incident created in one console on the other board within a few seconds', async () => {
    const t0 = Date.now();
    await call(a, 'createIncident', sampleIncident);
    await b.page
      .getByTestId('incident-item')
      .filter({ hasText: 'Florence' })
      .waitFor({ timeout: 5000 });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('shows an assignment dragged in one console in the other console incident timeline', async () => {
    const rosa = await call<Responder>(a, 'createResponder', sampleResponder);
    const florence = (await call<Incident[]>(a, 'listIncidents', { scope: 'open' }))[0]!;
    // Dispatcher A drags the ranked candidate onto the incident card on the board.
    await select(a.page, 'Florence');
    const candidate = a.page.getByTestId('candidate-item').filter({ hasText: rosa.name });
    await candidate.waitFor({ timeout: 10_000 });
    await candidate.dragTo(
      a.page.locator(`[data-testid="incident-card"][data-incident-id="${florence.id}"]`),
    );
    await expect
      .poll(
        async () =>
          (
            await call<{ responderName: string }[]>(a, 'listAssignments', {
              incidentId: florence.id,
            })
          ).length,
      )
      .toBe(1);
    await select(b.page, 'Florence');
    const details = b.page.getByTestId('incident-details');
    await expect
      .poll(() => details.getByTestId('timeline').textContent(), { timeout: 5000 })
      .toContain(`${rosa.name} assigned`);
  });

  it('shows reconnecting/offline with changes waiting while the relay is down, then drains', async () => {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await a.page.getByTestId('network-button').click();
      await a.page.getByTestId('network-dialog').waitFor();
      await expect
        .poll(() => a.page.getByTestId('network-state').textContent())
        .toMatch(/Online: Beto/);
      await a.page.screenshot({ path: join(SHOTS, 'sync-status.png') });
      await a.page.keyboard.press('Escape');
    }
    await relay!.close();
    relay = null;
    await expect.poll(() => relayText(a.page), { timeout: 5000 }).toMatch(/Reconnecting|Offline/);
    await call(a, 'createIncident', holyoke);
    await expect
      .poll(() => a.page.getByTestId('relay-pending').textContent(), { timeout: 5000 })
      .toMatch(/\d+ changes? waiting/);
    await expect.poll(() => relayText(a.page), { timeout: 5000 }).toMatch(/Offline/);
    expect(await statusBar(a.page)).not.toContain('Online: Beto');
    if (SHOTS)
      await a.page
        .getByTestId('status-bar')
        .screenshot({ path: join(SHOTS, 'sync-status-offline.png') });

    await startTheRelay();
    await expect.poll(() => relayText(a.page), { timeout: 8000 }).toMatch(/Connected/);
    await expect.poll(() => a.page.getByTestId('relay-pending').count()).toBe(0);
    await b.page
      .getByTestId('incident-item')
      .filter({ hasText: 'Holyoke' })
      .waitFor({ timeout: 5000 });
    await expect.poll(() => statusBar(b.page)).toMatch(/Connected.*Online: Ana/);
  });

  it('surfaces conflicting edits made while apart on both consoles and resolves them from one', async () => {
    const florence = (
      await call<Incident[]>(a, 'listIncidents', { scope: 'open', query: 'Florence' })
    )[0]!;
    const holyokeInc = (
      await call<Incident[]>(a, 'listIncidents', { scope: 'open', query: 'Holyoke' })
    ).find((i) => i.id !== florence.id)!;
    const luz = await call<Responder>(a, 'createResponder', {
      ...sampleResponder,
      name: 'Luz Ortega',
      phones: [{ e164: '+14135550177', original: '413-555-0177', label: 'mobile' }],
    });
    await call(a, 'transitionIncident', { id: florence.id, to: 'verifying' });
    await expect
      .poll(async () => (await call<Responder[]>(b, 'listResponders', {})).length)
      .toBe(2);
    await expect
      .poll(async () => {
        const d = await b.backend!.call('getIncident', { id: florence.id });
        return d.ok ? d.value.incident.status : null;
      })
      .toBe('verifying');

    // Apart: both dispatchers assign Luz, and record different verification outcomes.
    await relay!.close();
    relay = null;
    await call(a, 'createAssignment', {
      incidentId: florence.id,
      responderId: luz.id,
      overrideReason: 'test',
    });
    await call(b, 'createAssignment', {
      incidentId: holyokeInc.id,
      responderId: luz.id,
      overrideReason: 'test',
    });
    await call(a, 'transitionIncident', { id: florence.id, to: 'confirmed', verifiedBy: 'Marta' });
    await call(b, 'transitionIncident', { id: florence.id, to: 'false_alarm', verifiedBy: 'Luis' });
    await startTheRelay();

    for (const c of [a, b]) {
      await select(c.page, 'Florence');
      const banners = c.page.getByTestId('conflict-banner');
      await expect.poll(() => banners.count(), { timeout: 8000 }).toBe(2);
      const double = c.page.locator('[data-kind="double_assignment"]');
      // The responder's name and the other incident load after the banner itself.
      await expect
        .poll(() => double.textContent())
        .toMatch(/Luz Ortega was assigned to two incidents at once.*Workplace raid/);
      const text = (await double.textContent()) ?? '';
      expect(text).toMatch(/by Ana/);
      expect(text).toMatch(/by Beto/);
      expect(text).toContain('Workplace raid');
      const outcome = c.page.locator('[data-kind="verification_outcome"]');
      const outcomeText = (await outcome.textContent()) ?? '';
      expect(outcomeText).toContain('ICE confirmed, verified by Marta');
      expect(outcomeText).toContain('False alarm, verified by Luis');
      expect(outcomeText).toContain('shown now');
      expect(outcomeText).toContain('overwritten');
      expect(await double.getByRole('alert').count()).toBe(1);
      await expect.poll(() => statusBar(c.page)).toMatch(/2 sync conflicts to resolve/);
    }
    if (SHOTS) {
      // Tall enough that the scrolling details panel shows both banners whole.
      await a.page.setViewportSize({ width: 1440, height: 1700 });
      await a.page.getByTestId('incident-details').screenshot({
        path: join(SHOTS, 'conflict-banner.png'),
      });
      await a.page.setViewportSize({ width: 1440, height: 900 });
    }

    // Resolve the double assignment on B with a note; it clears on both consoles.
    const double = b.page.locator('[data-kind="double_assignment"]');
    await double.getByTestId('conflict-resolve').click();
    await double.getByRole('button', { name: 'Mark resolved' }).click();
    await expect.poll(() => double.locator('.field-error').textContent()).toMatch(/Say how/);
    await double.getByRole('textbox').fill('Luz stays in Holyoke; Florence gets another verifier');
    await double.getByRole('button', { name: 'Mark resolved' }).click();
    for (const c of [b, a]) {
      await expect
        .poll(() => c.page.getByTestId('conflict-banner').count(), { timeout: 8000 })
        .toBe(1);
      await expect
        .poll(() => c.page.getByTestId('timeline').textContent())
        .toContain('Luz stays in Holyoke');
    }
  });
});
