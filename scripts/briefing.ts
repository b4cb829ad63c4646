/**
 * Renders an incident's one-page rally briefing to PDF, headless, for organizers and tests:
 *
 *   npm run briefing -- <incident-id or 6-character ref> --pdf out.pdf
 *        [--lang both|en|es] [--paper letter|a4] [--meeting-place "City Hall steps"]
 *        [--html out.html] [--data-dir DIR]
 *
 * Uses the same backend operation as the console (getBriefing), then Chromium through
 * playwright-core (CHROMIUM_PATH, default /usr/bin/chromium): page.setContent(html), page.pdf.
 * The page is self-contained, so Chromium runs with networking off. Exit codes: 0 written,
 * 1 failed (incident not found, Chromium missing...), 2 usage error.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openScriptConsole } from './script-console';
import { DB_FILE_NAME, defaultDataDir } from '../backend/data-dir';
import { htmlToPdf } from './html-to-pdf';

const USAGE =
  'usage: npm run briefing -- <incident-id|ref> --pdf out.pdf [--lang both|en|es] [--paper letter|a4] [--meeting-place TEXT] [--html out.html] [--data-dir DIR] [--passphrase-file FILE]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        pdf: { type: 'string' },
        html: { type: 'string' },
        lang: { type: 'string', default: 'both' },
        paper: { type: 'string', default: 'letter' },
        'meeting-place': { type: 'string' },
        'data-dir': { type: 'string', default: defaultDataDir() },
        'passphrase-file': { type: 'string' },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const ref = positionals[0]?.trim();
  if (!ref) usage('Give the incident id (or the 6-character ref printed on briefings).');
  if (!values.pdf && !values.html) usage('Say where to write: --pdf out.pdf (or --html out.html).');
  const languages =
    values.lang === 'both'
      ? (['en', 'es'] as const)
      : values.lang === 'en' || values.lang === 'es'
        ? ([values.lang] as const)
        : usage(`--lang must be both, en or es, not "${values.lang}"`);
  if (values.paper !== 'letter' && values.paper !== 'a4')
    usage(`--paper must be letter or a4, not "${values.paper}"`);

  const dbFile = join(resolve(values['data-dir']!), DB_FILE_NAME);
  if (!existsSync(dbFile)) {
    process.stderr.write(`No console database at ${dbFile} (use --data-dir).\n`);
    process.exit(1);
  }
  const backend = openScriptConsole(dirname(dbFile), values['passphrase-file'], {
    migrationsFolder: resolve('db', 'migrations'),
  });
  try {
    let incidentId = ref;
    if (!/^[0-9a-f-]{36}$/i.test(ref)) {
      const all = await backend.call('listIncidents', { scope: 'all', limit: 1000 });
      const matches = all.ok
        ? all.value.filter((i) => i.id.toUpperCase().endsWith(ref.toUpperCase()))
        : [];
      if (matches.length !== 1) {
        process.stderr.write(
          matches.length ? `"${ref}" matches several incidents.\n` : `No incident "${ref}".\n`,
        );
        process.exit(1);
      }
      incidentId = matches[0]!.id;
    }
    const result = await backend.call('getBriefing', {
      incidentId,
      paper: values.paper,
      languages: [...languages],
      ...(values['meeting-place'] ? { meetingPlace: values['meeting-place'] } : {}),
    });
    if (!result.ok) {
      process.stderr.write(`${result.error.message}\n`);
      process.exit(1);
    }
    if (values.html) writeFileSync(values.html, result.value.html);
    if (values.pdf) await htmlToPdf(result.value.html, values.pdf);
    for (const m of result.value.missing) process.stderr.write(`missing: ${m}\n`);
    process.stdout.write(`${values.pdf ?? values.html}\n`);
  } finally {
    backend.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
