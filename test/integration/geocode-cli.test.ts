import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const script = join(root, 'scripts', 'geocode.ts');

function run(...args: string[]) {
  const r = spawnSync(tsx, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  const lines = r.stdout.split('\n').filter(Boolean);
  return {
    code: r.status,
    stderr: r.stderr,
    rows: lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('scripts/geocode.ts', () => {
  it('prints ranked candidates as JSON lines', () => {
    const { code, rows } = run('holyoke ma');
    expect(code).toBe(0);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({
      name: 'Holyoke',
      kind: 'town',
      precision: 'town',
      town: 'Holyoke',
    });
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'name',
          'kind',
          'lat',
          'lon',
          'precision',
          'town',
          'label',
          'score',
        ]),
      );
    }
    const scores = rows.map((r) => r.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('joins several arguments into one query and keeps street text', () => {
    const { code, rows } = run('12', 'Main', 'St,', 'Holyoke');
    expect(code).toBe(0);
    expect(rows[0]).toMatchObject({
      name: 'Holyoke',
      precision: 'town',
      streetText: '12 Main St',
    });
  });

  it('exits 1 with a message when nothing matches', () => {
    const { code, rows, stderr } = run('qqqqzz');
    expect(code).toBe(1);
    expect(rows).toEqual([]);
    expect(stderr).toMatch(/no match for "qqqqzz"/);
  });

  it('exits 2 with usage when no query is given', () => {
    const { code, stderr } = run();
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage/);
  });
});
