// What a finished hook said, read as Claude Code reads it: exit codes, JSON on stdout (and the
// older PreToolUse "approve"/"block"), plain stdout as context, and every failure a problem.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readHookRun } from '../../../../src-main/agent/worker/hooks/hook-output.js';
import type { HookRun } from '../../../../src-main/agent/worker/hooks/hook-run.js';

const run = (r: Partial<HookRun>): HookRun => ({ exitCode: 0, stdout: '', stderr: '', timedOut: false, cancelled: false, stdoutTooLong: false, ...r });

test('exit 2 blocks with stderr as the reason where the event can block; elsewhere the owner reads it', () => {
  assert.deepEqual(readHookRun('PreToolUse', run({ exitCode: 2, stderr: 'no\n' }), 60), { problems: [], block: 'no', permission: 'deny' });
  assert.deepEqual(readHookRun('Stop', run({ exitCode: 2, stderr: 'tests first' }), 60), { problems: [], block: 'tests first' });
  assert.deepEqual(readHookRun('PreCompact', run({ exitCode: 2, stderr: 'saved a copy' }), 60), { problems: [{ kind: 'message', detail: 'saved a copy' }] });
});

test('other exits, timeouts, bad JSON and too much output are problems, and decide nothing', () => {
  assert.deepEqual(readHookRun('PreToolUse', run({ exitCode: 1, stderr: 'jq: not found\nmore' }), 60), { problems: [{ kind: 'failed', detail: 'exit 1: jq: not found' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ exitCode: null }), 60), { problems: [{ kind: 'failed', detail: 'killed' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ timedOut: true, exitCode: null }), 5), { problems: [{ kind: 'timeout', detail: '5 s' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ stdout: '{"hookSpecificOutput": ' }), 60), { problems: [{ kind: 'bad-output', detail: 'stdout is not valid JSON' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ stdout: '{"decision": "maybe"}' }), 60), { problems: [{ kind: 'bad-output', detail: 'its JSON has an unexpected shape' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ stdoutTooLong: true }), 60), { problems: [{ kind: 'bad-output', detail: 'too much output on stdout' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ error: 'spawn failed' }), 60), { problems: [{ kind: 'not-started', detail: 'spawn failed' }] });
  assert.deepEqual(readHookRun('PreToolUse', run({ cancelled: true, exitCode: null }), 60), { problems: [] }, 'the owner stopped the turn: nothing to report');
});

test('JSON: permission decisions (and the older approve/block), block with reason, context, continue false, a message for the owner', () => {
  const pre = (o: object) => readHookRun('PreToolUse', run({ stdout: JSON.stringify(o) }), 60);
  assert.equal(pre({ hookSpecificOutput: { permissionDecision: 'deny', permissionDecisionReason: 'prod' } }).block, 'prod');
  assert.equal(pre({ hookSpecificOutput: { permissionDecision: 'ask' } }).permission, 'ask');
  assert.equal(pre({ decision: 'approve' }).permission, 'allow');
  assert.equal(pre({ decision: 'block', reason: 'old style' }).block, 'old style');
  assert.equal(pre({ hookSpecificOutput: { permissionDecision: 'allow', permissionDecisionReason: 'fine' } }).block, undefined, 'an allow blocks nothing');
  const post = readHookRun('PostToolUse', run({ stdout: JSON.stringify({ decision: 'block', reason: 'lint', hookSpecificOutput: { additionalContext: 'see docs' }, systemMessage: 'linted' }) }), 60);
  assert.deepEqual(post, { problems: [{ kind: 'message', detail: 'linted' }], block: 'lint', context: 'see docs', stop: undefined });
  assert.equal(readHookRun('Stop', run({ stdout: JSON.stringify({ continue: false, stopReason: 'quota reached' }) }), 60).stop, 'quota reached');
});

test('plain stdout is context for UserPromptSubmit and SessionStart only', () => {
  assert.equal(readHookRun('SessionStart', run({ stdout: 'branch main\n' }), 60).context, 'branch main');
  assert.equal(readHookRun('UserPromptSubmit', run({ stdout: 'today: friday' }), 60).context, 'today: friday');
  assert.equal(readHookRun('PostToolUse', run({ stdout: 'formatted 3 files' }), 60).context, undefined);
});
