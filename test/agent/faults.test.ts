// Faults between the agent and the API: rate limits and overload are retried as the server
// asks, a stream cut mid-message (or malformed, or silent) is retried once from the last
// committed step and then reported, and /stop ends a turn within a second.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { reply, text, toolUse, type Script } from '../helpers/anthropic-server.js';
import { openSession } from './harness.js';

const longText = (n: number): string => Array.from({ length: n }, (_, i) => `word${i} `).join('');

describe('retries', () => {
  test('429 with retry-after: waits as told, then succeeds', async (t) => {
    const h = await openSession(t);
    const arrivals: number[] = [];
    const stamp = (s: Script) => () => {
      arrivals.push(Date.now());
      return s;
    };
    h.server.enqueue(stamp({ kind: 'error', status: 429, retryAfterSec: 1 }), stamp(reply([text('OK now.')])));
    const end = await h.turn('hi');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'OK now.');
    assert.ok((arrivals[1] as number) - (arrivals[0] as number) >= 900, 'the retry waited for retry-after');
    const notice = h.log.of('error')[0];
    assert.equal(notice?.retrying, true);
    assert.equal(notice?.code, 'AGENT_API');
  });

  test('529 overloaded and 500 are retried until the API answers', async (t) => {
    const h = await openSession(t);
    h.server.enqueue({ kind: 'error', status: 529 }, { kind: 'error', status: 500 }, reply([text('Back.')]));
    const end = await h.turn('hi');
    assert.equal(end.text, 'Back.');
    assert.equal(h.server.messageRequests.length, 3);
    assert.equal(h.log.of('error').filter((e) => e.retrying).length, 2);
  });

  test('when retries run out the turn ends with the error', async (t) => {
    const h = await openSession(t, { config: { maxRetries: 1 } });
    h.server.enqueue({ kind: 'error', status: 529 }, { kind: 'error', status: 529 });
    const end = await h.turn('hi');
    assert.equal(end.reason, 'error');
    assert.match(end.error ?? '', /overloaded/);
    assert.equal(h.log.of('error').at(-1)?.retrying, false);
  });

  test('a bad request or bad key is not retried and says what to do', async (t) => {
    const h = await openSession(t);
    h.server.enqueue({ kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' });
    const end = await h.turn('hi');
    assert.equal(end.reason, 'error');
    assert.match(end.error ?? '', /invalid x-api-key.*API key/);
    assert.equal(h.server.messageRequests.length, 1);
  });
});

describe('broken streams', () => {
  test('a stream cut mid-message is retried once; the half-streamed text is voided', async (t) => {
    const h = await openSession(t);
    const message = reply([text('This answer gets cut halfway through.')], { chunkChars: 4 });
    h.server.enqueue({ kind: 'cut', message, afterEvents: 6 }, reply([text('Complete answer.')]));
    const end = await h.turn('hi');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'Complete answer.');
    assert.equal(h.log.of('stream_reset').length, 1);
    const assistantSteps = h.log.steps.filter((s) => s.kind === 'assistant');
    assert.equal(assistantSteps.length, 1, 'only the complete response was committed');
    // The retry resends exactly the last committed state.
    const [a, b] = h.server.messageRequests.map((r) => JSON.stringify(r.body.messages));
    assert.equal(a, b);
  });

  test('overloaded_error and api_error events mid-stream are retried with back-off through the shared limiter', async (t) => {
    const h = await openSession(t);
    const reported: (number | undefined)[] = [];
    const report = h.limiter.report.bind(h.limiter);
    h.limiter.report = (r) => {
      reported.push(r.status);
      report(r);
    };
    const message = reply([text('Starting an answer that the API abandons.')], { chunkChars: 5 });
    h.server.enqueue(
      { kind: 'stream-error', message, afterEvents: 5, errorType: 'overloaded_error' },
      { kind: 'stream-error', message, afterEvents: 5, errorType: 'overloaded_error' },
      { kind: 'stream-error', message, afterEvents: 5, errorType: 'api_error' },
      reply([text('Complete answer.')]),
    );
    const end = await h.turn('hi');
    assert.equal(end.reason, 'end_turn');
    assert.equal(end.text, 'Complete answer.');
    assert.equal(h.server.messageRequests.length, 4);
    assert.equal(h.log.of('stream_reset').length, 3, 'each half-streamed answer is voided');
    assert.deepEqual(reported.filter((s) => s !== 200), [529, 529, 500], 'the overload paused every session, via the shared limiter');
    assert.equal(h.log.steps.filter((s) => s.kind === 'assistant').length, 1);
  });

  test('a stream cut twice is reported, not retried forever', async (t) => {
    const h = await openSession(t);
    const message = reply([text('never finishes')]);
    h.server.enqueue({ kind: 'cut', message, afterEvents: 4 }, { kind: 'cut', message, afterEvents: 4 });
    const end = await h.turn('hi');
    assert.equal(end.reason, 'error');
    assert.match(end.error ?? '', /stream broke/);
    assert.equal(h.server.messageRequests.length, 2);
  });

  test('a cut in the middle of a tool loop resumes from the last tool result, without re-running tools', async (t) => {
    const h = await openSession(t, { files: { 'n.txt': '' }, config: { permissionMode: 'bypassPermissions' } });
    h.server.enqueue(
      reply([toolUse('Bash', { command: 'echo run >> n.txt' })]),
      { kind: 'cut', message: reply([text('Appended once')]), afterEvents: 3 },
      reply([text('Appended once.')]),
    );
    const end = await h.turn('append');
    assert.equal(end.text, 'Appended once.');
    assert.equal(await readFile(`${h.root}/n.txt`, 'utf8'), 'run\n');
  });

  test('malformed SSE data counts as a broken stream and is retried', async (t) => {
    const h = await openSession(t);
    h.server.enqueue({ kind: 'malformed', message: reply([text('garbled')]), afterEvents: 3 }, reply([text('Clean.')]));
    const end = await h.turn('hi');
    assert.equal(end.text, 'Clean.');
  });

  test('a stream that ends without message_stop is retried', async (t) => {
    const h = await openSession(t);
    h.server.enqueue({ kind: 'end-early', message: reply([text('partial')]), afterEvents: 4 }, reply([text('Whole.')]));
    assert.equal((await h.turn('hi')).text, 'Whole.');
  });

  test('a silent connection (after or before headers) is given up on and retried', async (t) => {
    const h = await openSession(t, { config: { streamIdleTimeoutMs: 400 } });
    h.server.enqueue({ kind: 'hang', message: reply([text('stuck')]), afterEvents: 2 }, { kind: 'hang-before-headers' }, reply([text('Finally.')]));
    const first = await h.turn('hi');
    assert.equal(first.reason, 'error', 'two silent connections in a row are reported');
    assert.match(first.error ?? '', /no data for 0 s/);
    assert.equal((await h.turn('again')).text, 'Finally.');
  });
});

