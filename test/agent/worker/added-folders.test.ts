// `permissions.additionalDirectories` read from the three settings files (relative to the project
// root, `~/` from home, real paths; a missing entry or a file is a warning, never a crash) and the
// owner's one-time confirmation of each folder a project file adds (the owner's own file needs
// none; the app's data folder is never added). The turn through a real worker is in
// added-folders-turn.test.ts.
import assert from 'node:assert/strict';
import { mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { AddedFolders } from '../../../src-main/agent/worker/added-folders.js';
import { Approvals } from '../../../src-main/agent/worker/approvals.js';
import { loadProjectSettings } from '../../../src-main/agent/worker/project-settings.js';
import type { AgentEvent } from '../../../src-main/agent/protocol.js';
import { systemClock } from '../../../src-main/shared/clock.js';
import { tempProject } from '../harness.js';

async function folder(t: TestContext, files: Record<string, string> = {}): Promise<string> {
  const dir = await realpath(await tempProject(files));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const settings = (dirs: string[]) => JSON.stringify({ permissions: { additionalDirectories: dirs } });

test('entries from every file: relative to the project root, ~/ from home, real paths; bad entries are warnings', async (t) => {
  const home = await folder(t, { 'notes/a.md': 'n', '.claude/settings.json': settings(['~/notes', '~/missing']) });
  const top = await folder(t, { 'lib/x.ts': 'x', 'project/README.md': 'r', 'a-file.txt': 'f' });
  const root = join(top, 'project');
  await symlink(join(top, 'lib'), join(top, 'lib-link'));
  await mkdir(join(root, '.claude'));
  await writeFile(join(root, '.claude/settings.json'), settings(['../lib-link', '../a-file.txt']));
  await writeFile(join(root, '.claude/settings.local.json'), settings([join(top, 'lib')]));
  const loaded = await loadProjectSettings(root, home);
  assert.deepEqual(loaded.addedFolders, [
    { path: join(home, 'notes'), source: '~/.claude/settings.json', owner: true },
    { path: join(top, 'lib'), source: '.claude/settings.json', owner: false },
    { path: join(top, 'lib'), source: '.claude/settings.local.json', owner: false },
  ]);
  assert.deepEqual(loaded.warnings, [
    `~/.claude/settings.json: additionalDirectories entry "~/missing" does not exist (${join(home, 'missing')}); ignored.`,
    `.claude/settings.json: additionalDirectories entry "../a-file.txt" is not a folder (${join(top, 'a-file.txt')}); ignored.`,
  ]);
  const odd = await folder(t, { '.claude/settings.json': JSON.stringify({ permissions: { additionalDirectories: 'lib' } }) });
  assert.match((await loadProjectSettings(odd)).warnings[0] ?? '', /unexpected shape/, 'a string instead of a list is a warning too');
});

function answering(decisions: ('once' | 'deny')[]) {
  const events: AgentEvent[] = [];
  const owner: { approvals?: Approvals } = {};
  const emit = (e: AgentEvent): void => {
    events.push(e);
    if (e.type === 'approval_request') queueMicrotask(() => owner.approvals?.answer(e.approvalId, decisions.shift() ?? 'deny'));
  };
  const approvals = (owner.approvals = new Approvals(emit, systemClock, Math.random, 60_000));
  return { events, deps: { approvals, emit } };
}

test('a project file\'s folder waits for the owner; the owner\'s file and an earlier confirmation do not ask; duplicates, the root and the data folder are left out', async (t) => {
  const top = await folder(t, { 'project/a': 'a', 'a/x': 'x', 'b/x': 'x', 'c/x': 'x', 'data/db': 'd', 'd/x': 'x' });
  const root = join(top, 'project');
  const at = (name: string, source = '.claude/settings.json', owner = false) => ({ path: join(top, name), source, owner });
  const { events, deps } = answering(['deny', 'once']);
  const folders = new AddedFolders(
    [at('a', '~/.claude/settings.json', true), at('b'), at('c'), at('d'), at('b', '.claude/settings.local.json'), { path: root, source: '.claude/settings.json', owner: false }, at('data'), { path: top, source: '.claude/settings.json', owner: false }],
    root,
    [join(top, 'data')],
    undefined,
    ['AddDir(' + join(top, 'd') + ')'],
    deps,
  );
  assert.deepEqual(folders.warnings, [`.claude/settings.json: the added folder ${join(top, 'data')} holds the app's own data; ignored.`, `.claude/settings.json: the added folder ${top} holds the app's own data; ignored.`]);
  assert.deepEqual(folders.usable, [join(top, 'a'), join(top, 'd')]);
  assert.equal(folders.hasPending, true);
  assert.match(folders.reach().whyNot?.(join(top, 'b/x')) ?? '', /^is in .*\/b, a folder \.claude\/settings\.json adds, which the owner has not confirmed yet \(they are asked at their next instruction\)\.$/);

  const notes = await folders.confirmPending('turn-1', new AbortController().signal);
  const asked = events.filter((e) => e.type === 'approval_request');
  assert.deepEqual(asked.map((e) => e.type === 'approval_request' && [e.tool, e.summary]), [['an added folder', join(top, 'b')], ['an added folder', join(top, 'c')]]);
  assert.match(notes[0] ?? '', /did not confirm the folder .*\/b that \.claude\/settings\.json adds: it stays out of reach/);
  assert.match(notes[1] ?? '', /confirmed the folder .*\/c/);
  assert.deepEqual(events.filter((e) => e.type === 'rule_added'), [{ type: 'rule_added', rule: `AddDir(${join(top, 'c')})` }], 'only the confirmation is kept with the session');
  assert.deepEqual(folders.usable, [join(top, 'a'), join(top, 'c'), join(top, 'd')]);
  assert.equal(folders.hasPending, false);
  assert.match(folders.reach().whyNot?.(join(top, 'b/x')) ?? '', /which the owner did not confirm, so it stays out of reach\.$/);
  assert.deepEqual(await folders.confirmPending('turn-2', new AbortController().signal), [], 'asked once: the refusal holds for the session');
  assert.deepEqual(folders.status().map((f) => f.confirmed), [true, false, true, true]);
});

test('a folder holding or lying in the owner\'s ~/.claude is never added, even from the owner\'s own file: a sandboxed command could write itself more reach there', async (t) => {
  const top = await folder(t, { 'home/.claude/settings.json': '{}', 'home/.claude/agents/a.md': 'a', 'home/code/x': 'x', 'project/a': 'a' });
  const claude = join(top, 'home/.claude');
  const { deps } = answering([]);
  const folders = new AddedFolders(
    [
      { path: join(top, 'home'), source: '~/.claude/settings.json', owner: true },
      { path: claude, source: '/add-dir', owner: true },
      { path: join(claude, 'agents'), source: '.claude/settings.json', owner: false },
      { path: top, source: '.claude/settings.json', owner: false },
      { path: join(top, 'home/code'), source: '~/.claude/settings.json', owner: true },
    ],
    join(top, 'project'),
    [],
    claude,
    [],
    deps,
  );
  assert.deepEqual(folders.usable, [join(top, 'home/code')], 'a folder beside it is fine');
  assert.equal(folders.warnings.length, 4);
  assert.match(folders.warnings[0] ?? '', /~\/\.claude\/settings\.json: the added folder .*\/home holds or lies in .*\/home\/\.claude, whose settings Claude must not change; ignored\./);
});

test('a stopped turn stops asking; the folder still waits', async (t) => {
  const top = await folder(t, { 'project/a': 'a', 'b/x': 'x' });
  const { events, deps } = answering([]);
  const folders = new AddedFolders([{ path: join(top, 'b'), source: '.claude/settings.json', owner: false }], join(top, 'project'), [], undefined, [], deps);
  const stop = new AbortController();
  stop.abort();
  assert.deepEqual(await folders.confirmPending('turn-1', stop.signal), []);
  assert.equal(events.filter((e) => e.type === 'approval_request').length, 0);
  assert.equal(folders.hasPending, true);
});
