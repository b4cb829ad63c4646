// The browser-mode host as one JavaScript file (out/web/main.mjs), so `npm start` runs it on
// plain Node: loading the TypeScript sources through tsx costs seconds at every start, most of
// it resolving and compiling hundreds of modules. Native modules stay outside the bundle.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWebHost() {
  await build({
    entryPoints: [join(root, 'backend', 'web', 'main.ts')],
    outfile: join(root, 'out', 'web', 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pg-native'],
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWebHost();
