import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

declare global {
  interface Window {
    /** Every text the "checking whether it was saved" notice showed (recorded by the spec). */
    checkingNotices?: string[];
  }
}

describe('a save whose reply is lost with the connection', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole();
    // The page's WebSocket closes itself right after sending the first note: the note reaches the
    // host and is saved, and its reply finds the connection gone.
    await c.page.addInitScript(() => {
      const Real = window.WebSocket;
      let dropped = false;
      window.checkingNotices = [];
      class DroppingSocket extends Real {
        override send(data: Parameters<WebSocket['send']>[0]) {
          super.send(data);
          if (!dropped && typeof data === 'string' && data.includes('"op":"addIncidentNote"')) {
            dropped = true;
            this.close();
          }
        }
      }
      window.WebSocket = DroppingSocket;
      new MutationObserver(() => {
        const notice = document.querySelector('[data-testid="checking-saved"]');
        if (notice?.textContent) window.checkingNotices!.push(notice.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await c.page.reload();
    await c.page.getByTestId('incident-item').first().waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('says it is checking whether it was saved, then shows the note once, with no error', async () => {
    const { page } = c;
    await page.getByTestId('incident-item').filter({ hasText: 'Northampton' }).first().click();
    const box = page.getByLabel('Add a note to the timeline');
    await box.fill('Agents left by the back road');
    await box.press('Control+Enter');
    const timeline = page.getByTestId('timeline');
    const notes = timeline.locator('li[data-kind="incident.note"]', {
      hasText: 'Agents left by the back road',
    });
    await expect.poll(() => notes.count()).toBe(1);
    await expect.poll(() => box.inputValue()).toBe('');
    const notices = await page.evaluate(() => window.checkingNotices ?? []);
    expect(notices.some((t) => /Checking whether it was saved/.test(t))).toBe(true);
    expect(await page.getByTestId('checking-saved').count()).toBe(0);
    expect(await page.locator('#note-error').count()).toBe(0);
    // Saved once on the console, not twice.
    const all = await c.backend!.call('listActivity', {});
    if (!all.ok) throw new Error(all.error.message);
    const saved = (all.value as { kind: string; message: string }[]).filter(
      (e) => e.kind === 'incident.note' && e.message.includes('Agents left by the back road'),
    );
    expect(saved).toHaveLength(1);
  });
});
