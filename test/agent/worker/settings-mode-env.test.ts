// `permissions.defaultMode` and `env` from Claude Code's settings files, through a REAL worker
// thread and the real command host (bwrap where it works here): defaultMode is the mode when the
// owner chose none with /mode (nearest file wins; a project file cannot pick bypassPermissions),
// and `env` reaches commands — the owner's file every command, the project's files sandboxed
// commands only, never one the owner approves to run outside the sandbox.
import assert from 'node:assert/strict';
import { realpath, rm } from 'node:fs/promises';
import { test, type TestContext } from 'node:test';
import { probeSandbox } from '../../../src-main/agent/sandbox/detect.js';
import { loadProjectSettings } from '../../../src-main/agent/worker/project-settings.js';
import type { AgentConfig } from '../../../src-main/agent/protocol.js';
import { reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { serverAndCommandHost, startWorker, tempProject, toolResultOf } from '../harness.js';

const sandboxed = probeSandbox().kind === 'bwrap';
const world = serverAndCommandHost();

async function folder(t: TestContext, files: Record<string, string>): Promise<string> {
  const dir = await realpath(await tempProject(files));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const worker = (t: TestContext, root: string, extra: Partial<AgentConfig>) => startWorker(t, world, root, extra);

const resultOf = toolResultOf;

test('defaultMode: the nearest file wins; unknown modes and a project\'s bypassPermissions are refused with a warning', async (t) => {
  const home = await folder(t, { '.claude/settings.json': JSON.stringify({ permissions: { defaultMode: 'acceptEdits' } }) });
  const root = await folder(t, {
    '.claude/settings.json': JSON.stringify({ permissions: { defaultMode: 'plan' } }),
    '.claude/settings.local.json': JSON.stringify({ permissions: { defaultMode: 'bypassPermissions' } }),
  });
  const settings = await loadProjectSettings(root, home);
  assert.deepEqual(settings.defaultMode, { mode: 'plan', source: '.claude/settings.json' });
  assert.deepEqual(settings.warnings, ['.claude/settings.local.json asks for bypassPermissions; ignored (only your own ~/.claude/settings.json or /mode can).']);
  const ownBypass = await folder(t, { '.claude/settings.json': JSON.stringify({ permissions: { defaultMode: 'bypassPermissions' } }) });
  assert.deepEqual((await loadProjectSettings(await folder(t, {}), ownBypass)).defaultMode, { mode: 'bypassPermissions', source: '~/.claude/settings.json' });
  const odd = await folder(t, { '.claude/settings.json': JSON.stringify({ permissions: { defaultMode: 'dontAsk' } }) });
  assert.match((await loadProjectSettings(odd)).warnings[0] ?? '', /defaultMode "dontAsk" is not one of default, acceptEdits, plan, bypassPermissions; ignored/);
});

test('a project\'s defaultMode is the session\'s mode when the owner chose none, and /mode\'s choice beats it', async (t) => {
  const root = await folder(t, { '.claude/settings.json': JSON.stringify({ permissions: { defaultMode: 'plan' } }) });
  const fromFile = await worker(t, root, { permissionMode: 'acceptEdits', permissionModeFromOwner: false });
  assert.deepEqual(fromFile.ready.modeFromSettings, { mode: 'plan', source: '.claude/settings.json' });
  world.server.enqueue(reply([toolUse('Write', { file_path: 'new.txt', content: 'x' }, 'toolu_plan_write')]), reply([text('planned')]));
  fromFile.w.worker.sendTurn('turn-plan', [{ type: 'text', text: 'write it' }]);
  await fromFile.w.log.waitFor('turn_end', (e) => e.turnId === 'turn-plan');
  assert.equal(resultOf(fromFile.w, 'toolu_plan_write').outcome, 'denied');
  assert.match(resultOf(fromFile.w, 'toolu_plan_write').text, /Plan mode is on/);

  const chosen = await worker(t, root, { permissionMode: 'acceptEdits', permissionModeFromOwner: true });
  assert.equal(chosen.ready.modeFromSettings, undefined);
  world.server.enqueue(reply([toolUse('Write', { file_path: 'new.txt', content: 'x' }, 'toolu_owner_write')]), reply([text('written')]));
  chosen.w.worker.sendTurn('turn-owner', [{ type: 'text', text: 'write it' }]);
  await chosen.w.log.waitFor('turn_end', (e) => e.turnId === 'turn-owner');
  assert.equal(resultOf(chosen.w, 'toolu_owner_write').outcome, 'ran');
});

test('env: the owner\'s file reaches every command, the project\'s files only sandboxed ones', async (t) => {
  const home = await folder(t, { '.claude/settings.json': JSON.stringify({ env: { OWNER_NOTE: 'from-home', SHARED: 'home' } }) });
  const root = await folder(t, {
    '.claude/settings.json': JSON.stringify({ env: { PROJECT_NOTE: 'from-project', SHARED: 'project' }, sandbox: { excludedCommands: ['printenv'] } }),
  });
  const { w } = await worker(t, root, { homeDir: home, permissionMode: 'default', rules: { allow: ['Bash(echo:*)'], ask: [], deny: [] } });
  world.server.enqueue(
    reply([toolUse('Bash', { command: 'echo "$OWNER_NOTE $PROJECT_NOTE $SHARED"' }, 'toolu_in'), toolUse('Bash', { command: 'printenv OWNER_NOTE PROJECT_NOTE SHARED' }, 'toolu_out')]),
    reply([text('compared')]),
  );
  w.worker.sendTurn('turn-env', [{ type: 'text', text: 'show the variables' }]);
  if (!sandboxed) {
    // No sandbox here: echo asks too (every command does), and no command gets the project's env.
    const echo = await w.log.waitFor('approval_request', (e) => e.summary.startsWith('echo'));
    w.worker.answerApproval(echo.approvalId, 'once');
  }
  const approval = await w.log.waitFor('approval_request', (e) => e.summary.startsWith('printenv'));
  w.worker.answerApproval(approval.approvalId, 'once');
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-env');
  assert.equal(resultOf(w, 'toolu_in').text, sandboxed ? 'from-home from-project project' : 'from-home  home');
  const outside = resultOf(w, 'toolu_out').text;
  assert.match(outside, /^from-home\nhome\n/, 'the unsandboxed command gets the owner\'s values only');
  assert.doesNotMatch(outside, /from-project/);
});
