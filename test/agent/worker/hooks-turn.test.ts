// Hooks from .claude/settings.json through a REAL worker thread and the real command host (in the
// bwrap sandbox where it works here), the model played by the local Anthropic server: what a
// PreToolUse hook decides (deny, ask, allow — never past a deny rule or a protected path),
// PostToolUse feedback, UserPromptSubmit and SessionStart context, a Stop hook continuing the
// turn, failing hooks reported, and a hook added during the session asking the owner first.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { RateLimiter } from '../../../src-main/agent/main/rate-limiter.js';
import { probeSandbox } from '../../../src-main/agent/sandbox/detect.js';
import { hookConfirmationRule, parseHooks } from '../../../src-main/agent/worker/hooks/hook-config.js';
import type { AgentConfig } from '../../../src-main/agent/protocol.js';
import { reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { baseConfig, type InWorker, serverAndCommandHost, spawnWorker, tempProject, toolResultOf } from '../harness.js';

const sandboxed = probeSandbox().kind === 'bwrap';
const world = serverAndCommandHost();
const { host } = world;

type Hooks = Record<string, { matcher?: string; hooks: { type: 'command'; command: string; timeout?: number }[] }[]>;

/** A worker on a project whose .claude/settings.json has `hooks`, all confirmed by the owner unless `confirmed` is false. */
async function session(t: TestContext, hooks: Hooks, extra: Partial<AgentConfig> = {}, confirmed = true): Promise<{ w: InWorker; root: string }> {
  const root = await realpath(await tempProject(Object.keys(hooks).length > 0 ? { '.claude/settings.json': JSON.stringify({ hooks }) } : {}));
  t.after(() => rm(root, { recursive: true, force: true }));
  const w = spawnWorker(new RateLimiter());
  t.after(() => w.worker.terminate());
  const rules = confirmed ? parseHooks(hooks, '.claude/settings.json').hooks.map(hookConfirmationRule) : [];
  await w.worker.start(baseConfig(root, world.server.url, { permissionMode: 'default', commandHost: host.endpoint()!, sessionAllowRules: rules, ...extra }));
  return { w, root };
}

const resultOf = toolResultOf;

async function turn(w: InWorker, turnId: string, say = turnId): Promise<string> {
  w.worker.sendTurn(turnId, [{ type: 'text', text: say }]);
  const end = await w.log.waitFor('turn_end', (e) => e.turnId === turnId, 30_000);
  assert.equal(end.reason, 'end_turn');
  return end.text;
}

test('a PreToolUse hook that exits 2 blocks the Bash call; Claude reads its reason; it got Claude Code\'s JSON on stdin', async (t) => {
  const { w, root } = await session(t, {
    PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'cat > "$CLAUDE_PROJECT_DIR/input.json"; echo "no touching in this repo" >&2; exit 2' }] }],
  });
  const first = world.server.messageRequests.length;
  world.server.enqueue(reply([toolUse('Bash', { command: 'touch made.txt' }, 'toolu_touch')]), reply([text('understood')]));
  await turn(w, 'turn-deny');
  const result = resultOf(w, 'toolu_touch');
  assert.equal(result.outcome, 'denied');
  assert.match(result.text, /A PreToolUse hook blocked this call: no touching in this repo/);
  assert.equal(existsSync(join(root, 'made.txt')), false, 'the command did not run');
  assert.match(JSON.stringify(world.server.messageRequests[first + 1]?.body), /no touching in this repo/, 'the reason went to Claude');
  const input = JSON.parse(readFileSync(join(root, 'input.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(
    { event: input.hook_event_name, tool: input.tool_name, toolInput: input.tool_input, id: input.tool_use_id, cwd: input.cwd, session: input.session_id, mode: input.permission_mode },
    { event: 'PreToolUse', tool: 'Bash', toolInput: { command: 'touch made.txt' }, id: 'toolu_touch', cwd: root, session: 'session-1', mode: 'default' },
  );
});

test('a PreToolUse hook that answers "ask" makes an approval even where an allow rule would let the call run', async (t) => {
  const decision = JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'ask', permissionDecisionReason: 'this prints to the team channel' } });
  const { w } = await session(t, { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `echo '${decision}'` }] }] }, { rules: { allow: ['Bash(echo:*)'], ask: [], deny: [] } });
  world.server.enqueue(reply([toolUse('Bash', { command: 'echo hello' }, 'toolu_echo')]), reply([text('done')]));
  w.worker.sendTurn('turn-ask', [{ type: 'text', text: 'say hello' }]);
  const asked = await w.log.waitFor('approval_request', (e) => e.tool === 'Bash');
  assert.match(asked.reason, /A PreToolUse hook asks the owner first: this prints to the team channel/);
  w.worker.answerApproval(asked.approvalId, 'once');
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-ask');
  assert.equal(resultOf(w, 'toolu_echo').text, 'hello');
});

