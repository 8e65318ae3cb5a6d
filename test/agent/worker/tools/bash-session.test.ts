// Bash as a Claude Code user expects it between calls: `cd` and `export` hold for the next call,
// the directory never leaves the project (a `cd` out is undone with a note), what a command
// leaves for the next one is read as data (a planted symlink is not followed), and commands
// started with run_in_background keep running until BashOutput shows them done or KillShell
// stops them. Real shells and real files; the sandboxed path is in bash-habits.test.ts.
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempProject } from '../../harness.js';
import { gone } from '../../../helpers/processes.js';
import { call, textOf, toolContext, type Ctx } from './tool-context.js';

let root: string;
let secretDir: string;
before(async () => {
  root = await tempProject({ 'sub/deep/file.txt': 'deep\n', 'README.md': 'top\n' });
  secretDir = await tempProject({ 'id_key': 'SECRET-KEY-abc123\n' });
});
after(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(secretDir, { recursive: true, force: true });
});

async function bash(ctx: Ctx, command: string, extra: Record<string, unknown> = {}): Promise<string> {
  return textOf(await call(ctx, 'Bash', { command, ...extra }));
}

describe('Bash keeps its place between calls', () => {
  test('a cd holds for the next call, and a new session starts in the project root', async () => {
    const ctx = await toolContext(root);
    assert.equal(await bash(ctx, 'cd sub/deep && pwd'), join(ctx.root, 'sub/deep'));
    assert.equal(await bash(ctx, 'pwd; cat file.txt'), `${join(ctx.root, 'sub/deep')}\ndeep`);
    assert.equal(await bash(ctx, 'cd ..; pwd'), join(ctx.root, 'sub'));
    // A subshell's cd stays in the subshell.
    assert.equal(await bash(ctx, '(cd deep); pwd'), join(ctx.root, 'sub'));
    const fresh = await toolContext(root);
    assert.equal(await bash(fresh, 'pwd'), fresh.root);
  });

  test('exported variables (and unset ones) carry over; plain shell variables do not', async () => {
    const ctx = await toolContext(root);
    await bash(ctx, 'export GREETING="hello world" MULTI=$\'a\\nb\'; LOCAL_ONLY=1');
    assert.equal(await bash(ctx, 'echo "$GREETING|${LOCAL_ONLY:-unset}"; printf %s "$MULTI"'), 'hello world|unset\na\nb');
    assert.deepEqual(ctx.shell.exported, ['GREETING', 'MULTI']);
    await bash(ctx, 'unset GREETING; export HOME=/elsewhere');
    assert.equal(await bash(ctx, 'echo "${GREETING:-gone} $HOME"'), 'gone /elsewhere');
  });

  test('CDPATH never carries over (a later `cd name` would land where the permission checks cannot see)', async () => {
    const ctx = await toolContext(root);
    await bash(ctx, 'export CDPATH=sub');
    assert.equal(await bash(ctx, 'echo "${CDPATH:-none}"; cd deep 2>/dev/null; pwd'), `none\n${ctx.root}`);
    assert.deepEqual(ctx.shell.exported, []);
  });

  test('an exit code, a failing command or exit itself still keeps the new folder', async () => {
    const ctx = await toolContext(root);
    const r = await call(ctx, 'Bash', { command: 'cd sub && false' });
    assert.equal(r.isError, true);
    assert.equal(await bash(ctx, 'pwd'), join(ctx.root, 'sub'));
    await call(ctx, 'Bash', { command: 'cd deep; exit 4' });
    assert.equal(await bash(ctx, 'pwd'), join(ctx.root, 'sub/deep'));
  });

  test('a cd out of the project is undone for the next call, with a note saying why', async () => {
    const ctx = await toolContext(root);
    const out = await bash(ctx, `cd ${secretDir} && ls`);
    assert.match(out, /^id_key\n\[The shell's working directory was reset to the project root .*: .* is outside the folders Claude may work in\.\]$/);
    assert.equal(await bash(ctx, 'pwd'), ctx.root);
    // Through a symlink that leads out: judged by where it really is.
    await symlink(secretDir, join(root, 'link-out'));
    assert.match(await bash(ctx, 'cd link-out'), /reset to the project root/);
    assert.equal(await bash(ctx, 'pwd'), ctx.root);
    await bash(ctx, 'cd /');
    assert.equal(await bash(ctx, 'pwd'), ctx.root);
  });

  test('a folder deleted since is left for the project root, with a note', async () => {
    const ctx = await toolContext(root);
    await mkdir(join(root, 'tmp-dir'));
    await bash(ctx, 'cd tmp-dir');
    await rm(join(root, 'tmp-dir'), { recursive: true });
    const out = await bash(ctx, 'pwd');
    assert.equal(out, `${ctx.root}\n[The working directory ${join(ctx.root, 'tmp-dir')} no longer exists; this command runs in the project root ${ctx.root}.]`);
  });

  test('what a command leaves for the next is data: a planted symlink is not followed, a forged folder outside is refused', async () => {
    const ctx = await toolContext(root);
    const state = ctx.shell.stateDir;
    const planted = await bash(ctx, `trap - EXIT; ln -s ${join(secretDir, 'id_key')} ${state}/cwd; ln -s ${join(secretDir, 'id_key')} ${state}/env`);
    assert.doesNotMatch(planted, /SECRET/);
    assert.equal(await bash(ctx, 'pwd'), ctx.root);
    assert.doesNotMatch(await bash(ctx, 'env'), /SECRET/);
    const forged = await bash(ctx, `trap - EXIT; printf '%s\\n' ${secretDir} > ${state}/cwd; printf 'FORGED=1\\0' > ${state}/env`);
    assert.match(forged, /reset to the project root/);
    assert.equal(await bash(ctx, 'pwd; echo ${FORGED:-none}'), `${ctx.root}\n1`, 'a forged variable is only what the command could export itself');
  });

  test('the shell that ran Claude code is gone after the call (its trap wrote, nothing stays)', async () => {
    const ctx = await toolContext(root);
    await bash(ctx, 'echo $$ > leader.pid');
    assert.ok(await gone(Number(await readFile(join(root, 'leader.pid'), 'utf8'))));
  });
});

describe('run_in_background, BashOutput and KillShell', () => {
  test('a background command runs on while other calls run; BashOutput returns only new output, then its end', async () => {
    const ctx = await toolContext(root);
    await bash(ctx, 'cd sub && export STAGE=two');
    const started = await bash(ctx, 'echo "in $PWD $STAGE"; for i in 1 2 3; do echo line-$i; sleep 0.2; done; echo done >&2', { run_in_background: true });
    assert.equal(started, 'Command running in background with ID: bash_1');
    assert.equal(await bash(ctx, 'echo meanwhile'), 'meanwhile', 'the session is not blocked by it');
    let seen = '';
    let last = '';
    for (let i = 0; i < 100 && !last.includes('<status>completed</status>'); i++) {
      last = textOf(await call(ctx, 'BashOutput', { bash_id: 'bash_1' }));
      seen += last;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(last, /<status>completed<\/status>\n<exit_code>0<\/exit_code>/);
    assert.match(seen, new RegExp(`in ${join(ctx.root, 'sub')} two`), 'it started where the session was, with its variables');
    assert.equal(seen.match(/line-2/g)?.length, 1, 'each line is returned once');
    assert.match(seen, /done/);
    assert.equal(textOf(await call(ctx, 'BashOutput', { bash_id: 'bash_1' })), '<status>completed</status>\n<exit_code>0</exit_code>\n(no new output)');
  });

  test('filter keeps matching lines; a bad id or regex is a clear error', async () => {
    const ctx = await toolContext(root);
    await bash(ctx, 'printf "ok 1\\nnot ok 2\\nok 3\\n"; sleep 0.2', { run_in_background: true });
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(textOf(await call(ctx, 'BashOutput', { bash_id: 'bash_1', filter: '^not ok' })), '<status>completed</status>\n<exit_code>0</exit_code>\n<output>\nnot ok 2\n</output>');
    const unknown = await call(ctx, 'BashOutput', { bash_id: 'bash_9' });
    assert.equal(unknown.isError, true);
    assert.equal(textOf(unknown), 'No background command with ID bash_9. This session\'s: bash_1.');
    const bad = await call(ctx, 'BashOutput', { bash_id: 'bash_1', filter: '(' });
    assert.match(textOf(bad), /^Invalid filter regular expression/);
    assert.equal(textOf(await call(ctx, 'KillShell', { shell_id: '1' })), 'No background command with ID 1. This session\'s: bash_1.');
  });

  test('KillShell stops the command and everything it started; the session ending stops the rest', async () => {
    const ctx = await toolContext(root);
    await bash(ctx, 'sleep 30 & echo $! > bg-child.pid; echo $$ > bg-leader.pid; wait', { run_in_background: true });
    await bash(ctx, 'echo $$ > bg2.pid; sleep 30', { run_in_background: true });
    for (let i = 0; i < 100 && !(await readFile(join(root, 'bg-child.pid'), 'utf8').catch(() => '')); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(textOf(await call(ctx, 'KillShell', { shell_id: 'bash_1' })), 'Stopped bash_1.');
    assert.ok(await gone(Number(await readFile(join(root, 'bg-child.pid'), 'utf8'))), 'its child is gone too');
    assert.ok(await gone(Number(await readFile(join(root, 'bg-leader.pid'), 'utf8'))));
    assert.match(textOf(await call(ctx, 'BashOutput', { bash_id: 'bash_1' })), /^<status>killed<\/status>/);
    for (let i = 0; i < 100 && !(await readFile(join(root, 'bg2.pid'), 'utf8').catch(() => '')); i++) await new Promise((r) => setTimeout(r, 20));
    ctx.background.dispose();
    assert.ok(await gone(Number(await readFile(join(root, 'bg2.pid'), 'utf8'))));
    assert.deepEqual(ctx.background.list().map((s) => s.status), ['killed', 'killed']);
    // What the main process was told as they came and went (/status lists what still runs).
    assert.deepEqual(ctx.backgroundTold, [['bash_1'], ['bash_1', 'bash_2'], ['bash_2'], []]);
  });

  test('unread output is bounded: the oldest is dropped with a count, a read is capped like Bash', async () => {
    const ctx = await toolContext(root, undefined, { outputCapChars: 1000 });
    await bash(ctx, 'seq 1 100000', { run_in_background: true });
    for (let i = 0; i < 200 && ctx.background.list()[0]?.status === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    const out = textOf(await call(ctx, 'BashOutput', { bash_id: 'bash_1' }));
    assert.match(out, /\[\d+ characters of earlier output were dropped before this read: the buffer was full\.\]/);
    assert.match(out, /\[\.\.\. \d+ characters of output truncated \.\.\.\]/);
    assert.ok(out.endsWith('99999\n100000\n</output>'));
    assert.ok(out.length < 1300);
  });

  test('too many at once is refused with a way out', async () => {
    const ctx = await toolContext(root);
    for (let i = 0; i < 8; i++) await bash(ctx, 'sleep 30', { run_in_background: true });
    const ninth = await call(ctx, 'Bash', { command: 'sleep 30', run_in_background: true });
    assert.equal(ninth.isError, true);
    assert.equal(textOf(ninth), '8 background commands are already running; stop one with KillShell first.');
    ctx.background.dispose();
  });
});

test('env file with a huge value is ignored, not loaded', async () => {
  const ctx = await toolContext(root);
  await writeFile(join(root, 'big.txt'), 'x'.repeat(300_000));
  await bash(ctx, 'export BIG="$(cat big.txt)"');
  assert.equal(await bash(ctx, 'echo ${#BIG}'), '0');
});
