import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleBackend } from '../../backend/console-backend';
import { startRelay, type RelayHandle } from '../../relay/server';
import { sampleIncident, sampleResponder } from '../integration/helpers';
import { PASSPHRASE, TEST_SCRYPT, TEST_TUNING } from '../integration/sync-helpers';
import { CHROMIUM_PATH, launchConsole, type ConsoleUnderTest } from './console-harness';

/**
 * Console A makes a responder link; a phone-sized Chromium page opens it from the relay and
 * answers; consoles A and B show the answer in their team panels and status boards. Also
 * measures the page on an emulated 3G network (printed, for docs/responder-links.md).
 */
const NETWORK = 'pioneer-valley';

describe('responder links end to end', () => {
  let dir: string;
  let relay: RelayHandle;
  let a: ConsoleUnderTest;
  let b: ConsoleUnderTest;
  let phoneBrowser: Browser;
  let phone: Page;
  let incidentId = '';
  let assignmentId = '';
  let url = '';

  const call = async <T>(c: ConsoleUnderTest, op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  const joined = (name: string, pin: string) => async (backend: ConsoleBackend) => {
    for (const [op, input] of [
      ['signOn', { name, pin, newDispatcher: true }],
      ['joinNetwork', { relayUrl: relay.url, network: NETWORK, passphrase: PASSPHRASE }],
    ] as const) {
      const r = await backend.call(op, input as never);
      if (!r.ok) throw new Error(r.error.message);
    }
  };
  const linkStatus = (c: ConsoleUnderTest) =>
    c.page.getByTestId('team-panel').getByTestId('link-status').textContent();
  const openIncident = async (c: ConsoleUnderTest) => {
    const item = c.page.locator(`[data-testid="incident-item"][data-id="${incidentId}"]`);
    await item.waitFor({ timeout: 10_000 });
    await item.click();
    await c.page.getByTestId('team-panel').getByTestId('team-member').waitFor({ timeout: 10_000 });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'links-e2e-'));
    relay = await startRelay({
      port: 0,
      dataDir: join(dir, 'relay'),
      log: () => {},
      openRegistration: true,
    });
    const backend = { sync: { scrypt: TEST_SCRYPT, tuning: TEST_TUNING } };
    [a, b] = await Promise.all([
      launchConsole({ demo: false, backend, beforeOpen: joined('Ana', '246813') }),
      launchConsole({ demo: false, backend, beforeOpen: joined('Beto', '135724') }),
    ]);
    const incident = await call<{ id: string }>(a, 'createIncident', {
      ...sampleIncident,
      location: { ...sampleIncident.location, streetText: '17 Pine St', precision: 'exact' },
    });
    incidentId = incident.id;
    const dana = await call<{ id: string }>(a, 'createResponder', {
      ...sampleResponder,
      name: 'Dana Ejemplo',
    });
    const assignment = await call<{ id: string }>(a, 'createAssignment', {
      incidentId,
      responderId: dana.id,
      role: 'verifier',
      overrideReason: 'test network',
    });
    assignmentId = assignment.id;
    phoneBrowser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const context = await phoneBrowser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
    });
    phone = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await phoneBrowser?.close();
    await a?.close();
    await b?.close();
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('console A makes a link from the team panel; the phone opens it', async () => {
    await openIncident(a);
    await a.page.getByTestId('make-link').click();
    await expect.poll(() => linkStatus(a)).toBe('Link sent, not opened yet');
    const links = await call<{ url: string }[]>(a, 'listResponderLinks', { assignmentId });
    url = links[0]!.url;
    expect(url).toContain(`${relay.url}/r/#`);

    await phone.goto(url);
    await expect.poll(() => phone.locator('#role').textContent()).toBe('Verifier');
    expect(await phone.locator('#type').textContent()).toBe('Home raid');
    expect(await phone.locator('#meet').textContent()).toContain('Pine St');
    expect(await phone.locator('#meet').textContent()).not.toContain('17');
    expect(await phone.locator('#contact').textContent()).toBe('(413) 555-0117');
    // English and Spanish, switched on the page.
    await phone.getByRole('button', { name: 'Español' }).click();
    expect(await phone.locator('#role').textContent()).toBe('Verificador/a');
    expect(await phone.getByRole('button', { name: 'Acepto' }).isVisible()).toBe(true);
    await phone.getByRole('button', { name: 'English' }).click();
    await openIncident(b);
    await expect.poll(() => linkStatus(b), { timeout: 5000 }).toMatch(/^Link opened \d/);
  });

  it('accepting with ETA 8 on the phone shows on consoles A and B within a second', async () => {
    await phone.locator('#eta').fill('8');
    const tapped = Date.now();
    await phone.getByRole('button', { name: 'Accept' }).click();
    const seen = await Promise.all(
      [a, b].map(async (c) => {
        await expect
          .poll(() => linkStatus(c), { timeout: 5000, interval: 25 })
          .toMatch(/^Accepted via link \d\d:\d\d( [AP]M)?, ETA 8 min$/);
        return Date.now() - tapped;
      }),
    );
    console.log(`responder link: accept visible on consoles after ${seen.join(' ms, ')} ms`);
    for (const ms of seen) expect(ms).toBeLessThan(1000);
    for (const c of [a, b]) {
      const member = c.page.getByTestId('team-panel').getByTestId('team-member');
      await expect.poll(() => member.getAttribute('data-status')).toBe('accepted');
      await c.page.locator('#status-tab').click();
      await expect
        .poll(() => c.page.getByTestId('board-link-status').first().textContent())
        .toMatch(/^Accepted via link .*, ETA 8 min$/);
    }
    expect(await phone.locator('#state').textContent()).toBe('Sent: Accepted');
    // Nothing is kept on the phone unless the responder asks for it.
    expect(await phone.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    await phone.getByLabel('Keep my answers on this phone').check();
    expect(await phone.evaluate(() => Object.keys(localStorage))).toHaveLength(1);
    await phone.getByLabel('Keep my answers on this phone').uncheck();
    expect(await phone.evaluate(() => localStorage.length)).toBe(0);
  });

  it("a verifier's field report lands as a verification note on both consoles", async () => {
    await phone.locator('#r-outcome').selectOption('confirmed');
    await phone.locator('#r-count').fill('5');
    await phone.locator('#r-agency').fill('Vests marked ERO');
    await phone.locator('#r-vehicles').fill('Grey SUV MA 7TQ-K55');
    await phone.getByRole('button', { name: 'Send report' }).click();
    for (const c of [a, b])
      await expect
        .poll(() => c.page.getByTestId('incident-details').getByTestId('timeline').textContent(), {
          timeout: 5000,
        })
        .toContain(
          'Field report via responder link (Dana Ejemplo, Verifier): outcome: ICE confirmed; count: 5',
        );
    // The relay's files hold neither the envelope's nor the answers' words.
    const files = readdirSync(join(dir, 'relay'))
      .map((f) => readFileSync(join(dir, 'relay', f)).toString('latin1'))
      .join('\n');
    for (const plain of ['7TQ-K55', 'Vests marked', 'Pine St', '555-0117', 'Dana'])
      expect(files).not.toContain(plain);
  });

  it('revoking from console B tells the phone the link no longer works', async () => {
    const member = b.page.getByTestId('team-panel').getByTestId('team-member');
    await member.getByRole('button', { name: 'Revoke link: Dana Ejemplo' }).click();
    await expect.poll(() => linkStatus(a), { timeout: 5000 }).toMatch(/^Accepted via link/);
    await expect
      .poll(
        async () => (await fetch(`${relay.url}/r/api/${url.split('#')[1]!.split('.')[0]}`)).status,
      )
      .toBe(404);
    await phone.reload();
    await expect
      .poll(() => phone.locator('#state').textContent())
      .toContain('expired or was withdrawn');
    expect(await phone.locator('#job').isHidden()).toBe(true);
  });

  it('measures the page on throttled 3G: size and time to interactive', async () => {
    const fresh = await call<{ url: string }>(a, 'createResponderLink', { assignmentId });
    const context = await phoneBrowser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // Chrome DevTools' "Slow 3G" preset: 400 ms RTT, 400 kbit/s down and up.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1024) / 8,
      uploadThroughput: (400 * 1024) / 8,
    });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
    });
    await new Promise((r) => setTimeout(r, 300));
    const start = Date.now();
    await page.goto(fresh.url);
    await page.locator('#accept').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => page.locator('#role').textContent()).toBe('Verifier');
    const interactiveMs = Date.now() - start;
    console.log(
      `responder page on Slow 3G: ${bytes} bytes transferred, interactive after ${interactiveMs} ms`,
    );
    expect(bytes).toBeLessThan(100 * 1024);
    expect(interactiveMs).toBeLessThan(10_000);
    await context.close();
  });
});
