import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleBackend } from '../../backend/console-backend';
import { takeBackup } from '../../db/backup';
import {
  applyDatabaseKey,
  deriveDatabaseKeySync,
  keyInfoPath,
  readKeyInfo,
} from '../../db/encryption';
import { databaseKeyOf, WrongKeyError } from '../../db/open';
import { TEST_SCRYPT } from './sync-helpers';
import { sampleIncident, sampleResponder, tempBackend, value } from './helpers';
import { TEST_PASSPHRASE, testEncryption } from '../test-passphrase';

/** Fictional people whose names and numbers must never be readable in the console's files. */
const ROSTER = [
  { name: 'Zinnia Quillfeather', e164: '+14135550177', original: '413-555-0177' },
  { name: 'Bartholomew Okonkwo-Reyes', e164: '+14135550178', original: '413-555-0178' },
];
const CALLER = { reporterName: 'Octavia Brambleworth', reporterPhone: '(413) 555-0199' };
const NOTE = 'Ventanilla azul junto a la lavandería';
const SECRETS = [
  ...ROSTER.flatMap((p) => [p.name, p.e164, p.original]),
  CALLER.reporterName,
  CALLER.reporterPhone,
  NOTE,
];

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function consoleWithPeople() {
  const t = tempBackend();
  cleanups.push(() => t.cleanup());
  for (const person of ROSTER)
    value(
      await t.backend.call('createResponder', {
        ...sampleResponder,
        name: person.name,
        phones: [{ e164: person.e164, original: person.original, label: 'mobile' }],
      }),
    );
  value(
    await t.backend.call('createIncident', { ...sampleIncident, ...CALLER, description: NOTE }),
  );
  return t;
}

