import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';
import { seedScaleNetwork } from '../../bench/seed-scale';

type Responder = {
  id: string;
  name: string;
  homeTown: string;
  languages: string[];
  roles: string[];
  phones: { e164: string }[];
  active: boolean;
};

/**
 * A small bilingual roster export of the kind organizers keep: Spanish/English headers, a town
 * column the mapper cannot guess ("Zona"), an e-mail column to ignore, quoted commas, accents,
 * Kreyòl, a phone and a town that cannot be read (imported with a warning), a row without a name
 * (refused) and one person already on the demo roster.
 */
const CSV = [
  'Nombre / Name,Teléfono / Phone,Idiomas / Languages,Rol / Role,Capacitaciones / Trainings,Zona,De guardia / On call,Carro / Car,Correo electrónico',
  'Rosa Quiñones,(413) 555-0901,"Español, English",verifier,verifier 2025-06-01,Turners Falls,sí,sí,rosa@example.org',
  'Jean-Baptiste Pierre,413-555-0902,"Kreyòl, Français",interpreter,interpreter 2025-09-10,Holyoke,no,no,jb@example.org',
  'Teléfono Malo,555-0903,Spanish,rally responder,,Springfield,no,no,',
  ',413-555-0904,English,driver,,Amherst,no,sí,',
  'Marisol Atlántida,413-555-0905,Spanish,driver,,Atlantis,no,sí,',
  'Ana Belizaire,413 555 0193,"English, Spanish",rally responder,,Chicopee,no,sí,',
  '',
].join('\r\n');

