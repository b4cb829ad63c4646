import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { defaultMigrationsFolder, openConsoleDb } from '../../db/open';

/**
 * One test per migration (Signal's habit): each checks what its migration must leave behind,
 * starting from the database the previous migrations made. A migration without a test here
 * fails the "every migration has a test" check below.
 */
const folder = defaultMigrationsFolder();
const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function freshDb() {
  dir = mkdtempSync(join(tmpdir(), 'console-mig-'));
  return new Database(join(dir, 'db.sqlite'));
}

/** Applies the first `count` migrations (from a trimmed copy of the journal) to `sqlite`. */
function migrateTo(sqlite: Database.Database, count: number) {
  const partial = mkdtempSync(join(dir!, 'm-'));
  cpSync(folder, partial, { recursive: true });
  writeFileSync(
    join(partial, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
  );
  migrate(drizzle(sqlite), { migrationsFolder: partial });
  return sqlite;
}

const migratedThrough = (count: number) => migrateTo(freshDb(), count);

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

const migrationTests: Record<string, () => void> = {
  '0000_foundation': () => {
    const db = migratedThrough(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((t) => t.name);
    for (const t of [
      'responders',
      'incidents',
      'assignments',
      'settings',
      'activity_log',
      'op_log',
      'field_clocks',
      'local_meta',
    ]) {
      expect(tables).toContain(t);
    }
    expect(columns(db, 'incidents')).toEqual(
      expect.arrayContaining([
        'id',
        'status',
        'lat',
        'lon',
        'precision',
        'merged_into_id',
        'reporter_phone',
      ]),
    );
    // Data minimization is a schema property: no column may hold immigration status or A-numbers.
    const all = ['responders', 'incidents'].flatMap((t) => columns(db, t)).join(' ');
    expect(all).not.toMatch(/immigration|a_number|alien|status_legal/i);
    expect(columns(db, 'op_log')).toEqual(
      expect.arrayContaining(['op_id', 'hlc', 'device_id', 'body', 'relay_seq']),
    );
    db.close();
  },
  '0001_incident_workflow': () => {
    const db = migrateTo(freshDb(), 1);
    db.prepare(
      `INSERT INTO incidents (id, type, triage, status, status_changed_at, location_text, lat, lon, precision,
        activity, agency, equipment, vehicles_plates, affected_adults, affected_children, affected_first_names,
        language, description, reporter_name, reporter_phone, call_received_at, created_at, created_by, updated_at)
       VALUES ('i1', 'arrest', 'verify_first', 'verifying', 't', 'Holyoke', 42.2, -72.6, 'town', '', 'unknown', '', '',
        0, 0, '', 'es', 'kept', '', '', 't', 't', 'D', 't')`,
    ).run();
    migrateTo(db, 2);
    expect(columns(db, 'timings')).toEqual(
      expect.arrayContaining([
        'id',
        'incident_id',
        'kind',
        'started_at',
        'ended_at',
        'duration_ms',
        'actor',
      ]),
    );
    const row = db
      .prepare('SELECT description, held_from_status FROM incidents WHERE id = ?')
      .get('i1');
    expect(row).toEqual({ description: 'kept', held_from_status: null });
    db.close();
  },
};

describe('migrations', () => {
  it('every migration in the journal has a test', () => {
    expect(journal.entries.map((e) => e.tag).sort()).toEqual(Object.keys(migrationTests).sort());
  });
  for (const [tag, test] of Object.entries(migrationTests)) it(tag, test);

  it('start-up applies all migrations once and is a no-op the second time', () => {
    dir = mkdtempSync(join(tmpdir(), 'console-mig-'));
    const file = join(dir, 'console.sqlite');
    const first = openConsoleDb(file);
    const applied = first.$client
      .prepare('SELECT count(*) AS n FROM __drizzle_migrations')
      .get() as { n: number };
    expect(applied.n).toBe(journal.entries.length);
    expect(first.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    first.$client.close();
    const second = openConsoleDb(file);
    expect(
      (
        second.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
          n: number;
        }
      ).n,
    ).toBe(journal.entries.length);
    second.$client.close();
  });
});
