import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { join, resolve } from 'node:path';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

type Incident = { id: string; type: string; status: string };
type Responder = { id: string; name: string };
type AssignmentView = { id: string; responderName: string; status: string; role: string };

const SHOTS = resolve('docs', 'screenshots');

const HOLYOKE = {
  text: 'Maple St',
  streetText: null,
  lat: 42.2043,
  lon: -72.6162,
  precision: 'street',
  town: 'Holyoke',
};

/**
 * In Chromium: drag a ranked candidate onto an incident card and onto its map marker,
 * walk an assignment to "on scene", decline one and offer the next candidate, the same by
 * keyboard only, the override dialog for an off-duty person, and the overdue check-in flag with
 * a fake backend clock.
 */
describe('drag-to-assign and the dispatch board', () => {
  let c: ConsoleUnderTest;
  const clock = { now: Date.now() };
  let raid: Incident;
  let offDuty: Responder;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  const team = () => call<AssignmentView[]>('listAssignments', { incidentId: raid.id });
  const member = (page: Page, name: string): Locator =>
    page.getByTestId('team-member').filter({ hasText: name });
  const card = (page: Page) =>
    page.locator(`[data-testid="incident-card"][data-incident-id="${raid.id}"]`);
  const marker = (page: Page) => page.locator(`.incident-marker[data-incident-id="${raid.id}"]`);
  const firstCandidate = async (page: Page, skip: string[] = []) => {
    const items = page.getByTestId('candidate-item');
    await items.first().waitFor();
    for (let i = 0; i < (await items.count()); i++) {
      const name = (await items.nth(i).locator('.candidate__name').textContent()) ?? '';
      if (!skip.includes(name)) return { item: items.nth(i), name };
    }
    throw new Error('no candidate left');
  };
  const selectRaid = async (page: Page) => {
    await page.locator(`[data-testid="incident-item"][data-id="${raid.id}"]`).click();
    await page.getByTestId('team-panel').waitFor();
    await page.getByTestId('candidates-view').waitFor();
    await page.getByTestId('candidate-role').selectOption('rally_responder');
  };

  beforeAll(async () => {
    c = await launchConsole({
      now: () => clock.now,
      beforeOpen: async (backend) => {
        const r = await backend.call(
          'createIncident' as never,
          {
            type: 'home_raid',
            triage: 'mobilize_now',
            location: HOLYOKE,
            description: 'Two vehicles outside a family home',
          } as never,
        );
        if (!r.ok) throw new Error(r.error.message);
        raid = r.value as Incident;
        const o = await backend.call(
          'createResponder' as never,
          {
            name: 'Olga Fuera',
            languages: ['es', 'en'],
            roles: ['rally_responder'],
            homeTown: 'Greenfield',
            homeLat: 42.5876,
            homeLon: -72.5995,
            onCall: false,
            availability: [],
          } as never,
        );
        if (!o.ok) throw new Error(o.error.message);
        offDuty = o.value as Responder;
      },
    });
    await c.page.getByTestId('incident-item').first().waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  it('drags a ranked candidate onto the incident card, then another onto its map marker', async () => {
    const { page } = c;
    await selectRaid(page);
    const first = await firstCandidate(page);
    await first.item.dragTo(card(page));
    await expect.poll(() => member(page, first.name).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('assign-announcer').textContent())
      .toMatch(
        new RegExp(
          `^${first.name} assigned to Home raid · Maple St \\(Holyoke\\) as rally responder$`,
        ),
      );
    expect(await member(page, first.name).textContent()).toContain('Proposed');

    const second = await firstCandidate(page, [first.name]);
    await second.item.dragTo(marker(page));
    await expect.poll(() => member(page, second.name).count()).toBe(1);
    expect((await team()).map((a) => a.responderName).sort()).toEqual(
      [first.name, second.name].sort(),
    );
    // The board card counts the team; the map draws a line per assigned person.
    await expect.poll(() => card(page).textContent()).toContain('Team 2');
    await expect.poll(() => page.locator('path.assignment-line').count()).toBe(2);

    // Dropping on nothing does nothing.
    const third = await firstCandidate(page, [first.name, second.name]);
    await third.item.dragTo(page.getByRole('heading', { name: 'Incident details' }));
    expect(await team()).toHaveLength(2);
  });

  it('walks one assignment to on scene, one click per step', async () => {
    const { page } = c;
    const name = (await team()).at(-1)!.responderName;
    const row = member(page, name);
    await row.getByRole('button', { name: `Notified: ${name}` }).click();
    await row.getByRole('button', { name: `Accepted: ${name}` }).click();
    await row.getByRole('button', { name: `En route…: ${name}` }).click();
    await row.getByLabel('ETA in minutes').fill('12');
    await row.getByRole('button', { name: 'Mark en route' }).click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('en_route');
    expect(await row.textContent()).toMatch(/En route.*ETA/);
    await row.getByRole('button', { name: `On scene: ${name}` }).click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('on_scene');
    expect(await row.locator('.badge').first().textContent()).toBe('On scene');
    await expect
      .poll(() => page.getByTestId('assign-announcer').textContent())
      .toBe(`${name}: On scene`);
  });

  it('declines one with a reason and offers the next candidate', async () => {
    const { page } = c;
    const name = (await team()).find((a) => a.status === 'proposed')!.responderName;
    const row = member(page, name);
    await row.getByRole('button', { name: `Notified: ${name}` }).click();
    await row.getByRole('button', { name: `Declined…: ${name}` }).click();
    await row.getByLabel(`Why did ${name} decline?`).selectOption('no_answer');
    await row.getByRole('button', { name: 'Record decline' }).click();
    const offer = page.getByTestId('next-candidate');
    await offer.waitFor();
    const button = offer.getByRole('button', { name: /^Offer to / });
    const next = ((await button.textContent()) ?? '').replace('Offer to ', '');
    expect(next).not.toBe(name);
    await button.click();
    await expect.poll(() => member(page, next).count()).toBe(1);
    const after = await team();
    expect(after.find((a) => a.responderName === name)!.status).toBe('declined');
    expect(after.find((a) => a.responderName === next)!.status).toBe('proposed');
  });

  it('assigns and advances with the keyboard only', async () => {
    const { page } = c;
    const assigned = (await team()).map((a) => a.responderName);
    const { item, name } = await firstCandidate(page, assigned);
    await item.focus();
    await page.keyboard.press('g');
    const dialog = page.getByRole('dialog', { name: `Assign ${name}` });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Incident').inputValue()).toBe(raid.id);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => member(page, name).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('assign-announcer').textContent())
      .toContain(`${name} assigned to Home raid`);
    // One key on the team row takes the next step.
    await member(page, name).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => member(page, name).getAttribute('data-status')).toBe('notified');
    // "G" is listed in the shortcut overlay.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    expect(await help.textContent()).toContain('Assign the selected responder');
    await page.keyboard.press('Escape');
  });

  it('asks for an override reason for an off-duty person', async () => {
    const { page } = c;
    await page.getByRole('tab', { name: 'Roster' }).click();
    await page.getByTestId('responder-search').fill('Olga');
    const row = page.getByTestId('responder-item').filter({ hasText: 'Olga Fuera' });
    await row.dragTo(card(page));
    const dialog = page.getByRole('dialog', { name: 'Assign Olga Fuera anyway?' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('override-guards').textContent()).toMatch(/off duty/i);
    await dialog.getByLabel('Reason for the override (recorded in the log)').fill('She called in');
    await dialog.getByRole('button', { name: 'Assign anyway' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => member(page, 'Olga Fuera').count()).toBe(1);
    expect(await member(page, 'Olga Fuera').textContent()).toContain('Override: She called in');
    const olga = (await team()).find((a) => a.responderName === offDuty.name)!;
    expect(olga.status).toBe('proposed');
    // Assigning her twice is refused with a clear alert.
    await row.dragTo(card(page));
    const dialog2 = page.getByRole('dialog', { name: 'Assign Olga Fuera anyway?' });
    await expect
      .poll(async () => (await page.getByTestId('assign-alert').count()) + (await dialog2.count()))
      .toBeGreaterThan(0);
    if (await dialog2.count()) {
      await dialog2.getByLabel(/Reason/).fill('again');
      await dialog2.getByRole('button', { name: 'Assign anyway' }).click();
    }
    expect(await page.getByTestId('assign-alert').textContent()).toContain(
      'already on this incident',
    );
    await page.getByTestId('assign-alert').getByRole('button', { name: 'Dismiss' }).click();
  });

  it('flags an overdue check-in on the board and the map with a fake clock', async () => {
    const { page } = c;
    const onScene = (await team()).find((a) => a.status === 'on_scene')!;
    clock.now += 21 * 60_000;
    await page.reload();
    await selectRaid(page);
    await expect.poll(() => card(page).textContent()).toContain('⚠ 1 check-in overdue');
    expect(await marker(page).textContent()).toContain('⚠ check-in');
    expect(await member(page, onScene.responderName).textContent()).toContain('⚠ Check-in overdue');
    await member(page, onScene.responderName)
      .getByRole('button', { name: `Check in: ${onScene.responderName}` })
      .click();
    await expect.poll(() => card(page).textContent()).not.toContain('check-in overdue');
    expect(await marker(page).textContent()).not.toContain('⚠ check-in');
  });

  it('shows the responder status board grouped by status, filterable by town', async () => {
    const { page } = c;
    await page.getByRole('tab', { name: 'Status board' }).click();
    const onScene = page.getByTestId('status-group-on_scene');
    await onScene.waitFor();
    expect(await onScene.getByRole('heading').textContent()).toBe('On scene (1)');
    expect(await page.getByTestId('status-group-off_duty').textContent()).not.toContain(
      'Olga Fuera',
    );
    expect(await page.getByTestId('status-group-notified').textContent()).toMatch(
      /Notified \(\d+\)/,
    );
  });

  it('screenshots the board during a multi-responder incident', async () => {
    const { page } = c;
    // One more on the way, so the team shows several statuses.
    const proposed = (await team()).find((a) => a.status === 'proposed')!;
    const row = member(page, proposed.responderName);
    await row.getByRole('button', { name: `Notified: ${proposed.responderName}` }).click();
    await row.getByRole('button', { name: `Accepted: ${proposed.responderName}` }).click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('accepted');
    await page.getByTestId('status-board').getByLabel('Town').selectOption('Holyoke');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'responder-status-board.png') });
    await page.getByRole('tab', { name: 'Candidates' }).click();
    await page.getByTestId('candidate-item').first().waitFor();
    await page.getByTestId('team-panel').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'dispatch-board.png') });
  });
});
