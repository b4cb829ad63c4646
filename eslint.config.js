import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Process boundaries: shared/ and renderer/ run in the sandboxed renderer (and shared/ in every
// process), so they may not reach electron, Node built-ins or the database driver.
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const boundaryRule = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'electron', message: 'shared/ and renderer/ must not import electron.' },
        { name: 'better-sqlite3', message: 'Only db/ and backend/ touch the database.' },
        ...nodeBuiltins.map((name) => ({
          name,
          message: 'Node built-ins are not available in the sandboxed renderer.',
        })),
      ],
      patterns: [
        {
          group: ['node:*'],
          message: 'Node built-ins are not available in the sandboxed renderer.',
        },
        {
          group: ['drizzle-orm', 'drizzle-orm/*'],
          message: 'Only db/ and backend/ touch the database.',
        },
        {
          group: ['**/backend/**', '**/db/**', '**/electron/**'],
          message: 'Cross-process import.',
        },
      ],
    },
  ],
};

// Which top folder may import which: shared/ is imported by all and imports none; db/ only
// shared/; backend/ db/ and shared/; electron/ backend/, db/ and shared/; relay/ only shared/
// (it runs on its own server and never sees a console's data); renderer/ only shared/.
const folderBoundary = (folder, forbidden, extraPaths = []) => ({
  files: [`${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: extraPaths,
        patterns: [
          {
            group: forbidden.map((name) => `**/${name}/**`),
            message: `${folder}/ must not import ${forbidden.join('/, ')}/.`,
          },
        ],
      },
    ],
  },
});
const noElectron = [{ name: 'electron', message: 'Only electron/ imports electron.' }];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'db/migrations/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  { files: ['shared/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'], rules: boundaryRule },
  folderBoundary('relay', ['backend', 'db', 'electron', 'renderer'], noElectron),
  folderBoundary('backend', ['electron', 'renderer'], noElectron),
  folderBoundary('db', ['backend', 'electron', 'renderer'], noElectron),
  folderBoundary('electron', ['renderer']),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    // The responder page is plain browser script, served as is by the relay (no bundler).
    files: ['relay/responder-page/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'location',
          'localStorage',
          'fetch',
          'crypto',
          'setTimeout',
          'TextEncoder',
          'TextDecoder',
          'atob',
          'btoa',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
);