test('a PreToolUse hook\'s "allow" skips the mode\'s question but never a deny rule or a protected path', async (t) => {
  const allow = JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'all fine' } });
  const { w, root } = await session(t, { PreToolUse: [{ matcher: '', hooks: [{ type: 'command', command: `echo '${allow}'` }] }] }, { rules: { allow: [], ask: [], deny: ['Bash(touch:*)'] } });
  world.server.enqueue(
    reply([toolUse('Bash', { command: 'touch denied.txt' }, 'toolu_denied'), toolUse('Write', { file_path: '.claude/notes.md', content: 'x' }, 'toolu_protected'), toolUse('Bash', { command: 'echo allowed' }, 'toolu_allowed')]),
    reply([text('done')]),
  );
  w.worker.sendTurn('turn-allow', [{ type: 'text', text: 'go' }]);
  const protectedAsk = await w.log.waitFor('approval_request', (e) => e.tool === 'Write');
  assert.match(protectedAsk.reason, /always needs the owner's approval/);
  w.worker.answerApproval(protectedAsk.approvalId, 'deny');
  if (!sandboxed) {
    // Unsandboxed commands always ask; a hook cannot change that either.
    const unsandboxed = await w.log.waitFor('approval_request', (e) => e.tool === 'Bash');
    w.worker.answerApproval(unsandboxed.approvalId, 'once');
  }
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-allow');
  assert.equal(resultOf(w, 'toolu_denied').outcome, 'denied');
  assert.match(resultOf(w, 'toolu_denied').text, /Blocked by the permission rule Bash\(touch:\*\)/);
  assert.equal(existsSync(join(root, 'denied.txt')), false);
  assert.equal(resultOf(w, 'toolu_protected').outcome, 'denied');
  assert.equal(resultOf(w, 'toolu_allowed').text, 'allowed');
  assert.equal(w.log.of('approval_request').filter((e) => e.tool === 'Bash').length, sandboxed ? 0 : 1, 'default mode would have asked for echo');
});

test('a PostToolUse hook\'s block sends its reason back to Claude with the result', async (t) => {
  const block = JSON.stringify({ decision: 'block', reason: 'lint failed: missing semicolon in app.js' });
  const { w } = await session(t, { PostToolUse: [{ matcher: 'Write|Edit|Bash', hooks: [{ type: 'command', command: `cat >/dev/null; echo '${block}'` }] }] }, { rules: { allow: ['Bash(echo:*)'], ask: [], deny: [] } });
  const first = world.server.messageRequests.length;
  world.server.enqueue(reply([toolUse('Bash', { command: 'echo built' }, 'toolu_build')]), reply([text('fixing')]));
  await turn(w, 'turn-post');
  assert.equal(resultOf(w, 'toolu_build').text, 'built\n\nPostToolUse hook feedback: lint failed: missing semicolon in app.js');
  assert.match(JSON.stringify(world.server.messageRequests[first + 1]?.body), /lint failed: missing semicolon/);
});

test('UserPromptSubmit and SessionStart hooks add context to the message Claude receives', async (t) => {
  const context = JSON.stringify({ hookSpecificOutput: { hookEventName: 'UserPromptSubmit', additionalContext: 'current branch: release-2' } });
  const { w, root } = await session(t, {
    UserPromptSubmit: [{ hooks: [{ type: 'command', command: `cat > "$CLAUDE_PROJECT_DIR/prompt.json"; echo '${context}'` }] }],
    SessionStart: [{ matcher: 'startup', hooks: [{ type: 'command', command: 'echo "open issues: 3"' }] }],
  });
  const first = world.server.messageRequests.length;
  world.server.enqueue(reply([text('ok')]), reply([text('ok again')]));
  await turn(w, 'turn-ctx-1', 'what branch?');
  const sent = JSON.stringify(world.server.messageRequests[first]?.body);
  assert.match(sent, /UserPromptSubmit hook additional context: current branch: release-2/);
  assert.match(sent, /SessionStart hook additional context: open issues: 3/);
  assert.equal((JSON.parse(readFileSync(join(root, 'prompt.json'), 'utf8')) as { prompt: string }).prompt, 'what branch?');
  await turn(w, 'turn-ctx-2', 'and now?');
  const second = JSON.stringify(world.server.messageRequests[first + 1]?.body);
  assert.equal(second.match(/SessionStart hook additional context/g)?.length, 1, 'SessionStart ran once, before the first message');
});

