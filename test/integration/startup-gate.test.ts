import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleBackend } from '../../backend/console-backend';
import { DEMO_PASSPHRASE } from '../../backend/demo/seed-demo';
import { createStartupGate, type StartupGate } from '../../backend/startup-gate';
import { takeBackup } from '../../db/backup';
import type { StartupState } from '../../shared/api/startup';
import type { ApiResult } from '../../shared/api/result';
import { TEST_KDF, TEST_PASSPHRASE, testEncryption } from '../test-passphrase';
import { sampleResponder, value } from './helpers';

const dirs: string[] = [];
const gates: StartupGate[] = [];
afterEach(() => {
  for (const gate of gates.splice(0)) gate.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-gate-'));
  dirs.push(dir);
  return dir;
}

function gateFor(dataDir: string): StartupGate {
  const gate = createStartupGate({
    dataDir,
    mode: 'browser',
    kdf: TEST_KDF,
    sync: { autoStart: false },
  });
  gates.push(gate);
  return gate;
}

/** A console with one responder, closed again: what a restart finds. */
async function closedConsole(dataDir = freshDir()) {
  const backend = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dataDir, 'console.sqlite'),
  });
  value(await backend.call('createResponder', { ...sampleResponder, name: 'Ximena Fictitia' }));
  backend.close();
  return { dataDir, file: join(dataDir, 'console.sqlite') };
}

const state = async (gate: StartupGate) =>
  value(await gate.call('getStartupState', {})) as StartupState;

describe('the startup gate', () => {
  it('sets up a new console, then asks for the passphrase on the next start and refuses other calls until then', async () => {
    const dataDir = freshDir();
    const first = gateFor(dataDir);
    expect(await state(first)).toEqual({ state: 'first_run', plaintextFound: false });
    const locked = await first.call('listIncidents', { scope: 'open' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'database_locked' } });

    const mismatch = await first.call('createDatabase', {
      passphrase: TEST_PASSPHRASE,
      confirm: 'something else',
    });
    expect(mismatch).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const created = await first.call('createDatabase', {
      passphrase: TEST_PASSPHRASE,
      confirm: TEST_PASSPHRASE,
    });
    expect(created).toEqual({ ok: true, value: { state: 'open', demo: false } });
    value(await first.call('createResponder', { ...sampleResponder, name: 'Ximena Fictitia' }));
    first.close();

    const second = gateFor(dataDir);
    expect(await state(second)).toEqual({ state: 'needs_passphrase', canRemember: false });
    const file = join(dataDir, 'console.sqlite');
    const bytes = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    const wrong = await second.call('unlockDatabase', { passphrase: 'a wrong passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect((wrong as { error: { message: string } }).error.message).toMatch(/does not open/);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(mtime);

    const right = await second.call('unlockDatabase', { passphrase: TEST_PASSPHRASE });
    expect(right).toEqual({ ok: true, value: { state: 'open', demo: false } });
    const people = value(await second.call('listResponders', { limit: 5 })) as { name: string }[];
    expect(people.map((p) => p.name)).toEqual(['Ximena Fictitia']);
  });

  it('offers to encrypt an unencrypted console found at start, keeping its records', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, 'console.sqlite');
    const plain = createConsoleBackend({ dbFile: ':memory:' });
    value(await plain.call('createResponder', { ...sampleResponder, name: 'Ximena Fictitia' }));
    plain.ctx.db.$client.prepare('VACUUM INTO ?').run(file);
    plain.close();
    const gate = gateFor(dataDir);
    expect(await state(gate)).toEqual({ state: 'first_run', plaintextFound: true });
    value(
      await gate.call('createDatabase', { passphrase: TEST_PASSPHRASE, confirm: TEST_PASSPHRASE }),
    );
    expect(readFileSync(file).includes('Ximena Fictitia')).toBe(false);
    const people = value(await gate.call('listResponders', { limit: 5 })) as { name: string }[];
    expect(people.map((p) => p.name)).toEqual(['Ximena Fictitia']);
  });
});

