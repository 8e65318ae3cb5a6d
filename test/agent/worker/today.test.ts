// The date Claude works with is today's, also in a session that started on an earlier day,
// without touching the cached system prompt: a later day's first message carries the date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateNote, localDate } from '../../../src-main/agent/worker/today.js';
import { reply, text, type RequestBody } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

type Block = { type: string; text?: string };
const lastUser = (body: RequestBody | undefined): Block[] => (body?.messages.at(-1)?.content ?? []) as Block[];

test("a session started on an earlier day tells Claude today's date once, and the system prompt stays as cached", async (t) => {
  const startedAt = Date.now() - 3 * 24 * 3600_000;
  const h = await openSession(t, { config: { startedAt } });
  h.server.enqueue(reply([text('one')]), reply([text('two')]));
  await h.turn('first message today');
  await h.turn('second message today');
  const [first, second] = h.server.messageRequests.map((r) => r.body);
  assert.deepEqual(lastUser(first).map((b) => b.text), ['first message today', dateNote(localDate(Date.now()))]);
  assert.deepEqual(lastUser(second).map((b) => b.text), ['second message today'], 'Claude already knows the day');
  assert.equal(JSON.stringify(second?.system), JSON.stringify(first?.system));
  assert.match(JSON.stringify(first?.system), new RegExp(`Today's date: ${localDate(startedAt)}`));
});

test('a session started today adds no note', async (t) => {
  const h = await openSession(t, { config: { startedAt: Date.now() } });
  h.server.enqueue(reply([text('ok')]));
  await h.turn('hello');
  assert.deepEqual(lastUser(h.server.messageRequests[0]?.body).map((b) => b.text), ['hello']);
});
