import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rosterCli } from './helpers';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'rosters', name);
const cli = rosterCli;

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the roster CLI on real exports', () => {
  it('dry run and commit of a Google Forms export report warnings per line and the outcome in words', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roster-cli-real-'));
    const file = fixture('google-forms-bilingual.csv');
    const dry = await cli(['import', file, '--dry-run', '--data-dir', dir]);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.problems).toEqual([]);
    expect(plan.inWords).toBe('22 added, 1 merged, 5 need review');
    expect(plan.warnings).toEqual([
      { line: 4, warnings: ['Name "Pérez, Carmen" read as Carmen Pérez'] },
      {
        line: 6,
        warnings: ['Training date not read: "last spring"; training kept without a date'],
      },
      { line: 7, warnings: ['Trained, date not given'] },
      {
        line: 12,
        warnings: ['Role not recognized: "Cocinar para las familias / Cooking for families"'],
      },
    ]);
    expect(plan.duplicates.map((d: { line: number; proposedAction: string }) => d)).toMatchObject([
      { line: 23, proposedAction: 'merge' },
      { line: 24, proposedAction: 'review' },
    ]);

    const done = await cli(['import', file, '--data-dir', dir]);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout);
    expect(report).toMatchObject({ added: 22, merged: 1, skipped: 0, review: 5 });
    expect(report.inWords).toBe('22 added, 1 merged, 5 need review');
    expect(report.warnings.map((w: { line: number }) => w.line)).toEqual([4, 6, 7, 12, 24]);
    expect(report.warnings.at(-1).warnings).toEqual([
      'Maybe the same person as Bruno Ejemplo (Springfield): added as a separate person, check',
    ]);
    expect(report.merges).toHaveLength(1);
  }, 120_000);

  it('plans an Excel workbook and imports an EveryAction/VAN export', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roster-cli-real-'));
    const xlsx = JSON.parse(
      (await cli(['import', fixture('roster.xlsx'), '--dry-run', '--data-dir', dir])).stdout,
    );
    expect(xlsx.encoding).toBe('xlsx');
    expect(xlsx.summary).toEqual({ toAdd: 7, duplicates: 0, problems: 0 });
    const van = JSON.parse(
      (await cli(['import', fixture('everyaction-van.txt'), '--data-dir', dir])).stdout,
    );
    expect(van).toMatchObject({ added: 6, review: 2 });
    expect(van.inWords).toBe('6 added, 2 need review');
  }, 120_000);
});
