// `npm test`: type-check, build, then unit + integration (vitest), E2E in Chromium and the Electron
// specs (Playwright). Prints one closing line "N passed, N failed, N skipped" and fails when any test
// failed or when no test ran at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'kassa-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`${title}: exited with ${result.status ?? result.signal}`);
    broken = true;
  }
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.stats.expected + r.stats.flaky;
  totals.failed += r.stats.unexpected;
  totals.skipped += r.stats.skipped;
}

const only = process.argv[2]; // optional: unit | e2e | electron
if (!only) {
  if (!run('type check', 'npm', ['run', '--silent', 'typecheck'])) process.exit(1);
  if (!run('build', 'npm', ['run', '--silent', 'build'])) process.exit(1);
}
if (!only || only === 'unit') {
  const out = join(reports, 'vitest.json');
  run('unit + integration (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
  countVitest(out);
}
if (!only || only === 'e2e') {
  const out = join(reports, 'e2e.json');
  run('E2E in Chromium (playwright)', 'npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  countPlaywright(out);
}
if (!only || only === 'electron') {
  const out = join(reports, 'electron.json');
  run('Electron specs (playwright _electron)', 'npx', ['playwright', 'test', '-c', 'test/electron/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  countPlaywright(out);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.passed === 0) {
  console.error('No test ran: failing on purpose.');
  process.exit(1);
}
process.exit(broken || totals.failed > 0 ? 1 : 0);
