// Signal's answers to a send that the mock server never gives (it answers every size, and only
// 428 for a limit): each becomes the outbox's decision, wait or give up, with words for the owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sendLimitError } from '../../../src-main/signal/send/refusals.js';

const answer = (status: number, headers: Array<[string, string]> = [], body?: unknown) => ({
  status,
  headers,
  body: body === undefined ? undefined : new Uint8Array(Buffer.from(JSON.stringify(body))),
});

test('413 without a wait is "too large" (given up on); with a Retry-After it is a rate limit', () => {
  const tooLarge = sendLimitError(answer(413));
  assert.equal(tooLarge?.code, 'SIGNAL_TOO_LARGE');
  assert.equal(tooLarge?.retryAfterMs, undefined);
  const limited = sendLimitError(answer(413, [['Retry-After', '120']]));
  assert.equal(limited?.code, 'SIGNAL_RATE_LIMITED');
  assert.equal(limited?.retryAfterMs, 120_000);
  assert.match(limited?.toUserLine() ?? '', /in about 2 minutes/);
});

test('429 waits as long as the server says, or a minute', () => {
  assert.equal(sendLimitError(answer(429, [['retry-after', '30']]))?.retryAfterMs, 30_000);
  assert.equal(sendLimitError(answer(429))?.retryAfterMs, 60_000);
});

test('428 says which challenge Signal wants, where to solve a captcha, and that replies go out by themselves after the wait', () => {
  const captcha = sendLimitError(answer(428, [['Retry-After', '600']], { token: 't', options: ['captcha'] }));
  assert.equal(captcha?.code, 'SIGNAL_RATE_LIMITED');
  assert.equal(captcha?.retryAfterMs, 600_000);
  assert.deepEqual(captcha?.challenge, { token: 't', options: ['captcha'] });
  assert.match(captcha?.toUserLine() ?? '', /captcha solved before more messages go out\. Solve the captcha at https:\/\/signalcaptchas\.org\S+ and paste .* into the app's dashboard \(or send \/captcha <link> from the phone\); .* by themselves in about 10 minutes/);
  // Without a token there is nothing to answer: only the wait.
  const tokenless = sendLimitError(answer(428, [], { options: ['captcha'] }));
  assert.equal(tokenless?.challenge, undefined);
  assert.match(tokenless?.toUserLine() ?? '', /captcha solved .* go out by themselves in about a minute/);
  assert.match(sendLimitError(answer(428, [], { options: ['pushChallenge'] }))?.message ?? '', /a challenge solved/);
  assert.equal(sendLimitError(answer(500)), undefined);
});
