#!/usr/bin/env node
// `npm test`: the whole check, in the order that fails fastest — lint, type-check, build,
// unit + integration tests (test/), then the browser e2e suite (e2e/) against the built app.
// Ends with one summary line "N passed, N failed" over every suite.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
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

// The e2e suite drives Debian's Chromium: CHROMIUM_PATH, /usr/bin/chromium or chromium on PATH.
// Missing, it is installed with apt-get where that is allowed (root, or sudo without a
// password); otherwise the step fails saying how to get it.
function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'chromium'))];
  return candidates.find((c) => {
    if (!c) return false;
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || (!asRoot && !sudo)) {
    console.error('\n=== e2e: Chromium not found (CHROMIUM_PATH, /usr/bin/chromium, PATH) and cannot be installed here' +
      `${hasApt ? ' (needs root or password-less sudo for apt-get)' : ' (no apt-get)'}.` +
      '\n    Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.');
    return undefined;
  }
  console.log('\n=== e2e: Chromium not found; installing Debian\'s chromium with apt-get');
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']]) {
    const cmd = [...prefix, ...args];
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`=== e2e: \`${cmd.join(' ')}\` failed (exit ${r.status ?? r.signal}); install chromium by hand or set CHROMIUM_PATH.`);
      return undefined;
    }
  }
  return findChromium();
}

const npx = (bin) => join(root, 'node_modules', '.bin', bin);
run('lint', npx('eslint'), ['--max-warnings=0', '.']);
run('typecheck', process.execPath, [join(root, 'scripts', 'typecheck.mjs')]);
const built = run('build', process.execPath, [join(root, 'scripts', 'build.mjs')]);
testRun('unit', ['test']);
// The Linux package layout (electron-builder against a stand-in Electron), alone: it keeps both
// cores busy for half a minute.
testRun('packaging', ['test/packaging']);
const hasE2e = existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.test.ts'));
if (hasE2e && want('e2e')) {
  const chromium = built ? ensureChromium() : undefined;
  if (!built) failedSteps.push('e2e (not run: build failed)');
  else if (!chromium) failedSteps.push('e2e (not run: no Chromium)');
  else testRun('e2e', ['e2e'], { TEST_CONCURRENCY: '1', CHROMIUM_PATH: chromium });
}

console.log('');
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(', ')}`);
console.log(`${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSteps.length || totals.fail ? 1 : 0);
