// Cross-check against an independent implementation of the Anthropic streaming API:
// @copilotkit/aimock (its own SSE framing, tool_use streaming and error responses). The same
// tool loop that runs against our scripted server must run against it unchanged.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { LLMock } from '@copilotkit/aimock';
import { inProcessSession, tempProject } from './harness.js';

test('the streaming tool loop works against aimock, including a 529 retry', async (t) => {
  const mock = new LLMock({ port: 0, host: '127.0.0.1' });
  const prompt = 'fix the typo in note.txt';
  mock.on({ userMessage: prompt, sequenceIndex: 0 }, { blocks: [{ type: 'text', text: 'Reading it first.' }, { type: 'toolCall', name: 'Read', arguments: { file_path: 'note.txt' }, id: 'toolu_read' }] });
  mock.on({ userMessage: prompt, sequenceIndex: 1 }, { toolCalls: [{ name: 'Edit', arguments: { file_path: 'note.txt', old_string: 'teh', new_string: 'the' }, id: 'toolu_edit' }] });
  mock.on({ userMessage: prompt, sequenceIndex: 2 }, { content: 'Fixed "teh" → "the" in note.txt.' });
  await mock.start();
  t.after(() => mock.stop());
  const root = await tempProject({ 'note.txt': 'teh quick fox\n' });
  t.after(() => rm(root, { recursive: true, force: true }));

  // aimock is a plain server: our test server is not involved (a dummy one is never called).
  const h = await inProcessSession({ root, config: { baseUrl: mock.url, permissionMode: 'acceptEdits' } });
  t.after(() => h.close());
  mock.nextRequestError(529, { message: 'Overloaded', type: 'overloaded_error' });

  const end = await h.turn(prompt);
  assert.equal(end.reason, 'end_turn');
  assert.equal(end.text, 'Fixed "teh" → "the" in note.txt.');
  assert.equal(await readFile(join(root, 'note.txt'), 'utf8'), 'the quick fox\n');
  assert.deepEqual(h.log.of('tool_result').map((r) => [r.toolUseId, r.name, r.isError]), [
    ['toolu_read', 'Read', false],
    ['toolu_edit', 'Edit', false],
  ]);
  assert.equal(h.log.of('error').filter((e) => e.retrying).length, 1, 'the 529 was retried');

  // aimock's journal keeps requests in its normalized (OpenAI-like) form: the tool result we
  // sent appears as a `tool` message answering the Read call, right after the assistant turn.
  const journal = mock.getRequests().filter((r) => r.path === '/v1/messages');
  assert.deepEqual(journal.map((r) => r.response.status), [529, 200, 200, 200]);
  const messages = (journal[2]?.body as unknown as { messages: { role: string; tool_call_id?: string; content?: unknown }[] }).messages;
  assert.deepEqual(messages.slice(-2).map((m) => [m.role, m.tool_call_id]), [['assistant', undefined], ['tool', 'toolu_read']]);
  assert.match(String(messages.at(-1)?.content), /teh quick fox/);
  assert.equal(h.server.messageRequests.length, 0);
});
