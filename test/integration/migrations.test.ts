import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { defaultMigrationsFolder, openConsoleDb } from '../../db/open';
import { withSearchIndexDeferred } from '../../backend/search-index-batch';

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

/** A bare responder row, as the schema of 0006 onwards holds it. */
const responderInserter = (db: Database.Database) =>
  db.prepare(
    `INSERT INTO responders (id, name, phones, languages, roles, trainings, home_town, home_lat,
       home_lon, availability, on_call, has_car, max_travel_minutes, avoid_enforcement_scenes,
       notes, active, created_at, updated_at)
     VALUES (?, ?, '[]', '["es"]', '[]', '[]', ?, 42.2, -72.6, '[]', 0, 0, 30, 0, '', 1, 't', 't')`,
  );

/** The names a roster search finds, as the console's search reads the FTS5 index. */
const responderSearch = (db: Database.Database, match: string) =>
  (
    db
      .prepare(
        `SELECT r.name FROM responders_fts f JOIN responders r ON r.rowid = f.rowid
         WHERE responders_fts MATCH ? ORDER BY r.name`,
      )
      .all(match) as { name: string }[]
  ).map((r) => r.name);

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
  '0002_sync_conflicts': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0002_sync_conflicts') + 1;
    const db = migrateTo(freshDb(), count - 1);
    db.prepare(
      `INSERT INTO op_log (op_id, hlc, device_id, actor, body, origin, relay_seq, applied_at)
       VALUES ('o1', 'h', 'd', 'D', '{}', 'local', NULL, 't')`,
    ).run();
    migrateTo(db, count);
    expect(columns(db, 'conflicts')).toEqual(
      expect.arrayContaining([
        'id',
        'kind',
        'incident_id',
        'other_incident_id',
        'responder_id',
        'versions',
        'detected_at',
        'resolved_at',
        'resolved_by',
        'resolution_note',
      ]),
    );
    expect(columns(db, 'sync_inbox')).toEqual(
      expect.arrayContaining(['op_id', 'relay_seq', 'known_seq', 'body', 'reason', 'attempts']),
    );
    // The outbound queue is untouched: the unsent op is still unsent.
    expect(db.prepare('SELECT relay_seq FROM op_log WHERE op_id = ?').get('o1')).toEqual({
      relay_seq: null,
    });
    db.close();
  },
  '0003_roster_team_plan': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0003_roster_team_plan') + 1;
    const db = migrateTo(freshDb(), count - 1);
    db.prepare(
      `INSERT INTO incidents (id, type, triage, status, status_changed_at, location_text, lat, lon, precision,
        activity, agency, equipment, vehicles_plates, affected_adults, affected_children, affected_first_names,
        language, description, reporter_name, reporter_phone, call_received_at, created_at, created_by, updated_at)
       VALUES ('i1', 'arrest', 'mobilize_now', 'mobilizing', 't', 'Holyoke', 42.2, -72.6, 'town', '', 'unknown', '', '',
        0, 0, '', 'es', 'kept', '', '', 't', 't', 'D', 't')`,
    ).run();
    migrateTo(db, count);
    expect(columns(db, 'incidents')).toContain('team_plan');
    // Existing incidents keep their data and fall back to the default team (null plan).
    expect(
      db.prepare('SELECT description, team_plan FROM incidents WHERE id = ?').get('i1'),
    ).toEqual({
      description: 'kept',
      team_plan: null,
    });
    db.close();
  },
  '0004_shifts_and_pins': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0004_shifts_and_pins') + 1;
    const db = migrateTo(freshDb(), count - 1);
    db.prepare("INSERT INTO local_meta (key, value) VALUES ('dispatcherName', 'Kept')").run();
    migrateTo(db, count);
    expect(columns(db, 'shifts')).toEqual(
      expect.arrayContaining([
        'id',
        'dispatcher_name',
        'device_id',
        'started_at',
        'ended_at',
        'handoff_brief',
        'acknowledged_by',
      ]),
    );
    // PINs are stored only as a salted hash, with the rate-limit counters beside them.
    expect(columns(db, 'dispatcher_pins')).toEqual(
      expect.arrayContaining(['name_key', 'salt', 'hash', 'failed_count', 'locked_until']),
    );
    expect(columns(db, 'dispatcher_pins').join(' ')).not.toMatch(/\bpin\b/);
    expect(db.prepare("SELECT value FROM local_meta WHERE key = 'dispatcherName'").get()).toEqual({
      value: 'Kept',
    });
    db.close();
  },
  '0005_responder_links': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0005_responder_links') + 1;
    const db = migrateTo(freshDb(), count - 1);
    db.prepare("INSERT INTO local_meta (key, value) VALUES ('dispatcherName', 'Kept')").run();
    migrateTo(db, count);
    expect(columns(db, 'responder_links')).toEqual(
      expect.arrayContaining([
        'id',
        'assignment_id',
        'incident_id',
        'link_key',
        'sealed_envelope',
        'expires_at',
        'revoked_at',
        'opened_at',
        'last_answer_kind',
        'last_eta_minutes',
      ]),
    );
    expect(db.prepare("SELECT value FROM local_meta WHERE key = 'dispatcherName'").get()).toEqual({
      value: 'Kept',
    });
    db.close();
  },
  '0008_map_points_indexes': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0008_map_points_indexes') + 1;
    const db = migrateTo(freshDb(), count);
    // The map's every-active-responder list reads the index alone, not the roster's wide rows.
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id, home_lat, home_lon, on_call FROM responders WHERE active = 1',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(
      /USING COVERING INDEX responders_map_points_idx/,
    );
    // Open incidents, newest first, come from the partial index of open ones (no sort, no scan).
    const open = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, lat, lon FROM incidents INDEXED BY incidents_open_map_points_idx
           WHERE merged_into_id IS NULL AND status <> 'closed' ORDER BY call_received_at DESC`,
      )
      .all() as { detail: string }[];
    expect(open.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  },
  '0007_activity_kind_index': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0007_activity_kind_index') + 1;
    const db = migrateTo(freshDb(), count);
    // The sync status's "settings changed elsewhere" query is served by the index, not a scan.
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM activity_log
           WHERE kind = 'settings.updated' AND device_id != 'x' AND at >= '2026'
           ORDER BY hlc DESC LIMIT 5`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX activity_kind_at_idx/);
  },
  '0009_fts_batched_index': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0009_fts_batched_index') + 1;
    const db = migrateTo(freshDb(), count - 1);
    const addResponder = responderInserter(db);
    addResponder.run('r1', 'José Álvarez', 'Chicopee');
    addResponder.run('r2', 'Rosa Pierre', 'Holyoke');
    migrateTo(db, count);
    const find = (match: string) => responderSearch(db, match);
    const intact = () =>
      db
        .prepare("INSERT INTO responders_fts(responders_fts, rank) VALUES ('integrity-check', 1)")
        .run();
    // Outside a bulk write every write is indexed as it happens, as before.
    addResponder.run('r3', 'Ana Belizaire', 'Amherst');
    expect(find('"ana"*')).toEqual(['Ana Belizaire']);
    // A bulk write: new rows, a new row edited, an old row edited and one removed, all in one
    // transaction; search finds exactly the end state once it commits.
    db.transaction(() =>
      withSearchIndexDeferred(db, () => {
        addResponder.run('r4', 'Marta Quispe', 'Greenfield');
        addResponder.run('r5', 'Luis Ortega', 'Pittsfield');
        db.prepare("UPDATE responders SET name = 'Marta Condori' WHERE id = 'r4'").run();
        db.prepare("UPDATE responders SET home_town = 'Florence' WHERE id = 'r1'").run();
        db.prepare("DELETE FROM responders WHERE id = 'r2'").run();
        expect(find('"luis"*')).toEqual([]); // not yet: indexed when the bulk write ends
      }),
    )();
    expect(find('"marta"*')).toEqual(['Marta Condori']);
    expect(find('"quispe"*')).toEqual([]);
    expect(find('"luis"*')).toEqual(['Luis Ortega']);
    expect(find('"florence"*')).toEqual(['José Álvarez']);
    expect(find('"rosa"*')).toEqual([]);
    expect(() => intact()).not.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM fts_deferral').get()).toEqual({ n: 0 });
    // A bulk write that fails leaves no deferral behind, and later writes are indexed again.
    expect(() =>
      db.transaction(() =>
        withSearchIndexDeferred(db, () => {
          addResponder.run('r6', 'Pedro Ramos', 'Westfield');
          throw new Error('disk full');
        }),
      )(),
    ).toThrow('disk full');
    addResponder.run('r7', 'Pedro Vega', 'Westfield');
    expect(find('"pedro"*')).toEqual(['Pedro Vega']);
    expect(() => intact()).not.toThrow();
    db.close();
  },
  '0010_roster_name_index': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0010_roster_name_index') + 1;
    const db = migrateTo(freshDb(), count - 1);
    db.prepare(
      `INSERT INTO responders (id, name, phones, languages, roles, trainings, home_town, home_lat,
         home_lon, availability, on_call, has_car, max_travel_minutes, avoid_enforcement_scenes,
         notes, active, created_at, updated_at)
       VALUES ('r1', 'Kept Person', '[]', '["es"]', '[]', '[]', 'Holyoke', 42.2, -72.6, '[]', 0, 0,
         30, 0, '', 1, 't', 't')`,
    ).run();
    migrateTo(db, count);
    // A page of the roster in name order walks the index instead of sorting everyone.
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id FROM responders WHERE +active = 1 ORDER BY name, rowid LIMIT 50',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX responders_name_idx/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    expect(db.prepare('SELECT name FROM responders').all()).toEqual([{ name: 'Kept Person' }]);
    db.close();
  },
  '0006_fts_search': () => {
    const count = journal.entries.findIndex((e) => e.tag === '0006_fts_search') + 1;
    const db = migrateTo(freshDb(), count - 1);
    const addResponder = responderInserter(db);
    addResponder.run('r1', 'José Álvarez', 'Chicopee');
    migrateTo(db, count);
    const find = (match: string) => responderSearch(db, match);
    // People already on the roster are indexed, and accents and case do not matter.
    expect(find('"jose"*')).toEqual(['José Álvarez']);
    expect(find('"chico"*')).toEqual(['José Álvarez']);
    // Later writes keep the index in step: a new person, a rename, a move.
    addResponder.run('r2', 'Ana Belizaire', 'Holyoke');
    db.prepare(
      "UPDATE responders SET name = 'José Ortega', home_town = 'Amherst' WHERE id = 'r1'",
    ).run();
    expect(find('"ana"*')).toEqual(['Ana Belizaire']);
    expect(find('"alvarez"*')).toEqual([]);
    expect(find('"amherst"*')).toEqual(['José Ortega']);
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
