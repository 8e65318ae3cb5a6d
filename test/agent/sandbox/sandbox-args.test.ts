// The exact confinement each OS wrapper asks for (bwrap on Linux, Seatbelt on macOS), the notes
// Claude gets when the sandbox refused something, and which commands sandbox.excludedCommands
// takes out of the sandbox. What actually holds on this computer is in red-team/sandbox.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bwrapArgs } from '../../../src-main/agent/sandbox/bwrap-args.js';
import { sandboxHint } from '../../../src-main/agent/sandbox/hints.js';
import { seatbeltProfile } from '../../../src-main/agent/sandbox/seatbelt-profile.js';
import { launchFor } from '../../../src-main/agent/sandbox/wrap.js';
import { isExcluded } from '../../../src-main/agent/worker/sandbox-plan.js';

const policy = { root: '/home/ann/code/app', network: false, home: '/home/ann', hide: ['/srv/signal-claude'] };
const pairs = (args: string[], flag: string): string[] => args.flatMap((a, i) => (a === flag ? [args[i + 1] ?? ''] : []));

test('bwrap: read-only root, private /tmp, hidden home with tool folders back, the project writable last, no network', () => {
  const present = new Set(['/run/user', '/home/ann', '/home/ann/.nvm', '/home/ann/.gitconfig', '/srv/signal-claude', '/var/run/docker.sock', '/var/folders/x']);
  const args = bwrapArgs({ policy, cwd: policy.root, shell: '/bin/bash', command: 'npm test', tmpDir: '/var/folders/x', exists: (p) => present.has(p) });
  assert.deepEqual(args.slice(0, 3), ['--ro-bind', '/', '/']);
  assert.deepEqual(pairs(args, '--tmpfs'), ['/tmp', '/var/folders/x', '/home/ann', '/run/user', '/srv/signal-claude']);
  assert.deepEqual(pairs(args, '--bind'), [policy.root]);
  assert.ok(args.indexOf('--bind') > args.indexOf('/home/ann'), 'the project is mounted after the home is hidden');
  assert.ok(args.lastIndexOf('/srv/signal-claude') > args.indexOf('--bind'), 'hidden folders win over the project');
  assert.deepEqual(pairs(args, '--ro-bind'), ['/', '/home/ann/.nvm', '/home/ann/.gitconfig', '/dev/null']);
  for (const flag of ['--unshare-pid', '--die-with-parent', '--new-session', '--unshare-net']) assert.ok(args.includes(flag), flag);
  assert.deepEqual(pairs(args, '--cap-drop'), ['ALL']);
  assert.deepEqual(args.slice(-6), ['--chdir', policy.root, '--', '/bin/bash', '-c', 'npm test']);
});

test('bwrap: the network stays when the owner allowed it; absent folders are not mounted', () => {
  const args = bwrapArgs({ policy: { ...policy, network: true }, cwd: policy.root, shell: '/bin/sh', command: 'curl x', exists: () => false });
  assert.ok(!args.includes('--unshare-net'));
  assert.deepEqual(pairs(args, '--tmpfs'), ['/tmp']);
});

test("bwrap and seatbelt: the session's shell-state folder is writable, mounted after the private /tmp it lives in", () => {
  const state = '/tmp/signal-claude-shell-abc';
  const args = bwrapArgs({ policy: { ...policy, state }, cwd: policy.root, shell: '/bin/bash', command: 'cd src', exists: () => true });
  assert.deepEqual(pairs(args, '--bind'), [policy.root, state]);
  assert.ok(args.lastIndexOf(state) > args.indexOf('/tmp'), 'after the private /tmp, or the shell could not leave its folder there');
  assert.match(seatbeltProfile({ policy: { ...policy, state }, tempDirs: [] }), /\(allow file-write\*\n {2}\(subpath "\/home\/ann\/code\/app"\)\n {2}\(subpath "\/tmp\/signal-claude-shell-abc"\)/);
});

test('seatbelt: writes only in the project and temp, the home unreadable except tools and the project, no IP network', () => {
  const profile = seatbeltProfile({ policy, tempDirs: ['/private/tmp', '/private/var/folders/x/T'] });
  assert.match(profile, /^\(version 1\)\n\(allow default\)\n\(deny file-write\*\)\n\(allow file-write\*\n {2}\(subpath "\/home\/ann\/code\/app"\)\n {2}\(subpath "\/private\/tmp"\)\n {2}\(subpath "\/private\/var\/folders\/x\/T"\)/);
  assert.match(profile, /\(deny file-read\* \(subpath "\/home\/ann"\)\)/);
  assert.match(profile, /\(allow file-read\*\n(.*\n)* {2}\(subpath "\/home\/ann\/code\/app"\)\)/);
  assert.match(profile, /\(subpath "\/home\/ann\/\.nvm"\)/);
  assert.match(profile, /\(deny file-read\* file-write\* \(subpath "\/srv\/signal-claude"\)\)/);
  assert.match(profile, /\(deny network-outbound \(remote ip\)\)/);
  assert.doesNotMatch(seatbeltProfile({ policy: { ...policy, network: true }, tempDirs: [] }), /network/);
  assert.match(seatbeltProfile({ policy: { ...policy, root: '/a "b"\\c' }, tempDirs: [] }), /\(subpath "\/a \\"b\\"\\\\c"\)/);
});

test('a command that must be sandboxed where no sandbox works is refused, not run unconfined', () => {
  const launch = launchFor({ command: 'ls', cwd: '/x', env: {}, sandbox: policy }, '/bin/sh', { kind: 'none', reason: 'bubblewrap (bwrap) is not installed' });
  assert.ok(launch instanceof Error);
  assert.match(launch.message, /must run in the sandbox, but bubblewrap \(bwrap\) is not installed; it was not run/);
  const bwrap = launchFor({ command: 'ls', cwd: '/x', env: { TMPDIR: '/var/t' }, sandbox: policy }, '/bin/sh', { kind: 'bwrap', path: '/usr/bin/bwrap' });
  assert.ok(!(bwrap instanceof Error));
  assert.equal(bwrap.file, '/usr/bin/bwrap');
  assert.equal(bwrap.env.TMPDIR, '/tmp');
});

test('Claude is told when a failure is the sandbox: read-only filesystem, network off', () => {
  assert.match(sandboxHint('touch: cannot touch /etc/x: Read-only file system', false) ?? '', /only the project folder and a private \/tmp are writable/);
  assert.match(sandboxHint('error: could not write config file .git/config: Device or resource busy', true) ?? '', /not \.git\/hooks, \.git\/config/, 'git replacing its read-only config');
  assert.match(sandboxHint('curl: (6) Could not resolve host: example.com', false) ?? '', /network is off.*\/net on/);
  assert.equal(sandboxHint('curl: (6) Could not resolve host: example.com', true), undefined, 'with the network allowed it is not the sandbox');
  assert.equal(sandboxHint('Error: tests failed', false), undefined);
});

test('sandbox.excludedCommands: a word, word:* or word * excludes commands starting with that word', () => {
  assert.ok(isExcluded('docker ps', ['docker']));
  assert.ok(isExcluded('docker', ['docker:*']));
  assert.ok(isExcluded('  docker build .', ['docker *']));
  assert.ok(!isExcluded('dockerd', ['docker']));
  assert.ok(!isExcluded('npm test', ['docker']));
  assert.ok(!isExcluded('docker ps', ['']));
});
