// The session's own behaviour: turns queue and run in order, /stop drops queued turns (each
// still ends once), the permission mode can change mid-session, and pictures and documents
// from the phone reach the model.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { reply, text, toolUse } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

test('turns sent while one runs are queued and run in order', async (t) => {
  const h = await openSession(t);
  h.server.enqueue(reply([text('first')], { delayMs: 5 }), reply([text('second')]));
  h.session.enqueueTurn('a', [{ type: 'text', text: 'one' }]);
  h.session.enqueueTurn('b', [{ type: 'text', text: 'two' }]);
  const b = await h.log.waitFor('turn_end', (e) => e.turnId === 'b');
  assert.equal(b.text, 'second');
  assert.deepEqual(h.log.of('turn_end').map((e) => [e.turnId, e.text]), [['a', 'first'], ['b', 'second']]);
  const second = h.server.messageRequests[1]?.body.messages.map((m) => m.role);
  assert.deepEqual(second, ['user', 'assistant', 'user']);
});

test('/stop also drops queued turns, and each still gets exactly one turn_end', async (t) => {
  const h = await openSession(t);
  h.server.enqueue(reply([text('slow '.repeat(500))], { chunkChars: 5, delayMs: 5 }));
  h.session.enqueueTurn('running', [{ type: 'text', text: 'one' }]);
  h.session.enqueueTurn('queued', [{ type: 'text', text: 'two' }]);
  await h.log.waitFor('text_delta');
  h.session.stop();
  await h.log.waitFor('turn_end', (e) => e.turnId === 'running');
  await h.session.idle();
  assert.deepEqual(h.log.of('turn_end').map((e) => [e.turnId, e.reason]).sort(), [['queued', 'cancelled'], ['running', 'cancelled']]);
  assert.equal(h.server.messageRequests.length, 1, 'the queued turn never reached the model');
});

test('switching to plan mode refuses edits from then on, with the reason given to the model', async (t) => {
  const h = await openSession(t, { files: { 'a.txt': 'a\n' } });
  h.server.enqueue(reply([toolUse('Write', { file_path: 'a.txt', content: 'b\n' })]), reply([text('Plan: change a to b.')]));
  h.session.setMode('plan');
  const end = await h.turn('change a to b');
  assert.equal(end.text, 'Plan: change a to b.');
  assert.equal(await readFile(join(h.root, 'a.txt'), 'utf8'), 'a\n');
  assert.deepEqual(h.log.of('tool_result').map((r) => r.outcome), ['denied']);
  const result = h.server.messageRequests[1]?.body.messages.at(-1)?.content as unknown as { content: string }[];
  assert.match(result[0]?.content ?? '', /Plan mode is on/);
});

test('pictures and documents in a turn are sent to the model', async (t) => {
  const h = await openSession(t);
  h.server.enqueue(reply([text('A red dot and a short note.')]));
  const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
  h.session.enqueueTurn('pic', [
    { type: 'text', text: 'what is this?' },
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'a note' }, title: 'note.txt' },
  ]);
  await h.log.waitFor('turn_end', (e) => e.turnId === 'pic');
  const sent = h.server.messageRequests[0]?.body.messages[0]?.content as { type: string }[];
  assert.deepEqual(sent.map((b) => b.type), ['text', 'image', 'document']);
});
