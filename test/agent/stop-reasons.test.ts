// Each stop reason of the Messages API handled as the owner would expect, through the real
// streaming client against the local server.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SUMMARY_PROMPT } from '../../src-main/agent/worker/compaction.js';
import { CONTINUE_TEXT } from '../../src-main/agent/transcript.js';
import { reply, text, toolUse, type RequestBody } from '../helpers/anthropic-server.js';
import { openSession as session } from './harness.js';

type Block = { type: string; [k: string]: unknown };
const blocks = (m: RequestBody['messages'][number] | undefined): Block[] => (Array.isArray(m?.content) ? (m.content as Block[]) : []);
const lastMessage = (body: RequestBody) => body.messages[body.messages.length - 1];

describe('stop reasons', () => {
  test('tool_use: tools run and their results come first in the next user message', async (t) => {
    const h = await session(t, { files: { 'a.txt': 'alpha\n', 'b.txt': 'beta\n' } });
    h.server.enqueue(
      reply([text('Reading both.'), toolUse('Read', { file_path: 'a.txt' }, 'tu_a'), toolUse('Read', { file_path: 'b.txt' }, 'tu_b')]),
      reply([text('a says alpha, b says beta.')]),
    );
    const end = await h.turn('what do the files say?');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'a says alpha, b says beta.');
    const second = h.server.messageRequests[1]?.body as RequestBody;
    const results = blocks(lastMessage(second));
    assert.deepEqual(results.map((b) => [b.type, b.tool_use_id]), [['tool_result', 'tu_a'], ['tool_result', 'tu_b']]);
    assert.match(String(results[0]?.content), /alpha/);
    assert.equal(results[0]?.is_error, undefined);
  });

  test('a failing tool is sent back with is_error', async (t) => {
    const h = await session(t);
    h.server.enqueue(reply([toolUse('Read', { file_path: 'missing.txt' }, 'tu_1')]), reply([text('It does not exist.')]));
    await h.turn('read missing.txt');
    const result = blocks(lastMessage(h.server.messageRequests[1]?.body as RequestBody))[0];
    assert.equal(result?.is_error, true);
    assert.match(String(result?.content), /does not exist/);
  });

  test('end_turn and stop_sequence end the turn after one request', async (t) => {
    const h = await session(t);
    h.server.enqueue(reply([text('Hello.')]), reply([text('Stopped at marker')], { stopReason: 'stop_sequence' }));
    assert.equal((await h.turn('hi')).reason, 'end_turn');
    const end = await h.turn('again');
    assert.equal(end.reason, 'stop_sequence');
    assert.equal(end.text, 'Stopped at marker');
    assert.equal(h.server.messageRequests.length, 2);
  });

  test('max_tokens: the model is asked to continue and the answer is joined', async (t) => {
    const h = await session(t);
    h.server.enqueue(reply([text('The first half of a long ans')], { stopReason: 'max_tokens' }), reply([text('wer, and the rest.')]));
    const end = await h.turn('explain at length');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'The first half of a long answer, and the rest.');
    const second = h.server.messageRequests[1]?.body as RequestBody;
    assert.equal(second.messages.at(-2)?.role, 'assistant');
    assert.deepEqual(blocks(lastMessage(second)).map((b) => b.text), [CONTINUE_TEXT]);
  });

  test('max_tokens in the middle of a tool call drops the cut call instead of running it', async (t) => {
    const h = await session(t, { files: { 'x.txt': 'x\n' } });
    h.server.enqueue(
      reply([text('Writing now.'), toolUse('Write', { file_path: 'x.txt', content: 'half-written' })], { stopReason: 'max_tokens', leaveLastBlockOpen: true }),
      reply([text('Done differently.')]),
    );
    const end = await h.turn('write x');
    assert.equal(end.reason, 'end_turn');
    assert.equal(await readFile(join(h.root, 'x.txt'), 'utf8'), 'x\n');
    const second = h.server.messageRequests[1]?.body as RequestBody;
    assert.deepEqual(blocks(second.messages.at(-2)).map((b) => b.type), ['text']);
  });

  test('pause_turn: the paused response is sent back as is to let the model continue', async (t) => {
    const h = await session(t);
    h.server.enqueue(reply([text('Searching… ')], { stopReason: 'pause_turn' }), reply([text('Found it.')]));
    const end = await h.turn('search');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'Searching… Found it.');
    const second = h.server.messageRequests[1]?.body as RequestBody;
    assert.equal(lastMessage(second)?.role, 'assistant');
    assert.equal(blocks(lastMessage(second))[0]?.text, 'Searching…', 'no trailing whitespace on a final assistant message');
  });

  test('refusal is reported and nothing else is sent', async (t) => {
    const h = await session(t);
    h.server.enqueue(reply([text('I can’t help with that.')], { stopReason: 'refusal' }));
    const end = await h.turn('do something bad');
    assert.equal(end.reason, 'refusal');
    assert.equal(end.text, 'I can’t help with that.');
    assert.equal(h.server.messageRequests.length, 1);
  });

  test('a refused turn is dropped from what the model sees, so the next turn is not refused too', async (t) => {
    const h = await session(t);
    h.server.enqueue(reply([text('Hello.')]), reply([text('I can’t help with that.')], { stopReason: 'refusal' }), reply([text('Sure.')]));
    await h.turn('hi');
    assert.equal((await h.turn('do something bad')).reason, 'refusal');
    assert.equal((await h.turn('list the files')).reason, 'end_turn');
    const seen = JSON.stringify(h.server.messageRequests[2]?.body.messages);
    assert.doesNotMatch(seen, /do something bad|can’t help/);
    assert.match(seen, /hi.*Hello\..*list the files/s, 'the turns before the refusal stay');
  });

  test('model_context_window_exceeded: the conversation is compacted and the model continues', async (t) => {
    const h = await session(t, { files: { 'big.txt': 'lots of data\n'.repeat(50) } });
    h.server.enqueue(
      reply([toolUse('Read', { file_path: 'big.txt' })]),
      reply([text('The data says')], { stopReason: 'model_context_window_exceeded' }),
      reply([text('Summary: the owner asked about big.txt; it repeats "lots of data".')]),
      reply([text(' "lots of data", repeated.')]),
    );
    const end = await h.turn('what is in big.txt?');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'The data says "lots of data", repeated.');
    const [, , summary, last] = h.server.messageRequests.map((r) => r.body);
    assert.equal(blocks(lastMessage(summary as RequestBody)).at(-1)?.text, SUMMARY_PROMPT);
    const first = blocks((last as RequestBody).messages[0])[0];
    assert.match(String(first?.text), /Summary: the owner asked about big\.txt/);
    assert.equal(h.log.of('compacted').length, 1);
  });
});