describe('the roster: CSV import, candidates and team suggestion', () => {
  let c: ConsoleUnderTest;
  const call = async <T>(op: string, input: unknown): Promise<T> => {
    const r = await c.backend!.call(op as never, input as never);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as T;
  };
  let before: Responder[] = [];

  beforeAll(async () => {
    c = await launchConsole();
    await c.page.getByTestId('responder-item').first().waitFor();
    before = await call<Responder[]>('listResponders', { includeInactive: true, limit: 5000 });
  });
  afterAll(async () => {
    await c?.close();
  });

  it('imports a bilingual CSV through the mapping step and the dry-run preview', async () => {
    const { page } = c;
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a roster CSV' });
    await dialog.getByLabel('Roster file (CSV, text or Excel .xlsx)').setInputFiles({
      name: 'voluntarios.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });

    // Mapping: suggested from the Spanish/English headers; "Zona" needs a hand.
    await dialog.getByRole('heading', { name: 'Which column holds what' }).waitFor();
    expect(await dialog.getByLabel('Roster field for column "Nombre / Name"').inputValue()).toBe(
      'name',
    );
    expect(
      await dialog.getByLabel('Roster field for column "Idiomas / Languages"').inputValue(),
    ).toBe('languages');
    expect(
      await dialog.getByLabel('Roster field for column "Correo electrónico"').inputValue(),
    ).toBe('');
    const town = dialog.getByLabel('Roster field for column "Zona"');
    expect(await town.inputValue()).toBe('');
    // A phone column is enough to import; the town column still places people.
    const next = dialog.getByRole('button', { name: 'Preview the import' });
    expect(await next.isDisabled()).toBe(false);
    await town.selectOption('homeTown');
    await next.click();

    // Dry run: four to add (two with a warning), one likely duplicate, one refused row.
    await dialog.getByRole('heading', { name: 'Dry run: nothing is stored yet' }).waitFor();
    expect(await dialog.getByTestId('import-summary').textContent()).toBe(
      '4 added, 1 merged, 2 need review, 1 needs a name',
    );
    const addTable = dialog.getByTestId('import-add-table');
    expect(await addTable.textContent()).toContain('Rosa Quiñones');
    expect(await addTable.textContent()).toContain('Haitian Creole, French');
    const problems = dialog.getByTestId('import-problem');
    expect(await problems.count()).toBe(1);
    expect(await problems.nth(0).textContent()).toMatch(/^5.*No name/);
    const duplicate = dialog.getByTestId('import-duplicate');
    expect(await duplicate.textContent()).toMatch(/Line 7: Ana Belizaire.*already on the roster/);
    expect(await duplicate.getByRole('radio', { name: 'Merge' }).isChecked()).toBe(true);
    await duplicate.getByRole('radio', { name: 'Skip' }).check();

    await dialog.getByRole('button', { name: 'Import 4 rows' }).click();
    await expect
      .poll(() => dialog.getByTestId('import-result').textContent())
      .toBe('4 added, 1 skipped, 2 need review, 1 needs a name');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Everyone with a name landed; the duplicate was skipped; nothing else changed.
    const after = await call<Responder[]>('listResponders', { includeInactive: true, limit: 5000 });
    const beforeIds = new Set(before.map((r) => r.id));
    const added = after.filter((r) => !beforeIds.has(r.id));
    expect(added.map((r) => r.name).sort()).toEqual([
      'Jean-Baptiste Pierre',
      'Marisol Atlántida',
      'Rosa Quiñones',
      'Teléfono Malo',
    ]);
    // What could not be read is kept for review; an unplaceable home is imported inactive.
    const review = await call<Responder[]>('listResponders', {
      includeInactive: true,
      needsReview: true,
    });
    expect(review.map((r) => r.name).sort()).toEqual(['Marisol Atlántida', 'Teléfono Malo']);
    expect(added.find((r) => r.name === 'Marisol Atlántida')!.active).toBe(false);
    const rosa = added.find((r) => r.name === 'Rosa Quiñones')!;
    expect(rosa.homeTown).toBe('Turners Falls');
    expect(rosa.languages).toEqual(['es', 'en']);
    expect(rosa.phones[0]!.e164).toBe('+14135550901');
    const jb = added.find((r) => r.name === 'Jean-Baptiste Pierre')!;
    expect(jb.languages).toEqual(['ht', 'fr']);
    expect(after.filter((r) => r.name === 'Ana Belizaire')).toHaveLength(1);
    expect(after.length).toBe(before.length + 4);

    // The panel shows them at once.
    await page.getByRole('searchbox', { name: 'Search by name or town' }).fill('Rosa Quiñones');
    await expect.poll(() => page.getByTestId('responder-item').count()).toBe(1);
    expect(await page.getByTestId('responder-item').textContent()).toMatch(
      /Rosa Quiñones.*On call.*Turners Falls.*Verifier.*Spanish, English/,
    );
    await page.getByRole('searchbox', { name: 'Search by name or town' }).fill('');
  });

  it('ranks candidates for the selected incident with their explanations', async () => {
    const { page } = c;
    // The demo home raid in Montague (verify first): its first open slot is "verifier".
    await page.getByTestId('incident-item').filter({ hasText: 'Home raid' }).click();
    const view = page.getByTestId('candidates-view');
    await view.waitFor();
    expect(await page.getByRole('tab', { name: 'Candidates' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await view.getByLabel('Candidates for the role').inputValue()).toBe('verifier');
    const ranked = view.getByRole('list', { name: /^(Ranked candidates|Candidatos por orden)/ });
    await ranked.getByRole('listitem').first().waitFor();
    const first = ranked.getByRole('listitem').first();
    // Rosa lives in Turners Falls, next to Montague, is on call and a trained verifier.
    expect(await first.getAttribute('data-responder-id')).toBeTruthy();
    expect(await first.textContent()).toMatch(
      /^1\.Rosa Quiñonesscore \d+~\d+ min by car from Turners Falls · speaks Spanish · verifier \(trained 2025-06\) · on call now · not deployed recently$/,
    );
    // Every candidate has an explanation line and a score.
    for (const item of await ranked.getByRole('listitem').all())
      expect(await item.textContent()).toMatch(
        /score \d+.*min .* from .* · (speaks|does not speak) /,
      );
    // The map draws each candidate's travel line, labelled in words.
    await expect.poll(() => page.locator('.candidate-label--candidate').count()).toBeGreaterThan(0);
    expect(await page.locator('.candidate-label--candidate').first().textContent()).toMatch(
      /#1 Rosa Quiñones.*min from Turners Falls/,
    );

    // In Spanish the explanation is translated from its structured parts.
    await page.getByTestId('language-switch').locator('button[lang="es"]').click();
    await expect
      .poll(() => ranked.getByRole('listitem').first().textContent())
      .toMatch(
        /en carro desde Turners Falls · habla español · verificador\/a \(capacitación 2025-06\) · de guardia ahora/,
      );
    await page.getByTestId('language-switch').locator('button[lang="en"]').click();
  });

  it('"Suggest a team" fills the slots and says which it could not fill', async () => {
    const { page } = c;
    const view = page.getByTestId('candidates-view');
    await view.getByRole('button', { name: 'Suggest a team' }).click();
    const suggestion = view.getByRole('region', { name: 'Suggested team' });
    const slot = suggestion.getByTestId('suggested-slot');
    await slot.first().waitFor();
    expect(await slot.count()).toBe(1);
    expect(await slot.first().textContent()).toMatch(/^Verifier 2 of 2/);
    const members = slot.first().getByTestId('team-member');
    expect(await members.count()).toBe(2);
    const names = await members.locator('.candidate__name').allTextContents();
    expect(names).toContain('Rosa Quiñones');
    expect(new Set(names).size).toBe(2);

    // The dispatcher edits the plan: five verifiers and a driver.
    const needed = view.getByLabel('How many Verifier');
    await needed.fill('5');
    await needed.press('Enter');
    await expect.poll(() => view.getByText('(edited)').count()).toBe(1);
    await view.getByLabel('Add a slot for').selectOption('driver');
    await view.getByRole('button', { name: 'Add slot' }).click();
    await expect.poll(() => view.getByTestId('team-slot').count()).toBe(2);
    await view.getByRole('button', { name: 'Suggest a team' }).click();
    await expect.poll(() => suggestion.getByTestId('suggested-slot').count()).toBe(2);
    const verifiers = suggestion.getByTestId('suggested-slot').first();
    expect(await verifiers.textContent()).toMatch(/Verifier \d of 5/);
    expect(await verifiers.getByTestId('unfilled-reason').textContent()).toMatch(
      /^(Only \d of 5 found \(verifier\)|No verifier available).*\(.+\)$/,
    );
    const plan = await call<{ slots: { role: string; needed: number }[] }>('getTeamPlan', {
      incidentId: await firstHomeRaidId(),
    });
    expect(plan.slots.map((s) => [s.role, s.needed])).toEqual([
      ['verifier', 5],
      ['driver', 1],
    ]);
    // Back to the default plan.
    await view.getByRole('button', { name: 'Back to default' }).click();
    await expect.poll(() => view.getByTestId('team-slot').count()).toBe(1);
  });

  it('adds, edits and deactivates a responder in a keyboard dialog with field errors', async () => {
    const { page } = c;
    await page.getByRole('tab', { name: 'Roster' }).click();
    await page.getByRole('button', { name: 'Add responder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a responder' });
    await dialog.getByLabel('Name *').fill('Teresa Lugo');
    await dialog.getByLabel('Phone 1', { exact: true }).fill('555-12');
    await dialog.getByRole('combobox', { name: /Home town/ }).fill('Florenc');
    await dialog
      .getByRole('option', { name: /Florence/ })
      .first()
      .waitFor();
    await dialog.getByRole('combobox', { name: /Home town/ }).press('Enter');
    await dialog.getByRole('checkbox', { name: 'Spanish', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'Family support', exact: true }).check();
    await dialog.getByRole('button', { name: 'Add responder' }).click();
    // The phone is refused at its field; focus goes there.
    await expect
      .poll(() => dialog.locator('#responder-error-phones-0').textContent())
      .toMatch(/a US number needs 10/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('responder-phone-0');
    await dialog.getByLabel('Phone 1', { exact: true }).fill('(413) 555-0999');
    // An API field error (a window ending before it starts) shows at its field too.
    await dialog.getByRole('button', { name: 'Add a time window' }).click();
    await dialog.getByLabel('From').fill('20:00');
    await dialog.getByLabel('Until').fill('18:00');
    await dialog.getByRole('button', { name: 'Add responder' }).click();
    await expect
      .poll(() => dialog.locator('#responder-error-availability-0-end').textContent())
      .toMatch(/must end after it starts/);
    await dialog.getByLabel('Until').fill('22:00');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    let teresa = (await call<Responder[]>('listResponders', { query: 'Teresa Lugo' }))[0]!;
    expect(teresa.homeTown).toBe('Florence');
    expect(teresa.phones[0]!.e164).toBe('+14135550999');

    // Edit from the keyboard (Enter on the selected row), then deactivate: never deleted.
    await page.getByRole('searchbox', { name: 'Search by name or town' }).fill('Teresa');
    await expect.poll(() => page.getByTestId('responder-item').count()).toBe(1);
    await page.getByTestId('responder-item').click();
    await page.getByRole('listbox', { name: 'Responders' }).press('Enter');
    const edit = page.getByRole('dialog', { name: 'Edit responder: Teresa Lugo' });
    await edit.getByRole('button', { name: 'Deactivate' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('responder-item').count()).toBe(0);
    teresa = (
      await call<Responder[]>('listResponders', { query: 'Teresa Lugo', includeInactive: true })
    )[0]!;
    expect(teresa.active).toBe(false);
    await page.getByLabel('Active?').selectOption('inactive');
    await expect.poll(() => page.getByTestId('responder-item').count()).toBe(1);
    expect(await page.getByTestId('responder-item').textContent()).toContain('Inactive');
  });

  async function firstHomeRaidId(): Promise<string> {
    const open = await call<{ id: string; type: string }[]>('listIncidents', {});
    return open.find((i) => i.type === 'home_raid')!.id;
  }
});

/**
 * A roster larger than any one list the backend sends (1,500 synthetic people beside the demo):
 * the selected person may sit anywhere in it, and the console still knows who they are and
 * where.
 */
describe('the selected responder on a roster of thousands', () => {
  let c: ConsoleUnderTest;
  beforeAll(async () => {
    c = await launchConsole({
      beforeOpen: (backend) => {
        seedScaleNetwork(backend.ctx, { responders: 1_500, open: 1, closed: 0 });
        return Promise.resolve();
      },
    });
    await c.page.getByTestId('responder-item').first().waitFor();
  }, 60_000);
  afterAll(async () => {
    await c?.close();
  });

  it('assigns someone far down the roster with G, and keeps them in view as the list changes', async () => {
    const { page } = c;
    // Someone past the first 1,000 people in name order.
    const far = await c.backend!.call('pageResponders', { offset: 1_400, limit: 1 });
    if (!far.ok) throw new Error(far.error.message);
    const { id, name } = far.value.rows[0]!;
    const search = page.getByRole('searchbox', { name: 'Search by name or town' });
    await search.fill(name);
    const row = page.locator(`[data-testid="responder-item"][data-id="${id}"]`);
    await row.click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');

    // G opens the assign dialog for the selected person, wherever they are in the roster.
    await page.keyboard.press('g');
    const dialog = page.getByRole('dialog', { name: `Assign ${name}` });
    await dialog.waitFor();
    expect(await page.getByTestId('assign-alert').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The search cleared: the whole roster, scrolled to the selected person.
    await search.fill('');
    await expect
      .poll(() => row.getAttribute('aria-posinset', { timeout: 1_000 }).catch(() => null), {
        timeout: 10_000,
      })
      .toBe('1401');
    expect(await row.isVisible()).toBe(true);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const list = page.getByRole('listbox', { name: 'Responders' });
    expect(await list.getAttribute('aria-activedescendant')).toBe(`responder-${id}`);

    // Away to the status board and back: the roster opens on them again.
    await page.getByRole('tab', { name: 'Status' }).click();
    await page.getByTestId('status-board').waitFor();
    await page.getByRole('tab', { name: 'Roster' }).click();
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    // The keyboard goes on from there.
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() =>
        page
          .locator('[data-testid="responder-item"][aria-selected="true"]')
          .getAttribute('aria-posinset'),
      )
      .toBe('1402');
  });
});