describe('stop', () => {
  test('/stop mid-stream ends the turn within a second and commits nothing partial', async (t) => {
    const h = await openSession(t);
    h.server.enqueue(reply([text(longText(400))], { chunkChars: 5, delayMs: 20 }));
    h.session.enqueueTurn('t-stop', [{ type: 'text', text: 'write a lot' }]);
    await h.log.waitFor('text_delta');
    const stoppedAt = Date.now();
    h.session.stop();
    const end = await h.log.waitFor('turn_end', (e) => e.turnId === 't-stop');
    assert.ok(Date.now() - stoppedAt < 1000, `took ${Date.now() - stoppedAt} ms`);
    assert.equal(end.reason, 'cancelled');
    assert.deepEqual(h.log.steps.map((s) => s.kind), ['user', 'turn_end']);
  });

  test('/stop mid-tool kills the command, answers the call, and the next turn works', async (t) => {
    const h = await openSession(t, { config: { permissionMode: 'bypassPermissions' } });
    h.server.enqueue(reply([toolUse('Bash', { command: 'sleep 30' }, 'tu_sleep'), toolUse('Read', { file_path: 'x' }, 'tu_never')]), reply([text('Next turn fine.')]));
    h.session.enqueueTurn('t-tool', [{ type: 'text', text: 'wait' }]);
    await h.log.waitFor('step', (e) => e.step.kind === 'tool_start');
    await new Promise((r) => setTimeout(r, 100));
    const stoppedAt = Date.now();
    h.session.stop();
    const end = await h.log.waitFor('turn_end', (e) => e.turnId === 't-tool');
    assert.ok(Date.now() - stoppedAt < 1000, `took ${Date.now() - stoppedAt} ms`);
    assert.equal(end.reason, 'cancelled');
    assert.deepEqual(h.log.of('tool_result').map((r) => [r.toolUseId, r.outcome]), [['tu_sleep', 'cancelled'], ['tu_never', 'cancelled']]);
    assert.equal((await h.turn('continue')).text, 'Next turn fine.');
    const next = h.server.messageRequests[1]?.body.messages ?? [];
    const results = next.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((b) => b.type === 'tool_result');
    assert.equal(results.length, 2, 'both calls were answered before the new turn');
  });
});
