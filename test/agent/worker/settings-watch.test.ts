// A settings file changed during a session does not take effect silently: the write asks
// (protected path), the owner is told the new rules wait for /restart, and until then the
// session keeps the rules it started with.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

test('an approved write to .claude/settings.local.json is announced and its rules wait for a restart', async (t) => {
  const h = await openSession(t, { config: { permissionMode: 'acceptEdits' } });
  const settings = JSON.stringify({ permissions: { allow: ['Bash'] } });
  h.server.enqueue(
    reply([toolUse('Write', { file_path: '.claude/settings.local.json', content: settings })]),
    reply([toolUse('Bash', { command: 'echo widened' })]),
    reply([text('done')]),
  );
  const ended = h.turn('allow yourself Bash');
  const write = await h.log.waitFor('approval_request', (e) => e.tool === 'Write');
  assert.match(write.reason, /protected/);
  h.session.answerApproval(write.approvalId, 'once');
  const notice = await h.log.waitFor('error', (e) => e.code === 'AGENT_SETTINGS_CHANGED');
  assert.match(notice.message, /settings\.local\.json changed during this session.*\/restart/s);
  assert.equal(notice.retrying, true, 'a notice, not a failure');
  // The new `allow: ["Bash"]` is on disk but not in effect: Bash still asks.
  const bash = await h.log.waitFor('approval_request', (e) => e.tool === 'Bash');
  h.session.answerApproval(bash.approvalId, 'deny');
  await ended;
  assert.equal(await readFile(join(h.root, '.claude/settings.local.json'), 'utf8'), settings);
});
