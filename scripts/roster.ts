/**
 * The roster from the command line, for organizers (the same planner and importer the console
 * uses, against the console's own database).
 *
 *   npm run roster -- import <file> --dry-run     print the plan as JSON, change nothing
 *   npm run roster -- import <file>               import everyone it can (one transaction)
 *
 * <file> is a CSV (any common encoding; Google Forms/Sheets, Action Network, EveryAction/VAN,
 * Mobilize exports) or an Excel .xlsx. Both outputs list refused rows by line ("problems"),
 * what could not be read per imported line ("warnings") and the outcome in words ("inWords").
 *   npm run roster -- export <out.csv>                write the roster as CSV
 *
 * Options: --data-dir <dir> (default: the console's data folder, or CONSOLE_DATA_DIR),
 *   --passphrase-file <file> (or CONSOLE_PASSPHRASE_FILE): the console passphrase,
 *   --mapping '<JSON array of field|null per column>' (default: suggested from the headers),
 *   --decisions '<JSON {"line": "merge"|"skip"|"add"}>' (default: the proposed action).
 * Exit codes: 0 done, 1 nothing importable (mapping problems) or the import failed,
 *   2 usage error, 3 the file is missing or unreadable.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDataDir } from '../backend/data-dir';
import { openScriptConsole } from './script-console';
import type { ImportNoteLike, RosterImportPlan } from '../shared/roster/import-plan';
import { noteText, type ImportNote } from '../shared/roster/import-notes';
import { translate, type MessageKey } from '../shared/i18n';

/** The summary parts joined in English: "21 added, 1 merged, 1 needs a name". */
const inWords = (parts: readonly ImportNoteLike[]) =>
  parts.map((p) => translate('en', p.kind as MessageKey, p.params)).join(', ');

/** Warnings per line, in English words, for lines that have any. */
const warningLines = (rows: readonly { line: number; warnings: readonly ImportNote[] }[]) =>
  rows
    .filter((r) => r.warnings.length > 0)
    .sort((a, b) => a.line - b.line)
    .map((r) => ({ line: r.line, warnings: r.warnings.map((w) => noteText(w)) }));

const problemLines = (problems: RosterImportPlan['problems']) =>
  problems.map((p) => ({ line: p.line, kind: p.kind, reason: p.reason }));

const USAGE =
  'usage: npm run roster -- import <file.csv|file.xlsx> [--dry-run] [--data-dir <dir>] [--mapping <json>] [--decisions <json>] [--passphrase-file <file>]\n' +
  '       npm run roster -- export <out.csv> [--data-dir <dir>]\n';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const args = process.argv.slice(2);
const flags = new Map<string, string | true>();
const positional: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--dry-run') flags.set('dry-run', true);
  else if (
    a === '--data-dir' ||
    a === '--mapping' ||
    a === '--decisions' ||
    a === '--passphrase-file'
  ) {
    const v = args[++i];
    if (v === undefined) fail(2, `${a} needs a value\n${USAGE}`);
    flags.set(a.slice(2), v);
  } else if (a === '--help' || a === '-h') {
    process.stdout.write(USAGE);
    process.exit(0);
  } else if (a.startsWith('--')) fail(2, `unknown option ${a}\n${USAGE}`);
  else positional.push(a);
}
const [command, file] = positional;
if ((command !== 'import' && command !== 'export') || !file || positional.length > 2)
  fail(2, USAGE);

const parseJson = (name: string): unknown => {
  const raw = flags.get(name);
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return fail(2, `--${name} is not valid JSON`);
  }
};

const dataDir = resolve(String(flags.get('data-dir') ?? defaultDataDir()));
const passphraseFile = flags.get('passphrase-file') as string | undefined;
const path = resolve(file);

function readInput(): Buffer {
  if (!existsSync(path)) fail(3, `file not found: ${path}`);
  try {
    if (!statSync(path).isFile()) fail(3, `not a file: ${path}`);
    return readFileSync(path);
  } catch (error) {
    return fail(3, `cannot read ${path}: ${(error as Error).message}`);
  }
}

/** The plan as organizers want to read it: columns by header, one short line per row. */
function printable(plan: RosterImportPlan) {
  return {
    file: path,
    encoding: plan.encoding,
    delimiter: plan.delimiter,
    columns: plan.headers.map((header, i) => ({
      column: i + 1,
      header,
      field: plan.mapping[i] ?? null,
    })),
    mappingProblems: plan.mappingProblems,
    totalRows: plan.totalRows,
    summary: {
      toAdd: plan.rowsToAdd.length,
      duplicates: plan.duplicates.length,
      problems: plan.problems.length,
    },
    rowsToAdd: plan.rowsToAdd.map((r) => ({
      line: r.line,
      name: r.fields.name,
      homeTown: r.fields.homeTown,
      phones: r.fields.phones.map((p) => p.e164),
      languages: r.fields.languages,
      roles: r.fields.roles,
    })),
    duplicates: plan.duplicates.map((d) => ({
      line: d.line,
      name: d.fields.name,
      homeTown: d.fields.homeTown,
      matchedBy: d.matchedBy,
      match: d.match,
      proposedAction: d.proposedAction,
    })),
    problems: problemLines(plan.problems),
    warnings: warningLines([...plan.rowsToAdd, ...plan.duplicates]),
    inWords: inWords(plan.summary),
  };
}

async function main() {
  if (command === 'import') {
    const bytes = readInput();
    const mapping = parseJson('mapping');
    const decisions = parseJson('decisions');
    const backend = openScriptConsole(dataDir, passphraseFile, { sync: { autoStart: false } });
    try {
      const csvBase64 = bytes.toString('base64');
      const planned = await backend.call('planRosterImport', {
        csvBase64,
        ...(mapping !== undefined ? { mapping: mapping as never } : {}),
      });
      if (!planned.ok) fail(planned.error.code === 'invalid_input' ? 2 : 1, planned.error.message);
      const plan = planned.value;
      if (flags.get('dry-run') || plan.mappingProblems.length) {
        process.stdout.write(`${JSON.stringify(printable(plan), null, 2)}\n`);
        if (plan.mappingProblems.length) {
          process.stderr.write(`cannot import: ${plan.mappingProblems.join('; ')}\n`);
          process.exitCode = 1;
        }
        return;
      }
      const committed = await backend.call('commitRosterImport', {
        csvBase64,
        mapping: plan.mapping,
        decisions: (decisions ?? {}) as never,
      });
      if (!committed.ok) fail(1, `import failed, nothing was imported: ${committed.error.message}`);
      const { summary, warnings, problems, ...counts } = committed.value;
      const report = {
        file: path,
        dataDir,
        ...counts,
        problems: problemLines(problems),
        warnings: warningLines(warnings),
        inWords: inWords(summary),
      };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } finally {
      backend.close();
    }
    return;
  }

  const backend = openScriptConsole(dataDir, passphraseFile, { sync: { autoStart: false } });
  try {
    const exported = await backend.call('exportRoster', {});
    if (!exported.ok) fail(1, exported.error.message);
    try {
      writeFileSync(path, exported.value.csv, 'utf8');
    } catch (error) {
      fail(3, `cannot write ${path}: ${(error as Error).message}`);
    }
    const rows = exported.value.csv.split('\r\n').length - 1;
    process.stdout.write(`${JSON.stringify({ file: path, responders: rows })}\n`);
  } finally {
    backend.close();
  }
}

main().catch((error: unknown) => fail(1, `roster: ${(error as Error).message ?? String(error)}`));
