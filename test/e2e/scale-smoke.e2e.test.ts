import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { seedScaleNetwork, STATEWIDE } from '../../bench/seed-scale';

/**
 * The console at the size of a statewide network (100,000 responders, 5,000 open and 50,000
 * closed incidents): everything is on the map, everyone can be found, and the page holds what
 * is on screen rather than the whole network.
 */
describe('a statewide network on one screen', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole({
      beforeOpen: (backend) => {
        seedScaleNetwork(backend.ctx, STATEWIDE);
        return Promise.resolve();
      },
    });
    await c.page.locator('.incident-cluster').first().waitFor({ timeout: 30_000 });
  }, 90_000);
  afterAll(async () => {
    await c?.close();
  });

  it('draws every open incident and every responder on the map, clustered with counts', async () => {
    const { page } = c;
    await page.locator('.responder-cluster').first().waitFor();
    const sum = (selector: string) =>
      page.evaluate<number>(
        `[...document.querySelectorAll(${JSON.stringify(selector)})].reduce((n, e) => n + Number(e.title.match(/\\d[\\d,]*/)[0].replace(/,/g, '')), 0)`,
      );
    // The whole region is in view: the clusters' counts add up to (nearly) everything, the
    // rest being single markers beside them.
    const incidentMarkers = await page.locator('.incident-marker').count();
    expect((await sum('.incident-cluster')) + incidentMarkers).toBeGreaterThanOrEqual(
      STATEWIDE.open,
    );
    expect(await sum('.responder-cluster')).toBeGreaterThan(STATEWIDE.responders * 0.95);
  });

  it('finds the last person of the roster by name', async () => {
    const { page } = c;
    await page.getByTestId('responder-search').fill(`Synthetic Person ${STATEWIDE.responders - 1}`);
    await expect
      .poll(() => page.locator('.responder-item__name').first().textContent(), { timeout: 10_000 })
      .toBe(`Synthetic Person ${STATEWIDE.responders - 1}`);
    // The heading counts everyone active (about 95% of the synthetic roster), not a page of them.
    const total = async () =>
      Number(
        ((await page.getByTestId('responder-count').textContent()) ?? '')
          .split(' ')
          .pop()!
          .replace(/\D/g, ''),
      );
    await expect.poll(total).toBeGreaterThan(STATEWIDE.responders * 0.9);
  });

  it('counts every open incident and draws only the board cards in view', async () => {
    const { page } = c;
    const digits = async (testId: string) =>
      Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, ''));
    const counted = await c.backend!.call('countIncidents', { scope: 'open' });
    const open = counted.ok ? counted.value.total : 0;
    // The synthetic network's open incidents and the demo's.
    expect(open).toBeGreaterThanOrEqual(STATEWIDE.open);
    await expect.poll(() => digits('open-count'), { timeout: 10_000 }).toBe(open);
    expect(await digits('board-count')).toBe(open);
    expect(await page.getByTestId('incident-item').count()).toBeLessThan(60);
    const boardNodes = await page.evaluate<number>(
      `document.querySelector('[data-testid="incident-list"]').getElementsByTagName('*').length`,
    );
    expect(boardNodes).toBeLessThan(2_000);
    // The least urgent of them all is one key away.
    await page.getByTestId('incident-list').focus();
    await page.keyboard.press('End');
    await expect
      .poll(
        () =>
          page.locator('[data-testid="incident-item"].is-selected').getAttribute('aria-posinset'),
        { timeout: 10_000 },
      )
      .toBe(String(open));
  });

  it('counts everyone on the status board and lists only the first of each group', async () => {
    const { page } = c;
    await page.getByRole('tab', { name: 'Status board' }).click();
    const board = page.getByTestId('status-board');
    await expect
      .poll(() => board.getByTestId('status-group-available').locator('.status-row').count(), {
        timeout: 30_000,
      })
      .toBe(50);
    const headings = await board.locator('h3').allTextContents();
    const counted = headings.reduce(
      (n, h) => n + Number((h.match(/\(([\d,.\s]+)\)/)?.[1] ?? '0').replace(/\D/g, '')),
      0,
    );
    expect(counted).toBeGreaterThan(STATEWIDE.responders * 0.9);
    expect(await board.locator('.status-row').count()).toBeLessThanOrEqual(6 * 50);
    await page.getByRole('tab', { name: 'Roster' }).click();
  });

  it('finds an old closed incident among 50,000 in History', async () => {
    const { page } = c;
    await page.getByRole('tab', { name: 'History (closed)' }).click();
    await page.locator('#board-search').fill('Synthetic report 12345');
    await expect.poll(() => page.getByTestId('incident-item').count(), { timeout: 10_000 }).toBe(1);
  });
});
