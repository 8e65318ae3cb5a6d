// The Electron app takes the same flags as the CLI; Electron's and Playwright's own switches in
// process.argv are not mistaken for ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appArgv } from '../../src-main/electron/app-args.js';
import { parseCliArgs, USAGE } from '../../src-main/shared/cli-args.js';

test('our flags and their values are kept, the binary, app folder and Chromium switches dropped', () => {
  const argv = ['/usr/lib/electron/electron', '--inspect=0', '--remote-debugging-port=0', '/work/app', '--data-dir', '/tmp/d', '--port=0', '--no-sandbox', '--debug-log-content', '--project-root', '/src'];
  assert.deepEqual(appArgv(argv, false), ['--data-dir', '/tmp/d', '--port=0', '--debug-log-content', '--project-root', '/src']);
  assert.deepEqual(appArgv(['/Applications/Signal Claude.app/Contents/MacOS/Signal Claude', '--model', 'x', '-psn_0_1234'], true), ['--model', 'x']);
});

test('every option the CLI documents is understood by the app', () => {
  const flags = [...USAGE.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)( [A-Z]+)?/gm)].map((m) => [m[1] ?? '', m[2] ? 'VALUE' : undefined] as const);
  assert.ok(flags.length >= 8, 'found the options in USAGE');
  for (const [flag, value] of flags) {
    const argv = ['electron', '/app', flag, ...(value ? ['1'] : [])];
    assert.deepEqual(appArgv(argv, false), argv.slice(2), flag);
  }
  assert.deepEqual(parseCliArgs(appArgv(['electron', '/app', '--permission-mode', 'plan'], false)).settings, { permissionMode: 'plan' });
});
