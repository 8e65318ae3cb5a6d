// /captcha from the phone while Signal holds this computer's replies back for a captcha (a 428
// from Signal's mock server): the phone's own messages still arrive, so the owner can answer from
// there. A refused captcha keeps everything queued; an accepted one releases the held replies at
// once, with one notice that Signal had asked (never one per retry) and the acceptance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OffsetClock } from '../helpers/offset-clock.js';
import { startProduct } from '../helpers/product.js';

const SOLVED = 'signalcaptcha://signal-hcaptcha.5fad97ac-7d06-4e44-b18a-b950b20148ff.challenge.P1_eyJ0eXAiOiJKV1Qi';

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('/captcha from the phone answers Signal\u2019s challenge and the held replies arrive at once', { timeout: 120_000 }, async (t) => {
  const p = await startProduct(t);
  const signal = p.daemon.services.signal;
  const owner = p.mock.phone.device.aci as never;
  await p.phone.say('/captcha');
  await p.phone.waitFor((m) => m.body.startsWith('Send /captcha followed by the signalcaptcha:// link'), 'the usage line');

  p.mock.server.rateLimit({ source: owner, target: owner });
  await p.phone.say('/undelivered');
  await until(() => signal.status().challenge !== undefined, 'Signal asks for a captcha');
  assert.match(p.daemon.health().problems.find((x) => x.code === 'outbox-stuck')?.message ?? '', /Signal is holding replies back: .*Solve the captcha at https:\/\/signalcaptchas\.org/);

  // Signal refuses the first captcha: nothing is lost, the challenge still stands.
  // Each PUT /v1/challenge the mock server answers is counted.
  const server = p.mock.server;
  const answer = server.getResponseForChallenges.bind(server);
  let challengeAnswers = 0;
  server.getResponseForChallenges = () => {
    challengeAnswers += 1;
    return answer();
  };
  server.respondToChallengesWith(428);
  await p.phone.say(`/captcha ${SOLVED}`);
  await until(() => challengeAnswers === 1, 'the captcha went to Signal');
  assert.ok(signal.status().challenge, 'still asked after a refused captcha');
  // The second one is accepted (the mock then needs telling to lift the limit, as Signal does itself).
  p.mock.server.stopRespondingToChallenges();
  p.mock.server.stopRateLimiting({ source: owner, target: owner });
  await p.phone.say(`/captcha ${SOLVED}`);
  await p.phone.waitFor((m) => m.body === 'Signal accepted the captcha: held replies go out now.', 'the acceptance');
  await p.phone.waitFor((m) => m.body === 'Every reply was delivered: nothing is missing.', 'the held answer to /undelivered');
  await p.phone.waitFor((m) => m.body.startsWith('The captcha did not go through: Signal did not accept the captcha'), 'the refusal, sent once Signal let replies out');
  assert.equal(signal.status().challenge, undefined);
  const notices = new Set(p.phone.shown.filter((m) => m.body.startsWith('⚠️ Signal is holding replies back until a captcha is solved')).map((m) => m.timestamp));
  assert.ok(notices.size <= 1, 'the phone is told at most once');
  await p.phone.say(`/captcha ${SOLVED}`);
  await p.phone.waitFor((m) => m.body === 'Signal is not asking for a captcha now: nothing to do.', 'nothing to answer any more');
  assert.equal(challengeAnswers, 2, 'no challenge, nothing sent to Signal');
});

test('the phone\u2019s captcha notice is dropped, not sent stale, when Signal held it past its moment', { timeout: 120_000 }, async (t) => {
  const clock = new OffsetClock();
  const p = await startProduct(t, { clock });
  const signal = p.daemon.services.signal;
  const owner = p.mock.phone.device.aci as never;
  p.mock.server.rateLimit({ source: owner, target: owner });
  await p.phone.say('/undelivered');
  await until(() => signal.status().challenge !== undefined, 'Signal asks for a captcha');
  // The hold's minute passes: the held answer is tried again (and held again), the notice is dropped.
  clock.advance(61_000);
  p.mock.server.stopRateLimiting({ source: owner, target: owner });
  await signal.solveCaptcha(SOLVED);
  await p.phone.waitFor((m) => m.body === 'Every reply was delivered: nothing is missing.', 'the held answer');
  // A later reply comes after anything still queued before it: by then no stale notice arrived.
  await p.phone.say('/captcha');
  await p.phone.waitFor((m) => m.body.startsWith('Send /captcha followed by'), 'a later reply');
  assert.deepEqual(p.phone.shown.filter((m) => m.body.includes('until a captcha is solved')), [], 'no notice after the hold ended');
});
