// How `npm start` judges the Electron child's exit: the AppArmor sandbox abort of Ubuntu 23.10+
// (and any death by signal while starting) falls back to headless; a signal exit is never 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserOpener, judgeElectronExit, SANDBOX_HINT, STARTUP_WINDOW_MS } from '../../scripts/lib/electron-exit.mjs';

const SUID_ABORT =
  '[12345:0101/000000.000000:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I\'m aborting now. You need to make sure that /home/me/app/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n';
const NO_USABLE = '[1:1/0:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! Update your kernel or see https://chromium.googlesource.com/chromium/src/+/main/docs/linux/suid_sandbox_development.md\n';

test('the SUID sandbox abort falls back to headless with the one-line reason', () => {
  assert.deepEqual(judgeElectronExit({ code: null, signal: 'SIGTRAP', stderr: SUID_ABORT, uptimeMs: 300 }), { action: 'headless', reason: SANDBOX_HINT });
  assert.deepEqual(judgeElectronExit({ code: 133, signal: null, stderr: NO_USABLE, uptimeMs: 300 }), { action: 'headless', reason: SANDBOX_HINT });
  assert.equal(SANDBOX_HINT.includes('\n'), false);
});

test('a death by signal while starting falls back, naming the signal', () => {
  const verdict = judgeElectronExit({ code: null, signal: 'SIGTRAP', stderr: '', uptimeMs: 200 });
  assert.equal(verdict.action, 'headless');
  assert.match(verdict.action === 'headless' ? verdict.reason : '', /SIGTRAP/);
});

test('a signal exit is never success: 128 + the signal number', () => {
  assert.deepEqual(judgeElectronExit({ code: null, signal: 'SIGSEGV', stderr: '', uptimeMs: STARTUP_WINDOW_MS + 1 }), { action: 'exit', code: 139 });
  // The user's Ctrl-C forwarded to Electron is not a start-up failure.
  assert.deepEqual(judgeElectronExit({ code: null, signal: 'SIGINT', stderr: '', uptimeMs: 100, forwarded: 'SIGINT' }), { action: 'exit', code: 130 });
});

test('an ordinary exit keeps its code', () => {
  assert.deepEqual(judgeElectronExit({ code: 0, signal: null, stderr: 'some warning', uptimeMs: 100 }), { action: 'exit', code: 0 });
  assert.deepEqual(judgeElectronExit({ code: 2, signal: null, stderr: '', uptimeMs: 100 }), { action: 'exit', code: 2 });
});

test('the dashboard opens with the platform opener', () => {
  assert.equal(browserOpener('linux').cmd, 'xdg-open');
  assert.equal(browserOpener('darwin').cmd, 'open');
  assert.equal(browserOpener('win32').cmd, 'explorer.exe');
});
