// The one progress line a hook gets on the phone when it fails, is refused or has something to say.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hookNotice } from '../../../src-main/display/wording/index.js';

test('each kind of hook notice names the event and the command and says what happened', () => {
  const n = (kind: Parameters<typeof hookNotice>[0]['kind'], detail: string, command = './check.sh') => hookNotice({ event: 'PreToolUse', command, kind, detail });
  assert.equal(n('timeout', '60 s'), '🪝 PreToolUse hook `./check.sh` timed out after 60 s; carried on without it');
  assert.equal(n('failed', 'exit 1: jq: not found'), '🪝 PreToolUse hook `./check.sh` failed (exit 1: jq: not found); carried on without it');
  assert.equal(n('refused', 'not confirmed'), '🪝 PreToolUse hook `./check.sh` not confirmed: it does not run in this session');
  assert.equal(hookNotice({ event: 'UserPromptSubmit', command: '', kind: 'blocked-prompt', detail: 'no secrets' }), '🪝 UserPromptSubmit hook kept this message from Claude: no secrets');
});
