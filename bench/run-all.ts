import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-kit';

/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function returning
 * results) and prints one JSON object a line. `npm run bench -- board` runs only matching files.
 *
 * Each file runs in a process of its own: a benchmark that leaves a large heap behind (the
 * 100,000-responder matcher) would otherwise slow the garbage collector, and so the figures, of
 * every file after it.
 */
const dir = import.meta.dirname;
const single = process.argv.indexOf('--file');

if (single !== -1) {
  const mod = (await import(pathToFileURL(join(dir, process.argv[single + 1]!)).href)) as {
    default: () => Promise<BenchResult[]>;
  };
  for (const result of await mod.default()) console.log(JSON.stringify(result));
  process.exit(0);
}

const filter = process.argv[2] ?? '';
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failed = false;
for (const file of files) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(dir, 'run-all.ts'), '--file', file],
    { stdio: 'inherit', cwd: join(dir, '..') },
  );
  if (run.status !== 0) {
    failed = true;
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed ? 1 : 0);
