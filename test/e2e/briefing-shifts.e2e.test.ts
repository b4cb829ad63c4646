import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { assignDemoTeam } from '../../backend/demo/demo-team';
import type { ConsoleBackend } from '../../backend/console-backend';
import { testPassphraseFile } from '../test-passphrase';

/**
 * Briefings and shifts end to end, in browser mode: print a rally briefing (the console's print view through
 * Chromium's PDF printer, and the `npm run briefing` CLI), sign on, take an incident to stood
 * down, hand off to a second dispatcher who acknowledges the brief, see the shift metrics, and the
 * idle lock. UPDATE_SCREENSHOTS=1 also writes the PNGs committed under docs/briefings/.
 */
const DEMO_CALLER_PHONE = '555-0199';
const out = mkdtempSync(join(tmpdir(), 'briefing-e2e-'));
const docsDir = resolve('docs', 'briefings');

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}
function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}
/** pdftoppm -png -r 80, kept under docs/briefings when UPDATE_SCREENSHOTS=1. */
function toPng(pdf: string, name: string): string {
  const base = join(out, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, base]);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(docsDir, { recursive: true });
    copyFileSync(`${base}.png`, join(docsDir, `${name}.png`));
  }
  return `${base}.png`;
}
async function printView(page: Page, name: string): Promise<string> {
  const file = join(out, `${name}.pdf`);
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  return file;
}
const ok = async <T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) => {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function montague(backend: ConsoleBackend) {
  const list = await ok(backend.call('listIncidents', {}));
  return list.find((i) => i.location.town === 'Montague')!;
}

// Browser mode only: these specs set up teams and incidents through the backend behind the page.
const browserOnly = process.env.E2E_TARGET === 'electron';

describe.skipIf(browserOnly)('rally briefings', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('prints a one-page bilingual briefing from the print view, without caller data', async () => {
    const { page } = c;
    const backend = c.backend!;
    const incident = await montague(backend);
    assignDemoTeam(backend, incident.id);
    await page.getByTestId('map').waitFor();
    await page.getByTestId('incident-item').filter({ hasText: 'Montague' }).first().click();
    await page.getByTestId('print-briefing').click();
    await page.getByTestId('briefing-preview').waitFor();
    await page
      .locator('.print-root article[data-page="rally-briefing"]')
      .waitFor({ state: 'attached' });

    const pdf = await printView(page, 'briefing-both');
    expect(pdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain('Avenue A'); // the meeting point (a block, coarsened)
    expect(text).toContain('Rally lead');
    expect(text).toContain('Líder de concentración');
    expect(text).toContain('Legal observer');
    for (const heading of [
      'PUNTO DE ENCUENTRO',
      'EQUIPO Y FUNCIONES',
      'PLAN DE DESESCALADA',
      'CONOZCA SUS DERECHOS',
      'CANCIONES Y CONSIGNAS',
    ])
      expect(text.toUpperCase()).toContain(heading);
    expect(text).not.toContain(DEMO_CALLER_PHONE);
    expect(text).not.toContain('Demo caller');
    // Only the briefing prints: nothing of the console around it.
    expect(text).not.toContain('Open incidents');
    toPng(pdf, 'rally-briefing-en-es');
  });

  it('prints one language per copy (English, Spanish) as one page each', async () => {
    const { page } = c;
    for (const lang of ['en', 'es'] as const) {
      await page.getByTestId('briefing-languages').selectOption(lang);
      await page
        .locator(`.print-root article[data-page="rally-briefing"][lang="${lang}"]`)
        .waitFor({ state: 'attached' });
      const pdf = await printView(page, `rally-briefing-${lang}`);
      expect(pdfPages(pdf)).toBe(1);
      const text = pdfText(pdf);
      expect(text).not.toContain(DEMO_CALLER_PHONE);
      if (lang === 'es') {
        expect(text.toUpperCase()).toContain('PUNTO DE ENCUENTRO');
        expect(text).not.toContain('Meeting point');
      } else {
        expect(text.toUpperCase()).toContain('MEETING POINT');
      }
      toPng(pdf, `rally-briefing-${lang}`);
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('briefing-preview').waitFor({ state: 'detached' });
  });

  it('renders the same briefing headless with `npm run briefing`', async () => {
    const backend = c.backend!;
    const incident = await montague(backend);
    const dataDir = dirname(backend.ctx.db.$client.name);
    const pdf = join(out, 'cli.pdf');
    execFileSync(
      resolve('node_modules/.bin/tsx'),
      [
        'scripts/briefing.ts',
        incident.id.slice(-6),
        '--pdf',
        pdf,
        '--lang',
        'es',
        '--paper',
        'a4',
        '--data-dir',
        dataDir,
      ],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, CONSOLE_PASSPHRASE_FILE: testPassphraseFile(out) },
      },
    );
    expect(pdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain('Avenue A');
    expect(text.toUpperCase()).toContain('PLAN DE DESESCALADA');
    expect(text).not.toContain(DEMO_CALLER_PHONE);
  });
});

describe.skipIf(browserOnly)('dispatch shifts', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole();
  });
  afterAll(async () => {
    await c?.close();
    rmSync(out, { recursive: true, force: true });
  });

  async function endShiftInUi(page: Page, notes: string) {
    await page.getByTestId('end-shift-button').click();
    const dialog = page.getByTestId('end-shift-dialog');
    await dialog.waitFor();
    await page.getByTestId('handoff-notes').fill(notes);
    if (await page.getByTestId('end-shift-attention').count()) {
      // Ending with overdue items asks first.
      expect(await page.getByTestId('confirm-end-shift').isDisabled()).toBe(true);
      await page.getByTestId('confirm-attention').check();
    }
    await page.getByTestId('confirm-end-shift').click();
    await page.getByTestId('sign-on-dialog').waitFor();
    // Nobody on shift: the map and lists are not shown.
    expect(await page.getByTestId('map').count()).toBe(0);
  }

  async function signOnNew(page: Page, name: string, pin: string) {
    const dialog = page.getByTestId('sign-on-dialog');
    await dialog.getByLabel(/^Name/).fill(name);
    await dialog.getByLabel(/^PIN/).fill(pin);
    const isNew = dialog.getByLabel(/new on this console/);
    if (!(await isNew.isChecked())) await isNew.check();
    await dialog.getByLabel(/Repeat the PIN/).fill(pin);
    await dialog.getByRole('button', { name: /Sign on/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('shift-who').textContent(), { timeout: 10_000 })
      .toContain(name);
  }

  it('opens signed on as the demo dispatcher, then hands off to a new dispatcher', async () => {
    const { page } = c;
    await page.getByTestId('map').waitFor();
    expect(await page.getByTestId('shift-who').textContent()).toContain('Demo Dispatcher');
    await endShiftInUi(page, 'Demo shift over.');
    await signOnNew(page, 'Ana Day', '246813');
    // The arriving dispatcher sees the demo dispatcher's brief and acknowledges it.
    await page.getByTestId('handoff-dialog').waitFor();
    expect(await page.getByTestId('handoff-preview').textContent()).toContain('Demo shift over.');
    await page.getByTestId('acknowledge-handoff').click();
    await page.getByTestId('handoff-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('map').waitFor();
    expect(await page.getByTestId('status-bar').textContent()).toContain('Ana Day');
  });

  it('takes an incident to stood down and shows the intervals just produced', async () => {
    const { page } = c;
    const backend = c.backend!;
    const callAt = new Date(Date.now() - 25_000).toISOString();
    const incident = await ok(
      backend.call('createIncident', {
        type: 'workplace_raid',
        triage: 'verify_first',
        location: {
          text: 'Holyoke',
          streetText: 'Race St',
          lat: 42.2016,
          lon: -72.6068,
          precision: 'street',
          town: 'Holyoke',
        },
        language: 'es',
        reporterName: 'E2E Caller',
        reporterPhone: '(413) 555-0142',
        callReceivedAt: callAt,
      }),
    );
    expect(incident.createdBy).toBe('Ana Day');
    for (const to of ['verifying', 'confirmed', 'mobilizing', 'on_scene', 'stood_down'] as const)
      await ok(backend.call('transitionIncident', { id: incident.id, to }));
    await expect
      .poll(() => page.getByTestId('incident-item').filter({ hasText: 'Workplace raid' }).count())
      .toBeGreaterThan(0);

    await page.getByTestId('shift-metrics-button').click();
    const metrics = page.getByTestId('shift-metrics');
    await metrics.waitFor();
    await expect
      .poll(() => metrics.locator('tr[data-kind="call_to_saved"]').getAttribute('data-count'))
      .toBe('1');
    expect(
      await metrics.locator('tr[data-kind="saved_to_verified"]').getAttribute('data-count'),
    ).toBe('1');
    const row = await metrics.locator('tr[data-kind="call_to_saved"]').textContent();
    expect(row).toMatch(/2[4-7] s/); // the 25-second call we just took
    expect(await metrics.locator('svg.metrics-chart').count()).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('locks when asked (the map and lists unmounted) and unlocks with the PIN', async () => {
    const { page } = c;
    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-screen').waitFor();
    expect(await page.getByTestId('map').count()).toBe(0);
    expect(await page.getByTestId('incident-list').count()).toBe(0);
    const pin = page.getByTestId('lock-screen').getByLabel('PIN');
    await pin.fill('111111');
    await pin.press('Enter');
    // Each PIN check costs about half a second of hashing by design (more on a busy machine).
    await expect
      .poll(() => page.getByTestId('lock-screen').textContent(), { timeout: 10_000 })
      .toMatch(/Wrong PIN/);
    await pin.fill('246813');
    await pin.press('Enter');
    await page.getByTestId('map').waitFor();
  });

  it('hands off to a second dispatcher who acknowledges the brief', async () => {
    const { page } = c;
    await endShiftInUi(page, 'Race St team stood down; call the family lawyer at 9.');
    await signOnNew(page, 'Bo Night', '135724');
    const dialog = page.getByTestId('handoff-dialog');
    await dialog.waitFor();
    const brief = page.getByTestId('handoff-preview');
    await brief.locator('article[data-page="handoff-brief"]').waitFor();
    const text = (await brief.textContent()) ?? '';
    expect(text).toContain('Ana Day');
    expect(text).toContain('Race St team stood down');
    expect(text).toContain('Call → incident saved');
    expect(text).not.toContain('555-0142');

    const pdf = await printView(page, 'handoff-brief');
    expect(pdfPages(pdf)).toBe(1);
    expect(pdfText(pdf)).toContain('Shift hand-off brief');
    toPng(pdf, 'handoff-brief');

    await page.getByTestId('acknowledge-handoff').click();
    await dialog.waitFor({ state: 'detached' });
    const shifts = await ok(c.backend!.call('listShifts', {}));
    const ana = shifts.find((s) => s.dispatcherName === 'Ana Day')!;
    expect(ana.acknowledgedBy).toBe('Bo Night');
    expect(ana.handoffBrief?.metrics.intervals[0]?.count).toBe(1);
    expect(shifts[0]?.dispatcherName).toBe('Bo Night');
  });
});
