// `npm test`: every check a submission must pass, in order, with one closing line
// "N passed, N failed" counting each vitest test (unit, integration, e2e) plus one per check
// (format, typecheck, lint, build). Later steps still run after a failure so the count is whole.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function vitestSuite(label, args, reportFile) {
  const ok = run(label, bin('vitest'), [
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${reportFile}`,
  ]);
  if (!existsSync(reportFile)) {
    failed += 1;
    failures.push(`${label} (no report: the runner itself failed)`);
    return;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0 || !ok) failures.push(label);
  if (!ok && report.numFailedTests === 0) {
    failed += 1; // e.g. a suite that failed to load, or an unhandled error
  }
  if (report.numTotalTests === 0) {
    failed += 1;
    failures.push(`${label} ran no test`);
  }
}

check('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('lint', bin('eslint'), ['.']);
vitestSuite('unit + integration', ['run'], join(results, 'vitest.json'));
check('build', bin('electron-vite'), ['build']);
vitestSuite(
  'end-to-end',
  ['run', '--config', 'test/e2e/vitest.e2e.config.ts'],
  join(results, 'e2e.json'),
);

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, 'summary.txt'), summary + '\n');
if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(summary);
process.exit(failed === 0 ? 0 : 1);
