import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import {
  createConsoleBackend,
  type ConsoleBackend,
  type ConsoleBackendOptions,
} from '../../backend/console-backend';
import type { PinHashCost } from '../../backend/shifts/pin-hash';
import type { ApiResult } from '../../shared/api/result';
import type { ApiInput } from '../../shared/api/contract';
import { testEncryption, testPassphraseFile } from '../test-passphrase';

/** Cheap PIN hashing for suites that sign on often (production's cost has its own test). */
export const TEST_PIN_HASH_COST: PinHashCost = { N: 1024, r: 8, p: 1 };

/** A backend on a real SQLite file in a fresh temp dir, with a controllable clock. */
export function tempBackend(
  start = Date.parse('2026-11-28T14:00:00Z'),
  extra: Partial<ConsoleBackendOptions> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'console-it-'));
  const clock = { now: start };
  const file = join(dir, 'console.sqlite');
  const open = () =>
    createConsoleBackend({
      ...testEncryption,
      dbFile: file,
      now: () => clock.now,
      pinHashCostForTests: TEST_PIN_HASH_COST,
      ...extra,
    });
  const backend = open();
  return {
    backend,
    clock,
    file,
    dir,
    reopen: open,
    cleanup: (b: ConsoleBackend = backend) => {
      b.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function value<T>(result: ApiResult<T>): T {
  if (!result.ok)
    throw new Error(`Expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Row counts of every table: "nothing changed" means these are equal before and after. */
export function tableCounts(backend: ConsoleBackend): Record<string, number> {
  const tables = [
    'incidents',
    'responders',
    'assignments',
    'settings',
    'activity_log',
    'op_log',
    'field_clocks',
  ];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      backend.ctx.db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${t}`)).n,
    ]),
  );
}

/** Hash of every row of every table: equal before and after means nothing at all changed. */
export function databaseHash(backend: ConsoleBackend): string {
  const client = backend.ctx.db.$client;
  const all = client
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  // Full-text indexes are derived from the tables hashed here (and some have no rowid).
  const indexes = all.filter((t) => t.sql?.startsWith('CREATE VIRTUAL TABLE')).map((t) => t.name);
  const tables = all.filter(
    (t) => !indexes.some((v) => t.name === v || t.name.startsWith(`${v}_`)),
  );
  const hash = createHash('sha256');
  for (const { name } of tables) {
    hash.update(name);
    hash.update(JSON.stringify(client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()));
  }
  return hash.digest('hex');
}

export const sampleIncident: ApiInput<'createIncident'> = {
  type: 'home_raid',
  triage: 'verify_first',
  location: {
    text: 'Florence',
    lat: 42.3334,
    lon: -72.6737,
    precision: 'village',
    town: 'Northampton',
  },
  language: 'es',
  description: 'Test report',
  reporterName: 'Test Caller',
  reporterPhone: '(413) 555-0142',
};

export const sampleResponder: ApiInput<'createResponder'> = {
  name: 'Rosa Testa',
  phones: [{ e164: '+14135550101', original: '413-555-0101', label: 'mobile' }],
  languages: ['en', 'es'],
  roles: ['verifier', 'rally_responder'],
  trainings: [{ kind: 'verifier', completedOn: '2026-03-01', expiresOn: '2028-03-01' }],
  homeTown: 'Holyoke',
  homeLat: 42.2043,
  homeLon: -72.6162,
  availability: [{ day: 'sat', start: '09:00', end: '17:00' }],
  onCall: true,
  hasCar: true,
};

const repoRoot = join(import.meta.dirname, '..', '..');
let cliPassphraseFile: string | null = null;

/** Runs `npm run roster -- <args>` (scripts/roster.ts) and resolves with its exit code and output. */
export function rosterCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(
    join(repoRoot, 'node_modules', '.bin', 'tsx'),
    ['scripts/roster.ts', ...args],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        CONSOLE_PASSPHRASE_FILE: (cliPassphraseFile ??= testPassphraseFile(
          mkdtempSync(join(tmpdir(), 'console-cli-')),
        )),
      },
    },
  ).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}
