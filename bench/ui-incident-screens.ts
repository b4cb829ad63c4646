import type { Page } from 'playwright-core';

/**
 * What a dispatcher waits for on the incident side of the screen, each from the action (a click,
 * a key) to the DOM change a person would see, polled every animation frame in the page.
 */

const SELECTED_CARD = '[data-testid="incident-item"].is-selected [data-testid="incident-card"]';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** The incident selected on the board, if any. */
const selectedIncidentId = (page: Page) =>
  page.evaluate<string | null>(
    `document.querySelector(${JSON.stringify(SELECTED_CARD)})?.dataset.incidentId ?? null`,
  );

/** Closes whatever dialog the last step left open (the duplicate review after a save). */
async function closeDialogs(page: Page): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator('dialog[open]').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(100);
  }
}

/** After a save: the duplicate review opens, or the details heading takes focus. */
async function afterSave(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('dialog[open]') !== null ||
      document.activeElement?.id === 'details-heading',
    undefined,
    { timeout: 15_000 },
  );
  await closeDialogs(page);
}

/**
 * Fills a short intake (type, triage, a town from the gazetteer, a description) and times the
 * save: from the click on Save until the new incident's card is selected and in view on the board
 * and its marker is on the map.
 */
export async function intakeSaveToCard(page: Page, runs: number): Promise<number[]> {
  const samples: number[] = [];
  const towns = ['Holyoke', 'Greenfield', 'Pittsfield', 'Amherst', 'Westfield', 'Chicopee'];
  for (let run = 0; run < runs; run++) {
    await page.getByTestId('new-incident-button').click();
    await page.locator('#intake-type').waitFor();
    await page.locator('#intake-type').selectOption('home_raid');
    await page.getByRole('radio', { name: 'Mobilize now' }).check();
    const town = towns[run % towns.length]!;
    await page.locator('#intake-location').fill(town);
    const suggestion = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    await suggestion.first().waitFor();
    await page.locator('#intake-location').press('ArrowDown');
    await page.locator('#intake-location').press('Enter');
    await page.locator('#intake-description').fill(`Bench intake ${run}, agents at a door`);
    const before = await selectedIncidentId(page);
    samples.push(
      await timed(async () => {
        await page.locator('.intake .form-actions button[type="submit"]').click();
        await page.waitForFunction(
          ({ selector, before }) => {
            const card = document.querySelector<HTMLElement>(selector);
            const id = card?.dataset.incidentId;
            if (!card || !id || id === before) return false;
            const list = card.closest('[role="listbox"]')!.getBoundingClientRect();
            const box = card.getBoundingClientRect();
            const inView = box.bottom > list.top && box.top < list.bottom;
            const marker = document.querySelector(
              `[data-testid="map"] .leaflet-marker-icon[data-incident-id="${id}"]`,
            );
            return inView && marker !== null;
          },
          { selector: SELECTED_CARD, before },
          { polling: 'raf', timeout: 15_000 },
        );
      }),
    );
    await afterSave(page);
  }
  return samples;
}

/** Selects the `index`th card on the board and waits for its details (the note box). */
export async function selectBoardCard(page: Page, index: number): Promise<string> {
  await closeDialogs(page);
  const card = page.getByTestId('incident-item').nth(index);
  await card.click();
  await page.locator('#note-text').waitFor();
  return (await selectedIncidentId(page))!;
}

/** Types a note, then times Ctrl+Enter until every page in `watchers` shows it in the timeline. */
async function noteRun(page: Page, text: string, watchers: Page[]): Promise<number> {
  await page.locator('#note-text').fill(text);
  const t = performance.now();
  await page.locator('#note-text').press('Control+Enter');
  await Promise.all(
    watchers.map((watcher) =>
      watcher.waitForFunction(
        (expected) =>
          [...document.querySelectorAll('[data-testid="timeline"] li')].some((li) =>
            li.textContent?.includes(expected),
          ),
        text,
        { polling: 'raf', timeout: 15_000 },
      ),
    ),
  );
  return performance.now() - t;
}

/** A note typed on this console until it shows in this console's timeline. */
export async function noteLocalVisible(page: Page, runs: number): Promise<number[]> {
  await selectBoardCard(page, 2);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    samples.push(await noteRun(page, `Bench local note ${run} ${Date.now()}`, [page]));
    await page.waitForTimeout(200);
  }
  return samples;
}

/**
 * A note typed on console `from` until it shows on console `to`, which has the same incident
 * open (both consoles on one relay on loopback).
 */
export async function noteRemoteVisible(
  from: Page,
  to: Page,
  incidentId: string,
  runs: number,
): Promise<number[]> {
  await to.locator(`[data-testid="incident-card"][data-incident-id="${incidentId}"]`).click();
  await to.locator('#note-text').waitFor();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    samples.push(await noteRun(from, `Bench remote note ${run} ${Date.now()}`, [to]));
    await from.waitForTimeout(200);
  }
  return samples;
}