describe('the demo network', () => {
  it('is seeded only on a first run it can prove, encrypted with the demo passphrase', async () => {
    const dataDir = freshDir();
    const gate = gateFor(dataDir);
    expect(await gate.seedDemoIfFirstRun()).toBe(true);
    expect(await state(gate)).toEqual({ state: 'open', demo: true });
    gate.close();
    const again = gateFor(dataDir);
    expect(await again.seedDemoIfFirstRun()).toBe(false);
    expect(value(await again.call('unlockDatabase', { passphrase: DEMO_PASSPHRASE }))).toEqual({
      state: 'open',
      demo: true,
    });
  });

  it('is never seeded where a console ever was: an empty file, backups, or a key file', async () => {
    const empty = freshDir();
    writeFileSync(join(empty, 'console.sqlite'), '');
    const onEmpty = gateFor(empty);
    expect(await onEmpty.seedDemoIfFirstRun()).toBe(false);
    expect(await state(onEmpty)).toMatchObject({
      state: 'storage_fault',
      fault: { kind: 'empty_file' },
    });
    expect(statSync(join(empty, 'console.sqlite')).size).toBe(0);

    const { dataDir, file } = await closedConsole();
    const backend = createConsoleBackend({ ...testEncryption, dbFile: file });
    takeBackup(backend.ctx.db.$client, file, Date.now());
    backend.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    const onBackups = gateFor(dataDir);
    expect(await onBackups.seedDemoIfFirstRun()).toBe(false);
    const missing = await state(onBackups);
    expect(missing).toMatchObject({ state: 'storage_fault', fault: { kind: 'missing_file' } });
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the console off any network until the demo is removed in one action', async () => {
    const gate = gateFor(freshDir());
    await gate.seedDemoIfFirstRun();
    const join = {
      relayUrl: 'http://127.0.0.1:9',
      network: 'valley-network',
      passphrase: 'a network passphrase',
    };
    const refused = await gate.call('joinNetwork', join);
    expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(
      /demo network.*Remove the demo data/,
    );
    const db = gate.ctx.db;
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM responders`).n).toBeGreaterThan(100);

    expect(value(await gate.call('removeDemoData', {}))).toEqual({ removed: true });
    for (const table of ['responders', 'incidents', 'op_log', 'activity_log', 'shifts'])
      expect({
        table,
        n: db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n,
      }).toEqual({
        table,
        n: 0,
      });
    expect(await state(gate)).toEqual({ state: 'open', demo: false });
    expect(await gate.call('joinNetwork', join)).toMatchObject({ ok: true });
  });
});

describe('storage faults, in words, without replacing the file', () => {
  const faultOf = (result: ApiResult<unknown>) =>
    (result as { value: Extract<StartupState, { state: 'storage_fault' }> }).value;

  it('a file that is not a console database', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, 'console.sqlite');
    writeFileSync(file, 'these are someone else’s notes, not a database\n'.repeat(200));
    const gate = gateFor(dataDir);
    expect(await state(gate)).toMatchObject({
      state: 'storage_fault',
      fault: { kind: 'foreign_file', params: { file } },
    });

    // Another program's SQLite file: first run offers to encrypt it, then refuses in words.
    rmSync(file);
    const other = new Database(file);
    other.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    other.close();
    const before = readFileSync(file);
    const refused = await gate.call('createDatabase', {
      passphrase: TEST_PASSPHRASE,
      confirm: TEST_PASSPHRASE,
    });
    expect(faultOf(refused).fault.kind).toBe('foreign_file');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a damaged file: found by the integrity check at start, restored from a backup', async () => {
    const { dataDir, file } = await closedConsole();
    const backend = createConsoleBackend({ ...testEncryption, dbFile: file });
    for (let i = 0; i < 150; i++)
      value(
        await backend.call('createResponder', {
          ...sampleResponder,
          name: `Fictional Person ${i}`,
        }),
      );
    takeBackup(backend.ctx.db.$client, file, Date.now());
    backend.close();
    const bytes = readFileSync(file);
    const page = 4096;
    const target = Math.floor(bytes.length / page / 2) * page;
    bytes.fill(0x5a, target + 100, target + 600);
    writeFileSync(file, bytes);

    const gate = gateFor(dataDir);
    const result = await gate.call('unlockDatabase', { passphrase: TEST_PASSPHRASE });
    const fault = faultOf(result);
    expect(fault.state).toBe('storage_fault');
    expect(fault.fault.kind).toBe('damaged');
    expect(fault.backups).toHaveLength(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(await gate.call('listResponders', {})).toMatchObject({
      ok: false,
      error: { code: 'database_locked' },
    });

    const restored = await gate.call('restoreBackup', {
      name: fault.backups[0]!.name,
      passphrase: TEST_PASSPHRASE,
    });
    expect(restored).toEqual({ ok: true, value: { state: 'open', demo: false } });
    const people = value(await gate.call('listResponders', { limit: 500 })) as unknown[];
    expect(people).toHaveLength(151);
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('console.replaced-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!)).equals(bytes)).toBe(true);
  });

  it('a damaged first page: told from a wrong passphrase by the backup the passphrase opens', async () => {
    const { dataDir, file } = await closedConsole();
    const backend = createConsoleBackend({ ...testEncryption, dbFile: file });
    takeBackup(backend.ctx.db.$client, file, Date.now());
    backend.close();
    const bytes = readFileSync(file);
    bytes.fill(0, 200, 900);
    writeFileSync(file, bytes);
    const gate = gateFor(dataDir);
    const wrong = await gate.call('unlockDatabase', { passphrase: 'a wrong passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    const right = await gate.call('unlockDatabase', { passphrase: TEST_PASSPHRASE });
    expect(faultOf(right)).toMatchObject({ state: 'storage_fault', fault: { kind: 'damaged' } });
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a deleted write-ahead log: said so, and opened only when the loss is accepted', async () => {
    const source = freshDir();
    const backend = createConsoleBackend({
      ...testEncryption,
      dbFile: join(source, 'console.sqlite'),
    });
    value(await backend.call('createResponder', { ...sampleResponder, name: 'Ximena Fictitia' }));
    // What a crash leaves (database, key info and shared memory), minus the WAL someone deleted.
    const dataDir = freshDir();
    for (const name of ['console.sqlite', 'console.sqlite-shm', 'console.keyinfo.json'])
      copyFileSync(join(source, name), join(dataDir, name));
    backend.close();

    const gate = gateFor(dataDir);
    expect(await state(gate)).toMatchObject({
      state: 'storage_fault',
      fault: { kind: 'wal_missing' },
    });
    const stillFault = await gate.call('unlockDatabase', { passphrase: TEST_PASSPHRASE });
    expect(faultOf(stillFault).fault.kind).toBe('wal_missing');
    const accepted = await gate.call('unlockDatabase', {
      passphrase: TEST_PASSPHRASE,
      acceptMissingWal: true,
    });
    expect(accepted).toEqual({ ok: true, value: { state: 'open', demo: false } });
  });

  it('a full disk: the write fails with a sentence saying so, and nothing is half-saved', async () => {
    const { file } = await closedConsole();
    const backend = createConsoleBackend({ ...testEncryption, dbFile: file });
    try {
      const sqlite = backend.ctx.db.$client;
      const pages = sqlite.pragma('page_count', { simple: true }) as number;
      sqlite.pragma(`max_page_count = ${pages}`);
      const before = sqlite.prepare('SELECT count(*) FROM responders').pluck().get();
      let big: ApiResult<unknown> = { ok: true, value: null };
      for (let i = 0; i < 40 && big.ok; i++)
        big = await backend.call('createResponder', {
          ...sampleResponder,
          name: `Fictional Filler ${i}`,
          notes: 'x'.repeat(1000),
        });
      expect(big).toMatchObject({
        ok: false,
        error: { code: 'storage_fault', fault: { kind: 'disk_full' } },
      });
      const message = (big as { error: { message: string } }).error.message;
      expect(message).toMatch(/disk .* is full.*Free some space/);
      expect(message).not.toMatch(/at .*\.ts:\d+|SqliteError/);
      // Only whole responders were saved: the failed one left no half row or orphan op.
      const saved = sqlite.prepare('SELECT count(*) FROM responders').pluck().get() as number;
      const ops = sqlite
        .prepare("SELECT count(*) FROM op_log WHERE body LIKE '%Fictional Filler%'")
        .pluck()
        .get();
      expect(ops).toBe(saved - (before as number));
    } finally {
      backend.close();
    }
  });

  it('a read-only folder: said so at start, nothing written', async () => {
    const { dataDir } = await closedConsole();
    const readOnly = makeReadOnly(dataDir);
    try {
      const gate = gateFor(dataDir);
      expect(await state(gate)).toMatchObject({
        state: 'storage_fault',
        fault: { kind: 'read_only' },
      });
    } finally {
      readOnly.undo();
    }
  });
});

/**
 * A read-only data folder: a read-only tmpfs mount where the test may mount one (root in a
 * container, where permission bits do not bind), else owner permissions without write.
 */
function makeReadOnly(dir: string): { undo(): void } {
  if (process.getuid?.() === 0) {
    const files = readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))] as const);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir]);
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    return { undo: () => execFileSync('umount', [dir]) };
  }
  chmodSync(dir, 0o500);
  return { undo: () => chmodSync(dir, 0o700) };
}
