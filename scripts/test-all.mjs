#!/usr/bin/env node
// `npm test`: every check CI runs, in order, then one plain summary line `N passed, N failed`.
// A failing step that is not a test runner (typecheck, build, schema check) counts as one failure,
// so a red run can never print "0 failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const results = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
mkdirSync('test-results', { recursive: true });

function run(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (status !== 0) failedSteps.push(name);
  return status === 0;
}

function countStep(name, ok) {
  if (ok) results.passed += 1;
  else results.failed += 1;
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

countStep('typecheck', run('typecheck', 'npm', ['run', '--silent', 'typecheck']));
const built = run('build', 'npx', ['electron-vite', 'build']);
countStep('build', built);
countStep('schema', run('schema', 'npx', ['drizzle-kit', 'check']));
countStep('security scan', run('security scan', 'node', ['scripts/security-scan.mjs']));

const vitestFile = 'test-results/vitest-results.json';
rmSync(vitestFile, { force: true });
const vitestOk = run('unit and integration tests', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`,
]);
const vitest = readJson(vitestFile);
if (vitest) {
  results.passed += vitest.numPassedTests;
  results.failed += vitest.numFailedTests;
  results.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (!vitestOk && (!vitest || vitest.numFailedTests === 0)) results.failed += 1;

const playwrightFile = 'test-results/playwright-results.json';
rmSync(playwrightFile, { force: true });
if (built) {
  const playwrightOk = run('browser tests', 'npx', ['playwright', 'test']);
  const playwright = readJson(playwrightFile);
  if (playwright) {
    results.passed += playwright.stats.expected + playwright.stats.flaky;
    results.failed += playwright.stats.unexpected;
    results.skipped += playwright.stats.skipped;
  }
  if (!playwrightOk && (!playwright || playwright.stats.unexpected === 0)) results.failed += 1;
} else {
  console.log('\n=== browser tests: skipped, the build failed');
  results.failed += 1;
}

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
