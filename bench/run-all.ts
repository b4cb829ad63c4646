import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-kit';

/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function returning
 * results) and prints one JSON object a line. `npm run bench -- board` runs only matching files.
 */
const filter = process.argv[2] ?? '';
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
let failed = false;
for (const file of files) {
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
      default: () => Promise<BenchResult[]>;
    };
    for (const result of await mod.default()) console.log(JSON.stringify(result));
  } catch (error) {
    failed = true;
    console.error(`${file} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
