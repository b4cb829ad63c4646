import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleBackend, type ConsoleBackend } from '../../backend/console-backend';
import { DB_FILE_NAME } from '../../backend/data-dir';
import { seedDemoNetworkIfEmpty } from '../../backend/demo/seed-demo';
import { DEFAULT_STANDING_TEXT } from '../../shared/briefing/standing-text';
import { testEncryption, testPassphraseFile } from '../test-passphrase';

type Responder = { id: string; roles: string[]; active: boolean };

const lastLine = (text: string) => text.split('\n').at(-1)!;
/** pdftotext breaks lines and may hyphenate; compare words only. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the printed briefing on a heavy incident', () => {
  let dir: string;
  let passphraseFile: string;
  let incidentId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefing-paper-'));
    passphraseFile = testPassphraseFile(dir);
    const backend: ConsoleBackend = createConsoleBackend({
      ...testEncryption,
      dbFile: join(dir, DB_FILE_NAME),
      migrationsFolder: resolve('db', 'migrations'),
      mode: 'browser',
    });
    await seedDemoNetworkIfEmpty(backend);
    const call = async <T>(op: string, input: unknown): Promise<T> => {
      const r = await backend.call(op as never, input as never);
      if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
      return r.value as T;
    };
    const incident = await call<{ id: string }>('createIncident', {
      type: 'workplace_raid',
      triage: 'mobilize_now',
      location: {
        text: 'Holyoke',
        streetText: null,
        lat: 42.2043,
        lon: -72.6162,
        precision: 'town',
        town: 'Holyoke',
      },
      salute: {
        agentsCount: 14,
        vehiclesCount: 6,
        agency: 'ice_ero',
        activity: 'Agents at the loading dock and both exits, workers held inside the warehouse, '
          .repeat(6)
          .slice(0, 500),
        equipment: 'Vests, unmarked vans, one van with tinted windows',
      },
      language: 'es',
    });
    incidentId = incident.id;
    // A full team: twelve people on it.
    const responders = (await call<Responder[]>('listResponders', {})).filter((r) => r.active);
    let added = 0;
    for (const r of responders) {
      if (added >= 12) break;
      const res = await backend.call(
        'createAssignment' as never,
        {
          incidentId,
          responderId: r.id,
          role: r.roles[0],
          overrideReason: 'Heavy test incident',
        } as never,
      );
      if (res.ok) added++;
    }
    expect(added).toBe(12);
    backend.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  for (const paper of ['letter', 'a4'] as const) {
    it(`keeps every section, down to the last Spanish safety note, on ${paper} (EN + ES)`, () => {
      const pdf = join(dir, `briefing-${paper}.pdf`);
      execFileSync(
        'npx',
        [
          'tsx',
          'scripts/briefing.ts',
          incidentId,
          '--pdf',
          pdf,
          '--paper',
          paper,
          '--lang',
          'both',
          '--data-dir',
          dir,
          '--passphrase-file',
          passphraseFile,
        ],
        { stdio: 'pipe' },
      );
      const text = words(execFileSync('pdftotext', [pdf, '-']).toString('utf8'));
      expect(text).toContain(words(lastLine(DEFAULT_STANDING_TEXT.briefingSafetyEs)));
      expect(text).toContain(words(lastLine(DEFAULT_STANDING_TEXT.briefingSafetyEn)));
      // Flowed, not cut: page 1 says so and page 2 is marked as its continuation.
      expect(text).toContain('Continued on page 2');
      expect(text).toContain('(continued / continuación)');
      const pages = execFileSync('pdfinfo', [pdf]).toString('utf8');
      expect(pages).toMatch(/Pages:\s+2\b/);
    });
  }
});
