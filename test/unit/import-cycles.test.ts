import { describe, expect, it } from 'vitest';
import { findImportCycles } from '../../scripts/import-cycles';

describe('import cycles', () => {
  it('finds none among backend/, shared/, relay/, db/ and electron/', () => {
    expect(
      findImportCycles(process.cwd(), ['backend', 'shared', 'relay', 'db', 'electron']),
    ).toEqual([]);
  });

  it('reports a cycle when there is one (the renderer is checked the same way)', () => {
    const cycles = findImportCycles(process.cwd(), ['test/unit/fixtures/import-cycle']);
    expect(cycles).toEqual([
      ['test/unit/fixtures/import-cycle/a.ts', 'test/unit/fixtures/import-cycle/b.ts'],
    ]);
  });
});
