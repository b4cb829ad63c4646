import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { sampleIncident } from '../integration/helpers';

type Incident = { id: string; type: string; status: string; location: { text: string } };

describe('the live board: timers, filters, history, notes and corrections', () => {
  let c: ConsoleUnderTest;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    c = await launchConsole();
    // One closed incident for the history tab.
    await call('createIncident', {
      type: 'courthouse',
      triage: 'verify_first',
      location: {
        text: 'Pittsfield',
        streetText: null,
        lat: 42.45,
        lon: -73.25,
        precision: 'town',
        town: 'Pittsfield',
      },
      description: 'Accompaniment done, family home',
    }).then((i) => call('transitionIncident', { id: (i as Incident).id, to: 'closed' }));
    await c.page.getByTestId('incident-item').nth(5).waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('orders open incidents by urgency with running timers and overdue badges', async () => {
    const { page } = c;
    const items = page.getByTestId('incident-item');
    expect(await items.count()).toBe(6);
    const text = (await page.getByTestId('incident-list').textContent()) ?? '';
    expect(text).toMatch(/reported \d+ min ago/);
    expect(text).toMatch(/\d+ min in status/);
    // The demo's 51-minute-old unverified sighting is past the 15-minute threshold.
    const sighting = items.filter({ hasText: 'ICE sighting' });
    expect(await sighting.textContent()).toContain('Verification overdue');
    // Slow cases are labelled, never overdue.
    const labor = items.filter({ hasText: 'Labor abuse' });
    expect(await labor.textContent()).toContain('Slow case');
    expect(await labor.textContent()).not.toContain('Verification overdue');
    // Urgency: the slow case sorts last.
    expect(await items.last().textContent()).toContain('Labor abuse');
  });

  it('narrows the board with filters and the search box', async () => {
    const { page } = c;
    const items = page.getByTestId('incident-item');
    await page.getByLabel('Type', { exact: true }).selectOption('home_raid');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Home raid');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => items.count()).toBe(6);

    await page.getByLabel('Town', { exact: true }).selectOption('Northampton');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Northampton');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => items.count()).toBe(6);

    await page.locator('body').press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('board-search');
    await page.keyboard.type('bakery');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Holyoke');
    await page.getByRole('searchbox', { name: /Search place/ }).fill('');
    await expect.poll(() => items.count()).toBe(6);

    const status = await call<Incident[]>('listIncidents', { scope: 'open' });
    const someStatus = status[0]!.status;
    await page.getByLabel('Status', { exact: true }).selectOption(someStatus);
    await expect
      .poll(() => items.count())
      .toBe(status.filter((i) => i.status === someStatus).length);
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('searches closed incidents in the History tab', async () => {
    const { page } = c;
    const items = page.getByTestId('incident-item');
    await page.getByRole('tab', { name: 'History (closed)' }).click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Pittsfield');
    await page.getByRole('searchbox', { name: /Search place/ }).fill('nothing like this');
    await expect.poll(() => page.getByText('No closed incidents match.').count()).toBe(1);
    expect(await items.count()).toBe(0);
    await page.getByRole('searchbox', { name: /Search place/ }).fill('');
    await page.getByRole('tab', { name: 'Open' }).click();
    await expect.poll(() => items.count()).toBe(6);
  });

  it('adds a note and strikes it through with a correction, erasing nothing', async () => {
    const { page } = c;
    await page.getByTestId('incident-item').filter({ hasText: 'Northampton' }).click();
    await page.locator('#details-heading').focus();
    await page.keyboard.press('a');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note-text');
    await page.keyboard.type('Two agents at the north door');
    await page.keyboard.press('Control+Enter');
    const timeline = page.getByTestId('timeline');
    const note = timeline.locator('li[data-kind="incident.note"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.textContent()).toContain('Note: Two agents at the north door');

    await note.getByRole('button', { name: /Correct the entry/ }).click();
    const input = page.getByLabel('What was wrong, and the correct information');
    await input.fill('It was the south door');
    await input.press('Enter');
    await expect.poll(() => note.locator('del').count()).toBe(1);
    expect(await note.locator('del').textContent()).toBe('Note: Two agents at the north door');
    expect(await note.textContent()).toMatch(
      /corrected by Demo Dispatcher at .+: It was the south door/,
    );
    expect(await note.getByRole('button', { name: /Correct the entry/ }).count()).toBe(0);
    // The correction itself is a timeline entry too.
    expect(await timeline.textContent()).toContain('Correction: It was the south door');
  });

  it('pages a board longer than the screen: only rows in view are drawn, the keys reach every one', async () => {
    const { page } = c;
    const before = (await call<Incident[]>('listIncidents', { scope: 'open' })).length;
    for (let i = 0; i < 150; i++)
      await call('createIncident', {
        ...sampleIncident,
        description: `Paging check ${i}, agents seen at a corner`,
      });
    const total = before + 150;
    await expect.poll(() => page.getByTestId('board-count').textContent()).toBe(`${total} open`);
    // The status bar counts every open incident, not a list's length.
    expect(await page.getByTestId('open-count').textContent()).toBe(String(total));
    const items = page.getByTestId('incident-item');
    expect(await items.count()).toBeLessThan(60);

    const list = page.getByTestId('incident-list');
    await list.focus();
    const selected = () =>
      page.evaluate(() => {
        const el = document.querySelector('[data-testid="incident-item"].is-selected');
        return {
          at: el?.getAttribute('aria-posinset'),
          of: el?.getAttribute('aria-setsize'),
          focus: document.activeElement?.getAttribute('data-testid'),
          active: document.activeElement?.getAttribute('aria-activedescendant') === el?.id,
        };
      });
    await page.keyboard.press('End');
    await expect
      .poll(selected)
      .toEqual({ at: String(total), of: String(total), focus: 'incident-list', active: true });
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await selected()).at).toBe(String(total - 1));
    await page.keyboard.press('Home');
    await expect
      .poll(selected)
      .toEqual({ at: '1', of: String(total), focus: 'incident-list', active: true });
    await page.keyboard.press('PageDown');
    await expect.poll(async () => Number((await selected()).at)).toBeGreaterThan(2);
    expect(await items.count()).toBeLessThan(60);
  });
});