test('a UserPromptSubmit hook that exits 2 keeps the message from Claude and tells the owner why', async (t) => {
  const { w } = await session(t, { UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo "no secrets in prompts" >&2; exit 2' }] }] });
  const first = world.server.messageRequests.length;
  w.worker.sendTurn('turn-blocked', [{ type: 'text', text: 'my password is hunter2' }]);
  const end = await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-blocked');
  assert.equal(end.reason, 'cancelled');
  assert.equal(world.server.messageRequests.length, first, 'nothing was sent to Claude');
  const notice = await w.log.waitFor('hook_notice');
  assert.deepEqual({ kind: notice.kind, detail: notice.detail }, { kind: 'blocked-prompt', detail: 'no secrets in prompts' });
  assert.ok(!w.log.steps.some((s) => s.kind === 'user' && JSON.stringify(s.content).includes('hunter2')), 'the message is not in the transcript');
});

test('a Stop hook that blocks continues the turn with its reason; told stop_hook_active, it lets the turn end', async (t) => {
  const { w } = await session(t, {
    Stop: [{ hooks: [{ type: 'command', command: 'if grep -q \'"stop_hook_active":true\'; then exit 0; fi; echo "run the tests before you stop" >&2; exit 2' }] }],
  });
  const first = world.server.messageRequests.length;
  world.server.enqueue(reply([text('all done')]), reply([text('tests pass, done')]));
  const final = await turn(w, 'turn-stop');
  assert.equal(world.server.messageRequests.length, first + 2, 'one more request after the block');
  assert.match(JSON.stringify(world.server.messageRequests[first + 1]?.body), /Stop hook feedback: run the tests before you stop/);
  assert.match(final, /tests pass, done/);
});

test('a hook that times out or fails is reported to the owner and the call goes on as if it said nothing', async (t) => {
  const { w } = await session(
    t,
    {
      PreToolUse: [
        { matcher: 'Bash', hooks: [{ type: 'command', command: 'sleep 30', timeout: 1 }] },
        { matcher: 'Bash', hooks: [{ type: 'command', command: 'echo "config missing" >&2; exit 1' }] },
        { matcher: 'Bash', hooks: [{ type: 'command', command: 'echo "{not json"' }] },
      ],
    },
    { rules: { allow: ['Bash(echo:*)'], ask: [], deny: [] } },
  );
  world.server.enqueue(reply([toolUse('Bash', { command: 'echo still ran' }, 'toolu_after')]), reply([text('done')]));
  await turn(w, 'turn-fail');
  assert.equal(resultOf(w, 'toolu_after').text, 'still ran');
  const notices = w.log.of('hook_notice').map((n) => [n.kind, n.detail]);
  assert.deepEqual(notices, [
    ['timeout', '1 s'],
    ['failed', 'exit 1: config missing'],
    ['bad-output', 'stdout is not valid JSON'],
  ]);
});

test('a hook added during the session asks the owner before it first runs', async (t) => {
  const { w, root } = await session(t, {}, { rules: { allow: ['Bash(echo:*)'], ask: [], deny: [] } });
  const settings = JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'touch "$CLAUDE_PROJECT_DIR/hook-ran"' }] }] } });
  world.server.enqueue(reply([toolUse('Write', { file_path: '.claude/settings.json', content: settings }, 'toolu_write')]), reply([toolUse('Bash', { command: 'echo next' }, 'toolu_next')]), reply([text('done')]));
  w.worker.sendTurn('turn-new-hook', [{ type: 'text', text: 'add a hook' }]);
  const write = await w.log.waitFor('approval_request', (e) => e.tool === 'Write');
  w.worker.answerApproval(write.approvalId, 'once');
  const confirm = await w.log.waitFor('approval_request', (e) => e.tool === 'a PreToolUse hook');
  assert.equal(existsSync(join(root, 'hook-ran')), false, 'not run before the owner confirmed it');
  assert.deepEqual(confirm.subject, { kind: 'command', command: 'touch "$CLAUDE_PROJECT_DIR/hook-ran"', cwd: root, sandboxed });
  assert.match(confirm.reason, /from \.claude\/settings\.json/);
  w.worker.answerApproval(confirm.approvalId, 'once');
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-new-hook');
  assert.equal(existsSync(join(root, 'hook-ran')), true, 'it ran once confirmed');
  assert.equal(resultOf(w, 'toolu_next').text, 'next');
  assert.ok(w.log.of('rule_added').some((e) => /^Hook\(PreToolUse:[0-9a-f]{16}\)$/.test(e.rule)), 'the confirmation is kept for the session');
});

test('a hook the owner does not confirm never runs, and the owner is told', async (t) => {
  const { w, root } = await session(t, { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'touch "$CLAUDE_PROJECT_DIR/hook-ran"' }] }] }, { rules: { allow: ['Bash(echo:*)'], ask: [], deny: [] } }, false);
  world.server.enqueue(reply([toolUse('Bash', { command: 'echo plain' }, 'toolu_plain')]), reply([text('done')]));
  w.worker.sendTurn('turn-refuse', [{ type: 'text', text: 'go' }]);
  const confirm = await w.log.waitFor('approval_request', (e) => e.tool === 'a PreToolUse hook');
  w.worker.answerApproval(confirm.approvalId, 'deny');
  await w.log.waitFor('turn_end', (e) => e.turnId === 'turn-refuse');
  assert.equal(existsSync(join(root, 'hook-ran')), false);
  assert.equal(resultOf(w, 'toolu_plain').text, 'plain');
  assert.deepEqual(w.log.of('hook_notice').map((n) => n.kind), ['refused']);
});