function leaked(bytes: Buffer): string[] {
  return SECRETS.filter(
    (s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le')),
  );
}

describe('the console database at rest', () => {
  it('keeps roster names, phones and caller data out of the database, WAL and backup bytes', async () => {
    const t = await consoleWithPeople();
    const wal = `${t.file}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(0); // the rows above still live in the WAL
    const backup = takeBackup(t.backend.ctx.db.$client, t.file, Date.now());

    expect(leaked(readFileSync(t.file))).toEqual([]);
    expect(leaked(readFileSync(wal))).toEqual([]);
    expect(leaked(readFileSync(backup))).toEqual([]);
    expect(readFileSync(t.file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');

    // The backup is a full copy: it opens with the same key and holds the same people.
    const copy = new Database(backup, { readonly: true });
    applyDatabaseKey(copy, databaseKeyOf(t.backend.ctx.db.$client)!);
    const names = (copy.prepare('SELECT name FROM responders').all() as { name: string }[]).map(
      (r) => r.name,
    );
    copy.close();
    expect(names.sort()).toEqual(ROSTER.map((p) => p.name).sort());
  });

  it('refuses a wrong passphrase without changing a byte of the file, then opens with the right one', async () => {
    const t = await consoleWithPeople();
    t.backend.close();
    const before = readFileSync(t.file);
    const mtime = statSync(t.file).mtimeMs;
    const filesBefore = readdirSync(t.dir).sort();

    expect(() =>
      createConsoleBackend({ dbFile: t.file, passphrase: 'not the passphrase at all' }),
    ).toThrow(WrongKeyError);

    expect(readFileSync(t.file).equals(before)).toBe(true);
    expect(statSync(t.file).mtimeMs).toBe(mtime);
    expect(readdirSync(t.dir).sort()).toEqual(filesBefore);

    const again = createConsoleBackend({ dbFile: t.file, passphrase: TEST_PASSPHRASE });
    cleanups.push(() => again.close());
    const people = value(await again.call('listResponders', { limit: 10 }));
    expect(people.map((p) => p.name).sort()).toEqual(ROSTER.map((p) => p.name).sort());
  });

  it('makes the folder owner-only and every console file 0600', async () => {
    const t = await consoleWithPeople();
    const backup = takeBackup(t.backend.ctx.db.$client, t.file, Date.now());
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(t.dir)).toBe(0o700);
    for (const path of [t.file, `${t.file}-wal`, `${t.file}-shm`, keyInfoPath(t.file), backup])
      expect({ path, mode: mode(path) }).toEqual({ path, mode: 0o600 });
    expect(mode(join(t.dir, 'backups'))).toBe(0o700);
  });

  it('takes an encrypted backup when a dispatcher signs off', async () => {
    const t = await consoleWithPeople();
    value(await t.backend.call('signOn', { name: 'Ana Day', pin: '246813', newDispatcher: true }));
    expect(existsSync(join(t.dir, 'backups'))).toBe(false);
    value(await t.backend.call('endShift', {}));
    const taken = readdirSync(join(t.dir, 'backups'));
    expect(taken).toHaveLength(1);
    expect(leaked(readFileSync(join(t.dir, 'backups', taken[0]!)))).toEqual([]);
  });

  it('keeps backups/ to the newest 24 snapshots', async () => {
    const t = await consoleWithPeople();
    const start = Date.parse('2026-11-28T00:00:00Z');
    for (let hour = 0; hour < 26; hour++)
      takeBackup(t.backend.ctx.db.$client, t.file, start + hour * 3_600_000);
    const kept = readdirSync(join(t.dir, 'backups')).sort();
    expect(kept).toHaveLength(24);
    expect(kept[0]).toBe('console-2026-11-28T02-00-00-000Z.sqlite');
  });

  it('stores the network key only inside the encrypted database', async () => {
    const t = await consoleWithPeople();
    const joined = await t.backend.call('joinNetwork', {
      relayUrl: 'http://127.0.0.1:9',
      network: 'valley-network',
      passphrase: 'correct horse battery staple',
    });
    expect(joined).toMatchObject({ ok: true });
    const secretHex = t.backend.ctx.db.$client
      .prepare("SELECT value FROM local_meta WHERE key = 'relaySecret'")
      .pluck()
      .get() as string;
    expect(secretHex).toMatch(/^[0-9a-f]{64}$/);
    t.backend.close();
    const needles = [
      Buffer.from(secretHex),
      Buffer.from(secretHex, 'hex'),
      Buffer.from('correct horse battery staple'),
    ];
    const files = readdirSync(t.dir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect({ file, found: needles.some((n) => bytes.includes(n)) }).toEqual({
        file,
        found: false,
      });
    }
    // Reopened, the console still knows its network: the key is there, encrypted.
    const reopened = createConsoleBackend({
      ...testEncryption,
      dbFile: t.file,
      sync: { scrypt: TEST_SCRYPT, autoStart: false },
    });
    cleanups.push(() => reopened.close());
    expect(value(await reopened.call('getSyncStatus', {})).network).toBe('valley-network');
  });
});

describe('an unencrypted console database found at start', () => {
  it('is encrypted in place without losing a row, and the plaintext files are gone', async () => {
    const t = await consoleWithPeople();
    const counts = tableRowCounts(t.backend.ctx.db.$client);
    t.backend.close();
    // Make the plaintext console an older version would have left: decrypt it in place.
    decryptInPlace(t.file);
    rmSync(keyInfoPath(t.file));
    expect(readFileSync(t.file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(leaked(readFileSync(t.file)).length).toBeGreaterThan(0);

    const converted = createConsoleBackend({
      ...testEncryption,
      dbFile: t.file,
      now: () => t.clock.now,
    });
    cleanups.push(() => converted.close());
    expect(tableRowCounts(converted.ctx.db.$client)).toEqual(counts);
    expect(existsSync(keyInfoPath(t.file))).toBe(true);
    expect(leaked(readFileSync(t.file))).toEqual([]);
    expect(readdirSync(t.dir).filter((f) => /plaintext|encrypting/.test(f))).toEqual([]);
    const people = value(await converted.call('listResponders', { limit: 10 }));
    expect(people).toHaveLength(ROSTER.length);
  });
});

function tableRowCounts(db: { prepare(sql: string): { all(): unknown[]; get(): unknown } }) {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
  ).map((t) => t.name);
  return Object.fromEntries(
    tables.map((name) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

/** What a console from before encryption at rest left on disk: the same database, in plaintext. */
function decryptInPlace(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  applyDatabaseKey(db, deriveDatabaseKeySync(TEST_PASSPHRASE, readKeyInfo(file)!));
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
}
