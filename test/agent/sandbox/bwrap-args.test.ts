// The whole bubblewrap command line for one sandboxed command on Linux, in order (a later mount
// wins, so the order is part of the confinement). sandbox-args.test.ts checks the same line by
// its properties; red-team/sandbox.test.ts checks what actually holds on this computer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bwrapArgs, type BwrapInput } from '../../../src-main/agent/sandbox/bwrap-args.js';

const policy = { root: '/home/ann/code/app', network: false, home: '/home/ann', hide: ['/srv/signal-claude'] };
const TOOLS = ['.nvm', '.volta', '.fnm', '.local/bin', '.local/lib', '.local/share/fnm', '.local/share/pnpm', '.bun/bin', '.deno/bin', '.cargo/bin', '.rustup', '.pyenv', '.rbenv', '.sdkman/candidates', 'go/bin', '.gitconfig', '.config/git'];
const run = (over: Partial<BwrapInput> = {}) => bwrapArgs({ policy, cwd: '/home/ann/code/app/src', shell: '/bin/bash', command: 'npm test', tmpDir: '/var/folders/x', exists: () => true, ...over });

const START = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
const HOME = ['--tmpfs', '/home/ann', ...TOOLS.flatMap((dir) => ['--ro-bind', `/home/ann/${dir}`, `/home/ann/${dir}`])];
const PROJECT_AND_HIDDEN = [
  '--bind', '/home/ann/code/app', '/home/ann/code/app',
  '--tmpfs', '/run/user',
  '--tmpfs', '/srv/signal-claude',
  '--ro-bind', '/dev/null', '/var/run/docker.sock',
  '--ro-bind', '/dev/null', '/run/docker.sock',
  '--ro-bind', '/dev/null', '/run/podman/podman.sock',
];
const PROCESS = ['--cap-drop', 'ALL', '--unshare-pid', '--die-with-parent', '--new-session'];
const END = ['--chdir', '/home/ann/code/app/src', '--', '/bin/bash', '-c', 'npm test'];

test('everything present: the full command line, in the order that makes each mount win where it should', () => {
  assert.deepEqual(run(), [...START, '--tmpfs', '/var/folders/x', ...HOME, ...PROJECT_AND_HIDDEN, ...PROCESS, '--unshare-net', ...END]);
});

test('the network stays only when the owner allowed it', () => {
  assert.deepEqual(run({ policy: { ...policy, network: true } }), [...START, '--tmpfs', '/var/folders/x', ...HOME, ...PROJECT_AND_HIDDEN, ...PROCESS, ...END]);
});

test('a TMPDIR under /tmp is already private; /tmpfoo is not under /tmp', () => {
  assert.deepEqual(run({ tmpDir: '/tmp' }).slice(0, 11), [...START, '--tmpfs', '/home/ann']);
  assert.deepEqual(run({ tmpDir: '/tmp/user-1' }).slice(0, 11), [...START, '--tmpfs', '/home/ann']);
  assert.deepEqual(run({ tmpDir: '/tmpfoo' }).slice(0, 11), [...START, '--tmpfs', '/tmpfoo']);
  assert.deepEqual(run({ tmpDir: undefined }).slice(0, 11), [...START, '--tmpfs', '/home/ann']);
});

test('folders that do not exist are not mounted; a home of / is not hidden (that would hide the disk)', () => {
  const exists = (p: string) => !p.startsWith('/home/ann/.') && p !== '/var/folders/x' && !p.includes('docker') && !p.includes('podman') && p !== '/run/user';
  assert.deepEqual(run({ exists }), [...START, '--tmpfs', '/home/ann', '--ro-bind', '/home/ann/go/bin', '/home/ann/go/bin', '--bind', '/home/ann/code/app', '/home/ann/code/app', '--tmpfs', '/srv/signal-claude', ...PROCESS, '--unshare-net', ...END]);
  const rootHome = run({ policy: { ...policy, home: '/' } });
  assert.ok(!rootHome.includes('/.nvm') && rootHome.indexOf('--bind') === START.length + 2, JSON.stringify(rootHome));
  const { home: _home, ...homeless } = policy;
  assert.equal(run({ policy: homeless }).indexOf('--bind'), START.length + 2);
  assert.equal(run({ exists: (p) => p !== '/home/ann' }).indexOf('--bind'), START.length + 2, 'an absent home is not mounted over');
});

test('the added folders the owner confirmed are writable like the project, after it, and before what is hidden', () => {
  const args = run({ policy: { ...policy, added: ['/home/ann/shared/lib', '/srv/data'] } });
  const project = args.indexOf('/home/ann/code/app');
  assert.deepEqual(args.slice(project - 1, project + 8), ['--bind', '/home/ann/code/app', '/home/ann/code/app', '--bind', '/home/ann/shared/lib', '/home/ann/shared/lib', '--bind', '/srv/data', '/srv/data']);
  assert.ok(args.indexOf('/home/ann/shared/lib') > args.indexOf('/home/ann'), 'after the emptied home, so it wins');
  assert.ok(args.indexOf('/srv/signal-claude') > args.indexOf('/srv/data'), 'the hidden data folder still wins');
  const missing = run({ policy: { ...policy, added: ['/gone'] }, exists: (p) => p !== '/gone' });
  assert.equal(missing.includes('/gone'), false, 'a folder deleted since is not mounted');
});

test('the protected paths in the writable folders are mounted read-only after them, where they exist', () => {
  const readOnly = ['/home/ann/code/app/.git/hooks', '/home/ann/code/app/.git/config', '/home/ann/code/app/.npmrc'];
  const exists = (path: string) => path !== '/home/ann/code/app/.npmrc';
  const args = run({ policy: { ...policy, readOnly }, exists });
  const project = args.indexOf('/home/ann/code/app');
  const hooks = args.indexOf('/home/ann/code/app/.git/hooks');
  assert.deepEqual(args.slice(hooks - 1, hooks + 5), ['--ro-bind', '/home/ann/code/app/.git/hooks', '/home/ann/code/app/.git/hooks', '--ro-bind', '/home/ann/code/app/.git/config', '/home/ann/code/app/.git/config']);
  assert.ok(project < hooks, 'after the writable project, so the read-only mount wins');
  assert.equal(args.includes('/home/ann/code/app/.npmrc'), false, 'a missing path is not mounted');
});
