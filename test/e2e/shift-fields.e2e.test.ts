import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

type Incident = { id: string };
type Responder = { id: string; name: string; active: boolean; roles: string[] };
type Assignment = { id: string; status: string; etaAt: string | null };

describe('fields that do what a dispatcher means', () => {
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

  it('replaces the ETA instead of appending, and asks twice above two hours', async () => {
    const { page } = c;
    const [incident] = await call<Incident[]>('listIncidents', { scope: 'open' });
    const responder = (await call<Responder[]>('listResponders', {})).find(
      (r) => r.active && r.roles.includes('legal_observer'),
    )!;
    const a = await call<Assignment>('createAssignment', {
      incidentId: incident!.id,
      responderId: responder.id,
      role: 'legal_observer',
      overrideReason: 'Field test',
    });
    for (const [from, to] of [
      ['proposed', 'notified'],
      ['notified', 'accepted'],
    ])
      await call('advanceAssignment', { id: a.id, to, expectedFrom: from });
    await page.locator(`[data-testid="incident-item"][data-id="${incident!.id}"]`).click();
    const row = page.locator(`[data-testid="team-member"][data-assignment-id="${a.id}"]`);
    await row.getByRole('button', { name: `En route…: ${responder.name}` }).click();
    const eta = row.getByLabel('ETA in minutes');
    // Empty with an example, not a prefilled "15" that typing would extend.
    expect(await eta.inputValue()).toBe('');
    expect(await eta.getAttribute('placeholder')).toMatch(/15/);
    await eta.pressSequentially('15');
    await eta.blur();
    await eta.focus();
    await page.keyboard.type('158');
    expect(await eta.inputValue()).toBe('158');
    await page.keyboard.press('Enter');
    // More than two hours: a second look before it reaches the timeline.
    await expect.poll(() => row.getByRole('alert').textContent()).toMatch(/more than two hours/);
    expect(
      (await call<Assignment[]>('listAssignments', { incidentId: incident!.id }))[0]!.status,
    ).toBe('accepted');
    // The warning selects what was typed: the correction replaces it.
    await page.keyboard.type('8');
    expect(await eta.inputValue()).toBe('8');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        async () =>
          (await call<Assignment[]>('listAssignments', { incidentId: incident!.id })).find(
            (x) => x.id === a.id,
          )!.status,
      )
      .toBe('en_route');
    const stored = (await call<Assignment[]>('listAssignments', { incidentId: incident!.id })).find(
      (x) => x.id === a.id,
    )!;
    const minutes = (Date.parse(stored.etaAt!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(6);
    expect(minutes).toBeLessThan(9);
  });

  it('says so when a paste runs over a limit and keeps every character', async () => {
    const { page } = c;
    await page.locator('body').click({ position: { x: 640, y: 700 } });
    await page.keyboard.press('n');
    const description = page.locator('#intake-description');
    await description.waitFor();
    const pasted = 'x'.repeat(5000);
    await description.focus();
    await page.evaluate((text) => {
      const el = document.getElementById('intake-description') as HTMLTextAreaElement;
      el.focus();
      document.execCommand('insertText', false, text);
    }, pasted);
    await expect.poll(() => description.inputValue()).toHaveLength(5000);
    expect(await page.getByTestId('over-limit').textContent()).toMatch(/1000 characters over/);
    expect(await description.getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a callback phone the roster would refuse', async () => {
    const { page } = c;
    if (!(await page.locator('#intake-type').count())) {
      await page.locator('body').click({ position: { x: 640, y: 700 } });
      await page.keyboard.press('n');
    }
    const phone = page.getByLabel('Callback phone', { exact: true });
    await phone.fill('call me maybe');
    await page.getByRole('button', { name: /Save incident/ }).click();
    await expect
      .poll(async () => {
        const id = await phone.getAttribute('id');
        return page.locator(`#${id}-error`).textContent();
      })
      .toMatch(/callback number/);
  });
});
