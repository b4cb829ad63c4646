import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

type Incident = { id: string; status: string; verificationOutcome: string | null };
type Metrics = { intervals: { kind: string; count: number }[] };

/**
 * A dispatcher with only a keyboard, at 1280x720: every key press and every typed string is one
 * keystroke group, counted. The console's own shift metrics must have measured the call.
 */
class Keyboard {
  groups = 0;
  constructor(private readonly page: Page) {}
  async press(key: string) {
    this.groups++;
    await this.page.keyboard.press(key);
  }
  async type(text: string) {
    this.groups++;
    await this.page.keyboard.type(text);
  }
}

const activeInfo = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? '',
      testId: el?.dataset.testid ?? '',
      text: el?.textContent?.trim() ?? '',
      tag: el?.tagName ?? '',
    };
  });

const LOCALES = [
  {
    locale: 'en',
    type: 'Arrest',
    place: 'Greenfield',
    confirmed: 'ICE confirmed',
    verifying: 'Verifying',
  },
  {
    locale: 'es',
    type: 'Arresto',
    place: 'Amherst',
    confirmed: 'ICE confirmado',
    verifying: 'Verificando',
  },
] as const;

describe('a keyboard-only shift at 1280x720', () => {
  let c: ConsoleUnderTest;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.setViewportSize({ width: 1280, height: 720 });
    await c.page.getByTestId('incident-item').nth(5).waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  for (const l of LOCALES) {
    it(`takes a call and assigns the first responder after ICE confirmed (${l.locale})`, async () => {
      const { page } = c;
      await page.getByTestId('language-switch').locator(`button[lang="${l.locale}"]`).click();
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(l.locale);
      await page.locator('body').click({ position: { x: 640, y: 700 } });
      const before = await call<Incident[]>('listIncidents', { scope: 'open' });
      const kb = new Keyboard(page);

      // The hotline call, to an incident on the map: at most 12 keystroke groups.
      await kb.press('n');
      await expect.poll(async () => (await activeInfo(page)).id).toBe('intake-type');
      await kb.type(l.type);
      // Triage: the second choice, "verify first".
      await kb.press('Tab');
      await kb.press('ArrowDown');
      await kb.press('Tab');
      await expect.poll(async () => (await activeInfo(page)).id).toBe('intake-location');
      await kb.type(l.place);
      await expect.poll(() => page.getByRole('listbox').first().textContent()).toContain(l.place);
      await kb.press('Enter');
      await kb.press('Enter');
      await expect
        .poll(async () => (await call<Incident[]>('listIncidents', { scope: 'open' })).length)
        .toBe(before.length + 1);
      const open = await call<Incident[]>('listIncidents', { scope: 'open' });
      const created = open.find((i) => !before.some((b) => b.id === i.id))!;
      await page.locator(`.incident-marker[data-incident-id="${created.id}"]`).waitFor();
      expect(kb.groups).toBeLessThanOrEqual(12);

      // Verification: to "verifying", then record ICE confirmed (the verifier is asked inline).
      await kb.press('s');
      await expect.poll(async () => (await activeInfo(page)).tag).toBe('BUTTON');
      while ((await activeInfo(page)).text !== l.verifying) await kb.press('Tab');
      await kb.press('Enter');
      await expect.poll(async () => (await activeInfo(page)).text).toBe(l.confirmed);
      await kb.press('Enter');
      await expect.poll(async () => (await activeInfo(page)).id).toBe('outcome-verifier');
      await kb.press('Enter');
      await expect
        .poll(
          async () =>
            (await call<{ incident: Incident }>('getIncident', { id: created.id })).incident.status,
        )
        .toBe('confirmed');

      // The plan follows the workflow: the candidates switch from verifiers to the rally team.
      await expect.poll(() => page.getByTestId('candidate-role').inputValue()).not.toBe('verifier');

      // From ICE confirmed to the first responder assigned: at most 5 keys.
      const fromConfirmed = kb.groups;
      await kb.press('c');
      await expect.poll(async () => (await activeInfo(page)).testId).toBe('candidate-item');
      // The plan switched to the rally team: the best candidate is not a verifier.
      const role = await page.evaluate(
        () => (document.activeElement as HTMLElement).dataset.role ?? '',
      );
      expect(role).not.toBe('verifier');
      const name = await page.evaluate(
        () => (document.activeElement as HTMLElement).dataset.responderName ?? '',
      );
      await kb.press('g');
      await page.getByTestId('assign-dialog').waitFor();
      await kb.press('Enter');
      await expect
        .poll(async () =>
          (
            await call<{ responderName: string }[]>('listAssignments', {
              incidentId: created.id,
            })
          ).map((a) => a.responderName),
        )
        .toContain(name);
      expect(kb.groups - fromConfirmed).toBeLessThanOrEqual(5);
      // Focus stays in the work: the next candidate or the team, never the page body.
      await expect
        .poll(async () => (await activeInfo(page)).testId)
        .toMatch(/^(candidate-item|team-member)$/);

      // The console measured both intervals for this shift.
      const metrics = await call<Metrics>('getShiftMetrics', {});
      const count = (kind: string) => metrics.intervals.find((i) => i.kind === kind)?.count ?? 0;
      expect(count('call_to_saved')).toBeGreaterThanOrEqual(l.locale === 'en' ? 1 : 2);
      expect(count('verified_to_assigned')).toBeGreaterThanOrEqual(l.locale === 'en' ? 1 : 2);
    });
  }
});
