// The whole Seatbelt profile macOS enforces for one sandboxed command, line by line (it cannot run
// on this Linux machine, so the text is the contract): writes only in the project, the temp
// folders and the terminal devices; the home unreadable except the per-user tool folders and the
// project; the app's data folder hidden; no IP networking unless the owner allowed it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quote, seatbeltProfile } from '../../../src-main/agent/sandbox/seatbelt-profile.js';

const policy = { root: '/Users/ann/code/app', network: false, home: '/Users/ann', hide: ['/Users/ann/Library/Application Support/signal-claude'] };

const WRITES = [
  '(version 1)',
  '(allow default)',
  '(deny file-write*)',
  '(allow file-write*',
  '  (subpath "/Users/ann/code/app")',
  '  (subpath "/private/tmp")',
  '  (subpath "/private/var/folders/x/T")',
  '  (literal "/dev/null") (literal "/dev/zero") (literal "/dev/dtracehelper")',
  '  (regex #"^/dev/tty") (regex #"^/dev/fd/"))',
];
const HOME = [
  '(deny file-read* (subpath "/Users/ann"))',
  '(allow file-read-metadata (literal "/Users/ann"))',
  '(allow file-read*',
  ...['.nvm', '.volta', '.fnm', '.local/bin', '.local/lib', '.local/share/fnm', '.local/share/pnpm', '.bun/bin', '.deno/bin', '.cargo/bin', '.rustup', '.pyenv', '.rbenv', '.sdkman/candidates', 'go/bin', '.gitconfig', '.config/git'].map(
    (dir) => `  (subpath "/Users/ann/${dir}")`,
  ),
  '  (subpath "/Users/ann/code/app"))',
];
const HIDDEN = ['(deny file-read* file-write* (subpath "/Users/ann/Library/Application Support/signal-claude"))'];
const NO_NETWORK = ['(deny network-outbound (remote ip))', '(deny network-inbound (local ip))', '(deny network-bind (local ip))'];

const profile = (p: typeof policy | Omit<typeof policy, 'home'>) => seatbeltProfile({ policy: p, tempDirs: ['/private/tmp', '/private/var/folders/x/T'] });

test('the full profile: project and temp writable, home hidden but for tool folders, data folder hidden, no IP network', () => {
  assert.equal(profile(policy), [...WRITES, ...HOME, ...HIDDEN, ...NO_NETWORK, ''].join('\n'));
});

test('with the network allowed only the network lines go', () => {
  assert.equal(profile({ ...policy, network: true }), [...WRITES, ...HOME, ...HIDDEN, ''].join('\n'));
});

test('no home folder, or a home that is the whole disk, is not hidden (the disk would become unreadable)', () => {
  const { home: _home, ...homeless } = policy;
  assert.equal(profile(homeless), [...WRITES, ...HIDDEN, ...NO_NETWORK, ''].join('\n'));
  assert.equal(profile({ ...policy, home: '/' }), [...WRITES, ...HIDDEN, ...NO_NETWORK, ''].join('\n'));
});

test('quotes and backslashes in a folder name cannot end the string early', () => {
  assert.equal(quote('/a "b"\\c'), '"/a \\"b\\"\\\\c"');
});

test('the added folders the owner confirmed are writable and readable in the hidden home, like the project', () => {
  const text = seatbeltProfile({ policy: { ...policy, added: ['/Users/ann/shared'] }, tempDirs: ['/private/tmp'] });
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(4, 7), ['  (subpath "/Users/ann/code/app")', '  (subpath "/Users/ann/shared")', '  (subpath "/private/tmp")']);
  const readable = lines.indexOf('(allow file-read*');
  assert.deepEqual(lines.slice(readable + 18, readable + 20), ['  (subpath "/Users/ann/shared")', '  (subpath "/Users/ann/code/app"))']);
});

test('the protected paths in the writable folders are denied for writing, existing or not, after the allows', () => {
  const readOnly = ['/Users/ann/code/app/.git/hooks', '/Users/ann/code/app/.npmrc'];
  const lines = seatbeltProfile({ policy: { ...policy, readOnly }, tempDirs: ['/private/tmp'] }).split('\n');
  const denies = ['(deny file-write* (subpath "/Users/ann/code/app/.git/hooks"))', '(deny file-write* (subpath "/Users/ann/code/app/.npmrc"))'];
  const at = lines.indexOf(denies[0]!);
  assert.deepEqual(lines.slice(at, at + 2), denies);
  assert.ok(at > lines.indexOf('  (subpath "/Users/ann/code/app")'), 'a later rule wins: after the project is allowed');
});
