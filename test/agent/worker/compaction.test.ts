// When the context nears the model's window, older steps are summarized; the model then sees
// the summary, while every step stays with the main process (nothing lost), and a session
// resumed from that transcript sees the same summary.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SUMMARY_PROMPT } from '../../../src-main/agent/worker/compaction.js';
import { buildMessages } from '../../../src-main/agent/transcript.js';
import { reply, text, toolUse, type RequestBody } from '../../helpers/anthropic-server.js';
import { openSession } from '../harness.js';

type Block = { type: string; text?: string; [k: string]: unknown };
const allText = (body: RequestBody): string =>
  body.messages.flatMap((m) => (Array.isArray(m.content) ? (m.content as Block[]) : [])).map((b) => (b.type === 'text' ? b.text : JSON.stringify(b))).join('\n');
const isSummaryRequest = (body: RequestBody): boolean => allText(body).includes(SUMMARY_PROMPT);

const BIG = 'const filler = "abcdefghijklmnopqrstuvwxyz";\n'.repeat(400);

describe('compaction', () => {
  test('near the window, older turns become a summary; the full transcript is kept', async (t) => {
    const h = await openSession(t, { files: { 'big.ts': BIG }, config: { contextWindow: 20_000 } });
    h.server.enqueue(
      reply([toolUse('Read', { file_path: 'big.ts' })]),
      reply([text('big.ts is filler.')], { usage: { input_tokens: 17_000 } }),
      // turn 2: the summary request comes first
      reply([text('SUMMARY: owner asked what big.ts holds; it is filler text.')]),
      reply([text('Yes, only filler.')]),
    );
    await h.turn('what is in big.ts?');
    const end = await h.turn('is that all?');
    assert.equal(end.text, 'Yes, only filler.');

    const [, , summaryReq, nextReq] = h.server.messageRequests.map((r) => r.body);
    assert.ok(summaryReq && isSummaryRequest(summaryReq), 'a summary request was made');
    assert.match(allText(summaryReq), /const filler/, 'the summary request saw the old tool output');
    const next = allText(nextReq as RequestBody);
    assert.match(next, /SUMMARY: owner asked what big\.ts holds/);
    assert.doesNotMatch(next, /const filler/, 'the model no longer carries the big output');
    assert.match(next, /is that all\?/, 'the new request is still there');
    assert.equal(h.log.of('compacted').length, 1);
    assert.equal(h.log.of('usage').filter((u) => u.purpose === 'summary').length, 1);

    // Nothing lost: every step went to the main process, the old output included.
    const steps = h.log.steps;
    assert.ok(steps.some((s) => s.kind === 'tool_result' && String(s.output).includes('const filler')));
    const compaction = steps.find((s) => s.kind === 'compaction');
    assert.ok(compaction && compaction.kind === 'compaction');
    assert.deepEqual(steps.map((s) => s.seq), steps.map((_, i) => i), 'steps are numbered without gaps');

    // count_tokens is missing on this server: tried once, then usage figures only.
    assert.equal(h.server.requests.filter((r) => r.path === '/v1/messages/count_tokens').length, 1);

    // A session resumed from the persisted steps sees the same context.
    const resumed = await openSession(t, { root: h.root, transcript: steps, existingServer: h.server, config: { contextWindow: 20_000 } });
    h.server.enqueue(reply([text('Still here.')]));
    await resumed.turn('still there?');
    const resumedText = allText(h.server.messageRequests.at(-1)?.body as RequestBody);
    assert.match(resumedText, /SUMMARY: owner asked/);
    assert.doesNotMatch(resumedText, /const filler/);
    assert.match(resumedText, /Yes, only filler\./);
  });

  test('an exact count from count_tokens avoids a needless summary', async (t) => {
    const h = await openSession(t, { server: { countTokens: true }, config: { contextWindow: 20_000 } });
    h.server.enqueue(reply([text('First.')], { usage: { input_tokens: 15_000 } }), reply([text('Second.')]));
    await h.turn('one');
    await h.turn('two');
    assert.equal(h.server.requests.filter((r) => r.path === '/v1/messages/count_tokens').length, 1);
    assert.equal(h.log.of('compacted').length, 0);
    assert.equal(h.server.messageRequests.length, 2);
  });

  test('a request rejected as too long is compacted and sent again', async (t) => {
    const h = await openSession(t);
    h.server.enqueue(
      reply([text('Earlier answer.')]),
      { kind: 'error', status: 400, type: 'invalid_request_error', message: 'prompt is too long: 1000001 tokens > 1000000 maximum' },
      reply([text('SUMMARY: an earlier answer was given.')]),
      reply([text('Fits now.')]),
    );
    await h.turn('first');
    const end = await h.turn('second');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'Fits now.');
    assert.ok(isSummaryRequest(h.server.messageRequests[2]?.body as RequestBody));
  });

  test('the summary keeps tool calls paired with their results', () => {
    // Working messages after a compaction start with the summary (user) and alternate roles.
    const steps = [
      { seq: 0, turnId: 't', at: 0, kind: 'user' as const, origin: 'owner' as const, content: [{ type: 'text' as const, text: 'go' }] },
      { seq: 1, turnId: 't', at: 0, kind: 'assistant' as const, content: [{ type: 'tool_use' as const, id: 'a', name: 'LS', input: {} }], stopReason: 'tool_use' as const, model: 'm', usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } },
      { seq: 2, turnId: 't', at: 0, kind: 'tool_result' as const, toolUseId: 'a', name: 'LS', output: 'x', isError: false, outcome: 'ran' as const, fileChanges: [] },
      { seq: 3, turnId: 't', at: 0, kind: 'compaction' as const, summary: 'S', replacesThroughSeq: 0 },
    ];
    const messages = buildMessages(steps);
    assert.deepEqual(messages.map((m) => [m.role, m.content.map((b) => b.type)]), [
      ['user', ['text']],
      ['assistant', ['tool_use']],
      ['user', ['tool_result']],
    ]);
  });
});
