#!/usr/bin/env node
// `npm test`: the whole check, in the order that fails fastest — lint, type-check, build,
// unit + integration tests (test/), then the browser e2e suite (e2e/) against the built app.
// Ends with one summary line "N passed, N failed" over every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const want = (step) => only.length === 0 || only.includes(step);
const totals = { pass: 0, fail: 0, skipped: 0 };
const failedSteps = [];

function run(step, cmd, args, env = {}) {
  if (!want(step)) return true;
  console.log(`\n=== ${step}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`=== ${step}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) failedSteps.push(step);
  return ok;
}

function testRun(step, dirs, env = {}) {
  const tapDir = mkdtempSync(join(tmpdir(), 'sc-tap-'));
  const tap = join(tapDir, `${step}.tap`);
  const ok = run(step, process.execPath, [
    join(root, 'scripts', 'run-node-tests.mjs'),
    ...dirs,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ], env);
  if (existsSync(tap)) {
    const text = readFileSync(tap, 'utf8');
    const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    totals.pass += count('pass');
    totals.fail += count('fail') + count('cancelled');
    totals.skipped += count('skipped');
  } else if (!ok) {
    totals.fail += 1;
  }
  return ok;
}

const npx = (bin) => join(root, 'node_modules', '.bin', bin);
run('lint', npx('eslint'), ['--max-warnings=0', '.']);
run('typecheck', process.execPath, [join(root, 'scripts', 'typecheck.mjs')]);
const built = run('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);
testRun('unit', ['test']);
const hasE2e = existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.test.ts'));
if (hasE2e && want('e2e')) {
  if (built) testRun('e2e', ['e2e'], { TEST_CONCURRENCY: '1' });
  else failedSteps.push('e2e (not run: build failed)');
}

console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSteps.length || totals.fail ? 1 : 0);
