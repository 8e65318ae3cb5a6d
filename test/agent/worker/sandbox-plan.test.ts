// What Claude is told about the Bash sandbox, read from the system prompt the model actually
// receives: exactly what is confined where a sandbox works, and that nothing is where none does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reply, text } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

function systemText(body: { system?: string | { text: string }[] } | undefined): string {
  const system = body?.system;
  return typeof system === 'string' ? system : (system ?? []).map((b) => b.text).join('\n');
}

test('the system prompt states what the sandbox confines, and /net reaches the wording', async (t) => {
  const h = await openSession(t, { config: { sandbox: { support: { kind: 'bwrap', path: '/usr/bin/bwrap' }, excludedCommands: ['docker'] } } });
  h.server.enqueue(reply([text('hi')]));
  await h.turn('hello');
  const prompt = systemText(h.server.messageRequests.at(-1)?.body);
  assert.match(prompt, /file tools \(Read, Write, Edit, Grep, Glob, LS\) cannot reach outside the project folder/);
  assert.match(prompt, /Bash commands run in an OS sandbox: only the project folder and a private \/tmp are writable \(but not their \.git\/hooks, \.git\/config, \.claude\//);
  assert.match(prompt, /home folder is hidden/);
  assert.match(prompt, /every process a command starts ends with it/);
  assert.match(prompt, /There is no network .*\/net on/);
  assert.match(prompt, /Commands starting with docker run outside the sandbox and need the owner's approval/);
});

test('where no sandbox works the system prompt says commands are not confined', async (t) => {
  const h = await openSession(t, { config: { sandbox: { support: { kind: 'none', reason: 'there is no command sandbox on win32' } } } });
  h.server.enqueue(reply([text('hi')]));
  await h.turn('hello');
  assert.match(systemText(h.server.messageRequests.at(-1)?.body), /Bash commands are NOT sandboxed on this computer: .* the owner approves each one/);
});
