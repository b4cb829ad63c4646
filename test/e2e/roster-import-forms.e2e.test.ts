import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConsole, type ConsoleUnderTest } from './console-harness';

const fixture = (name: string, extraLines = '') => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.concat([
    readFileSync(resolve('test', 'fixtures', 'rosters', name)),
    Buffer.from(extraLines, 'utf8'),
  ]),
});
/** A form answer without a name: the one row the importer refuses. */
const NAMELESS = '3/16/2026 10:00:00,,413-555-0199,,Holyoke,Inglés / English,,,,,,\r\n';

/**
 * A bilingual Google Forms export imported the way an organizer would: progress while it is
 * read, what could not be read under each person in the preview, the outcome in words, and the
 * roster's "needs review" list filled with those people. Then the same in Spanish.
 */
describe('importing a Google Forms roster through the dialog', () => {
  let c: ConsoleUnderTest;

  beforeAll(async () => {
    // A console of its own network (no demo roster, whose 555 numbers the form shares).
    c = await launchConsole({
      demo: false,
      beforeOpen: async (backend) => {
        const r = await backend.call('signOn', { name: 'Ana', pin: '246813', newDispatcher: true });
        if (!r.ok) throw new Error(r.error.message);
      },
    });
    await c.page.getByRole('button', { name: 'Import CSV' }).waitFor();
  });
  afterAll(async () => {
    await c?.close();
  });

  /** Every text the progress area showed, recorded in the page (it can be brief). */
  const recordProgress = () =>
    c.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        const label = bar?.querySelector('progress')?.labels?.[0]?.textContent;
        if (bar?.textContent && label) seen.push(bar.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  const progressSeen = () =>
    c.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

  it('shows progress, warnings per person, the summary in words and the needs-review list', async () => {
    const { page } = c;
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a roster CSV' });
    await recordProgress();
    await dialog
      .getByLabel('Roster file (CSV, text or Excel .xlsx)')
      .setInputFiles(fixture('google-forms-bilingual.csv', NAMELESS));

    await dialog.getByRole('heading', { name: 'Which column holds what' }).waitFor();
    expect(await dialog.getByTestId('import-read-as').textContent()).toMatch(/^Read as utf-8/);
    const seen = await progressSeen();
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.every((s) => /^Import progress(Reading the file…|\d+ of \d+ people)$/.test(s)),
    ).toBe(true);
    await dialog.getByRole('button', { name: 'Preview the import' }).click();

    await dialog.getByRole('heading', { name: 'Dry run: nothing is stored yet' }).waitFor();
    const summary = await dialog.getByTestId('import-summary').textContent();
    expect(summary).toBe('22 added, 1 merged, 5 need review, 1 needs a name');
    // What could not be read is shown under the person, marked ⚑ and in words.
    const dario = dialog.getByTestId('import-add-row').filter({ hasText: 'Dario Muestra' });
    const darioWarnings = dario.getByRole('list', { name: /To check for line/ });
    expect(await darioWarnings.textContent()).toContain('⚑');
    expect(await darioWarnings.textContent()).toContain('"last spring"');
    const carmen = dialog.getByTestId('import-add-row').filter({ hasText: 'Carmen Pérez' });
    expect(await carmen.textContent()).toContain('Name "Pérez, Carmen" read as Carmen Pérez');
    // Duplicates say how they matched; a phone-only match is a separate person unless merged.
    const sameAna = dialog.getByTestId('import-duplicate').filter({ hasText: 'Line 23' });
    expect(await sameAna.textContent()).toContain('same phone and name; proposed: merge');
    expect(await sameAna.getByRole('radio', { name: 'Merge' }).isChecked()).toBe(true);
    const valeria = dialog.getByTestId('import-duplicate').filter({ hasText: 'Valeria Ejemplo' });
    expect(await valeria.textContent()).toContain('same phone; proposed: check');
    expect(await valeria.getByTestId('import-review-hint').textContent()).toBe(
      '⚑ Check this: it will be added as a separate person unless you choose merge.',
    );
    expect(await valeria.getByRole('radio', { name: 'Add as new' }).isChecked()).toBe(true);
    const refused = dialog.getByTestId('import-problem');
    expect(await refused.count()).toBe(1);
    expect(await refused.first().textContent()).toContain('No name');

    await dialog.getByRole('button', { name: /^Import \d+ rows$/ }).click();
    const result = dialog.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toBe('22 added, 1 merged, 4 need review, 1 needs a name');
    const doneWarnings = dialog.getByTestId('import-done-warnings');
    expect(await doneWarnings.textContent()).toContain(
      'Line 6: Training date not read: "last spring"',
    );
    // The merge can be undone from here: both people are then on the roster.
    await dialog.getByRole('button', { name: 'Undo merge of line 23' }).click();
    await expect
      .poll(() => dialog.getByTestId('import-merge').textContent())
      .toBe('Merge of line 23 undone: both people are on the roster.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The people imported with warnings are listed with their review lines.
    await page.getByRole('checkbox', { name: 'Needs review' }).check();
    const review = page.getByTestId('needs-review');
    const dario2 = review.getByTestId('needs-review-item').filter({ hasText: 'Dario Muestra' });
    await dario2.waitFor();
    expect(await dario2.getByRole('list', { name: 'To check' }).textContent()).toContain(
      'last spring',
    );
    expect(await review.getByTestId('needs-review-item').count()).toBeGreaterThan(1);
  });

  it('says the outcome in Spanish', async () => {
    const { page } = c;
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Importar CSV' }).click();
    const dialog = page.getByTestId('import-dialog');
    await dialog
      .getByLabel('Archivo de la lista (CSV, texto o Excel .xlsx)')
      .setInputFiles(fixture('action-network.csv'));
    await dialog.getByRole('button', { name: 'Ver la vista previa' }).click();
    const summary = await dialog.getByTestId('import-summary').textContent();
    expect(summary).toBe('11 agregadas, 1 por revisar');
    await dialog.getByRole('button', { name: /^Importar \d+ filas$/ }).click();
    const result = dialog.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toBe('11 agregadas, 1 por revisar');
  });
});
