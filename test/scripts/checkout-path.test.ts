// `npm start` and `npm run build` from a checkout whose path has a space and non-ASCII letters
// ("My Prøjects"): the scripts find their root with fileURLToPath, not URL.pathname (which keeps
// %20 and %C3%B8, so build.mjs found no entries and start.mjs had nothing to run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A minimal checkout: the real scripts, a one-line CLI entry, the real node_modules (esbuild). */
function checkout(parent: string): string {
  const dir = join(parent, 'My Prøjects', 'signal claude');
  mkdirSync(join(dir, 'scripts'), { recursive: true });
  mkdirSync(join(dir, 'src-main', 'headless'), { recursive: true });
  for (const name of ['build.mjs', 'start.mjs']) copyFileSync(join(root, 'scripts', name), join(dir, 'scripts', name));
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
