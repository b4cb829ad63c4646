import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend/console-backend';
import { DEMO_TOWNS, seededRandom } from '../backend/demo/demo-network';
import type { BenchResult } from './bench-kit';
import { testEncryption } from '../test/test-passphrase';

/**
 * A 10,000-row bilingual roster CSV (target: parse + plan + commit < 2 s) imported through the
 * API into a fresh SQLite file: every row is one op through the mutation path, all in one
 * transaction. 1% of the rows are bad and 1% repeat an earlier phone (merged).
 */
export default async function rosterImportBench(): Promise<BenchResult[]> {
  const n = 10_000;
  const rand = seededRandom(11);
  const lines = ['Nombre / Name;Teléfono;Idiomas;Pueblo/Town;Roles;Carro?;Capacitaciones;Notas'];
  const langs = ['Español, inglés', 'English', 'Kreyòl', 'Português; English', 'Spanish'];
  const roles = [
    'rally responder',
    'observador legal, rally responder',
    'verifier',
    'líder de canto',
    'driver',
  ];
  for (let i = 0; i < n; i++) {
    const town = DEMO_TOWNS[Math.floor(rand() * DEMO_TOWNS.length)]!.name;
    const phone = i % 100 === 99 ? 1000 + i - 50 : 1000 + i; // 1% repeat an earlier phone
    const bad = i % 100 === 42;
    lines.push(
      [
        bad ? '' : `Bench Person ${i}`,
        `(413) 555-${String(phone % 10_000).padStart(4, '0')}`.replace(
          '555-',
          `${550 + Math.floor(phone / 10_000)}-`,
        ),
        `"${langs[i % langs.length]}"`,
        town,
        `"${roles[i % roles.length]}"`,
        i % 2 ? 'sí' : 'no',
        'Sanctuary in the Streets 2025-10-04',
        i % 7 === 0 ? '"Prefers texts, evenings"' : '',
      ].join(';'),
    );
  }
  const csvBase64 = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
  const dir = mkdtempSync(join(tmpdir(), 'bench-roster-'));
  const backend = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dir, 'console.sqlite'),
    sync: { autoStart: false },
  });
  try {
    const t0 = performance.now();
    const plan = await backend.call('planRosterImport', { csvBase64 });
    if (!plan.ok) throw new Error(plan.error.message);
    const t1 = performance.now();
    const result = await backend.call('commitRosterImport', {
      csvBase64,
      mapping: plan.value.mapping,
    });
    if (!result.ok) throw new Error(result.error.message);
    const t2 = performance.now();
    const round = (x: number) => Math.round(x);
    return [
      {
        bench: 'roster.import_csv',
        n,
        total_ms: round(t2 - t0),
        plan_ms: round(t1 - t0),
        commit_ms: round(t2 - t1),
        added: result.value.added,
        merged: result.value.merged,
        problems: result.value.problems.length,
      },
    ];
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
