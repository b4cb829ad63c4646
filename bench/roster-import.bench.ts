import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend/console-backend';
import { DEMO_TOWNS, seededRandom } from '../backend/demo/demo-network';
import type { BenchResult } from './bench-kit';
import { testEncryption } from '../test/test-passphrase';
import { GOOGLE_FORMS_HEADERS, GOOGLE_FORMS_ROWS } from '../test/fixtures/rosters/generate';

/**
 * A 10,000-row bilingual roster CSV (target: parse + plan + commit < 2 s) imported through the
 * API into a fresh SQLite file: every row is one op through the mutation path, all in one
 * transaction. 1% of the rows are bad and 1% repeat an earlier phone (merged).
 */
async function importCsvBench(): Promise<BenchResult> {
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
  return { bench: 'roster.import_csv', ...(await timeImport(csvBase64)) };
}

/** Plans and commits one file into a fresh console; times each step. */
async function timeImport(csvBase64: string) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-roster-'));
  const backend = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dir, 'console.sqlite'),
    sync: { autoStart: false },
  });
  try {
    const cpu0 = process.cpuUsage();
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
    return {
      n: plan.value.totalRows,
      total_ms: round(t2 - t0),
      // CPU time of this process: on a shared machine, wall time also counts other work.
      cpu_ms: round(((c) => (c.user + c.system) / 1000)(process.cpuUsage(cpu0))),
      plan_ms: round(t1 - t0),
      commit_ms: round(t2 - t1),
      added: result.value.added,
      merged: result.value.merged,
      problems: result.value.problems.length,
      review: result.value.review,
    };
  } finally {
    backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 10,000 Google-Forms-shaped rows (bilingual headers and option labels, checkbox lists,
 * availability words, a yes/no training question beside a date column; target < 2 s for parse +
 * plan + commit): the fixture's 23 answers repeated with fresh names and phones, so 1 in 23 rows
 * merges (the same person twice) and 1 in 23 is a shared phone under another name (review).
 */
async function importGoogleFormsBench(): Promise<BenchResult> {
  const n = 10_000;
  const rows: string[][] = [GOOGLE_FORMS_HEADERS];
  for (let i = 0; rows.length <= n; i++) {
    const block = Math.floor(i / GOOGLE_FORMS_ROWS.length);
    const template = GOOGLE_FORMS_ROWS[i % GOOGLE_FORMS_ROWS.length]!;
    // Same-phone rows of the fixture keep pointing at their own block's earlier row.
    const phone = 1000 + block * 23 + (Number(template[2]!.replace(/\D/g, '').slice(-2)) % 23);
    const exchange = 550 + Math.floor(phone / 10_000);
    rows.push([
      template[0]!,
      `${template[1]} ${block}`.replace(/^(\S+), (\S+) (\d+)$/, '$1 $3, $2'),
      `(413) ${exchange}-${String(phone % 10_000).padStart(4, '0')}`,
      ...template.slice(3),
    ]);
  }
  const csv = rows
    .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');
  const csvBase64 = Buffer.from(`${csv}\r\n`, 'utf8').toString('base64');
  return { bench: 'roster.import_google_forms', ...(await timeImport(csvBase64)) };
}

export default async function rosterImportBench(): Promise<BenchResult[]> {
  return [await importCsvBench(), await importGoogleFormsBench()];
}
