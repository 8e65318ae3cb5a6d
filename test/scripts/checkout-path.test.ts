// `npm start` and `npm run build` from a checkout whose path has a space and non-ASCII letters
// ("My Prøjects"): the scripts find their root with fileURLToPath, not URL.pathname (which keeps
// %20 and %C3%B8, so build.mjs found no entries and start.mjs had nothing to run). Also the
// fallback when Electron aborts at start (Ubuntu's AppArmor sandbox abort), with a stand-in
// Electron binary and a stand-in xdg-open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A minimal checkout: the real scripts, a one-line CLI entry, the real node_modules (esbuild). */
function checkout(parent: string): string {
  const dir = join(parent, 'My Prøjects', 'signal claude');
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  mkdirSync(join(dir, 'src-main', 'headless'), { recursive: true });
  mkdirSync(join(dir, 'scripts', 'lib'), { recursive: true });
  for (const name of ['build.mjs', 'ascii-bundle.mjs', 'start.mjs', 'lib/electron-exit.mjs']) copyFileSync(join(root, 'scripts', name), join(dir, 'scripts', name));
  writeFileSync(join(dir, 'src-main', 'headless', 'cli.ts'), "console.log(`cli ran: ${process.argv.slice(2).join(' ')}`);\n");
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return dir;
}

test('build.mjs builds the entries of a checkout under "My Prøjects"', (t) => {
  const dir = checkout(tempDir(t));
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'build.mjs'), '--main-only'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'dist', 'cli.js')), 'dist/cli.js was built');
});

test('start.mjs --headless runs the built CLI from that checkout, started from another folder', (t) => {
  const parent = tempDir(t);
  const dir = checkout(parent);
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'start.mjs'), '--headless', '--port', '0'], { cwd: parent, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^cli ran: --port 0$/m);
});

test('start.mjs falls back to headless when Electron aborts on the sandbox, and opens the dashboard', { skip: process.platform !== 'linux' }, async (t) => {
  const parent = tempDir(t);
  const dir = checkout(parent);
  mkdirSync(join(dir, 'src-main', 'electron'), { recursive: true });
  writeFileSync(join(dir, 'src-main', 'electron', 'main.ts'), 'export {};\n');
  writeFileSync(
    join(dir, 'src-main', 'headless', 'cli.ts'),
    "process.stdout.write('Dashboard: http://127.0.0.1:4567/?token=abc\\n');\n",
  );
  const bin = join(parent, 'bin');
  mkdirSync(bin);
  // What Electron does on Ubuntu 24.04 from node_modules: one FATAL line, then SIGTRAP.
  writeFileSync(
    join(bin, 'electron'),
    '#!/bin/sh\necho "[1:0101/0:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly." >&2\nkill -TRAP $$\n',
  );
  const opened = join(parent, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
  chmodSync(join(bin, 'electron'), 0o755);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const r = spawnSync(process.execPath, [join(dir, 'scripts', 'start.mjs')], {
    cwd: parent,
    encoding: 'utf8',
    env: { ...process.env, DISPLAY: ':99', ELECTRON_OVERRIDE_DIST_PATH: bin, PATH: `${bin}:${process.env.PATH ?? ''}`, SIGNAL_CLAUDE_HEADLESS: '' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /sandbox is blocked here .*running headless instead/);
  assert.match(r.stdout, /^Dashboard: http:\/\/127\.0\.0\.1:4567\/\?token=abc$/m);
  // The opener runs on its own once started: give it a moment to write.
  for (let i = 0; i < 40 && !existsSync(opened); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(readFileSync(opened, 'utf8'), 'http://127.0.0.1:4567/?token=abc');
});
