// A 428 on a send asks for a captcha: the owner is told where to solve it, pastes the
// signalcaptcha:// link, the app answers PUT /v1/challenge on Signal's mock server and what was
// held goes out at once (no waiting for the Retry-After). A refused or malformed captcha loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../src-main/shared/errors.js';
import { captchaValue } from '../../../src-main/signal/send/challenge.js';
import { SIGNAL_CAPTCHA_URL } from '../../../src-main/signal/send/refusals.js';
import type { SignalService } from '../../../src-main/signal/service.js';
import { startMockSignal } from '../../helpers/mock-signal.js';
import { linkSignalService, waitForSent } from '../../helpers/signal-service.js';

const SOLVED = 'signalcaptcha://signal-hcaptcha.5fad97ac-7d06-4e44-b18a-b950b20148ff.challenge.P1_eyJ0eXAiOiJKV1Qi';

async function firstAttempt(service: SignalService, outboxId: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (service.outboxStatus(outboxId)?.attempts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

const code = (error: unknown) => (error instanceof AppError ? error.code : undefined);

test('a captcha challenge: the owner is told where to solve it, a refused captcha keeps the reply, a solved one sends it at once', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const owner = mock.phone.device.aci as never;

  await assert.rejects(service.solveCaptcha(SOLVED), (e) => code(e) === 'API_NOT_FOUND', 'no challenge yet: nothing to answer');

  mock.server.rateLimit({ source: owner, target: owner });
  const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body: 'held for a captcha' });
  await firstAttempt(service, outboxId);
  assert.equal(service.outboxStatus(outboxId)?.status, 'pending');
  // One sentence with where to solve it: in the hold (/api/health) and the status (dashboard).
  assert.match(service.sendHold()?.message ?? '', /Solve the captcha at https:\/\/signalcaptchas\.org\/challenge\/generate and paste the signalcaptcha:\/\/ link/);
  assert.equal(service.status().challenge?.captchaUrl, SIGNAL_CAPTCHA_URL);

  // Not a captcha at all: refused before anything is sent.
  await assert.rejects(service.solveCaptcha('hello there'), (e) => code(e) === 'API_BAD_REQUEST' && /not a Signal captcha/.test((e as Error).message));
  // Signal refuses the captcha (wrong or expired): a clear error, the reply still waits.
  mock.server.respondToChallengesWith(428);
  await assert.rejects(service.solveCaptcha(SOLVED), (e) => code(e) === 'API_BAD_REQUEST' && /did not accept the captcha/.test((e as Error).message));
  assert.equal(service.outboxStatus(outboxId)?.status, 'pending');
  assert.ok(service.status().challenge, 'still asking for a captcha');
  mock.server.respondToChallengesWith(429);
  await assert.rejects(service.solveCaptcha(SOLVED), /too many attempts/);
  assert.equal(mock.phone.getMessageQueueSize(), 0);

  // Accepted: Signal lifts the limit (the mock needs telling) and the reply goes out now,
  // long before the minute the 428 asked to wait.
  mock.server.stopRespondingToChallenges();
  mock.server.stopRateLimiting({ source: owner, target: owner });
  // What goes to Signal (the mock server does not look at it): Desktop's body, the 428's token,
  // the captcha without its signalcaptcha:// scheme. Observed on the real chat connection.
  const connection = service['session']!.connection;
  const sent: Array<{ path: string; json: unknown }> = [];
  const request = connection.request.bind(connection);
  connection.request = (verb, path, options) => {
    if (verb === 'PUT' && path === '/v1/challenge') sent.push({ path, json: options?.json });
    return request(verb, path, options);
  };
  await service.solveCaptcha(SOLVED);
  assert.deepEqual(sent, [{ path: '/v1/challenge', json: { type: 'captcha', token: 'token', captcha: SOLVED.slice('signalcaptcha://'.length) } }]);
  assert.equal(service.status().challenge, undefined);
  assert.equal((await mock.phone.waitForMessage()).body, 'held for a captcha');
  await waitForSent(service, outboxId);
  assert.equal(service.sendHold(), undefined);
});

test('a captcha pasted while the computer is offline: a clear answer saying what to do, the reply still held', async (t) => {
  const mock = await startMockSignal(t);
  const { service } = await linkSignalService(t, mock);
  const owner = mock.phone.device.aci as never;
  mock.server.rateLimit({ source: owner, target: owner });
  const { outboxId } = service.send({ to: { kind: 'note-to-self' }, body: 'held while offline' });
  await firstAttempt(service, outboxId);
  assert.ok(service.status().challenge, 'Signal asks for a captcha');

  await service['session']!.connection.stop();
  await assert.rejects(service.solveCaptcha(SOLVED), (e) => {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'SIGNAL_NETWORK');
    assert.match(e.toUserLine(), /could not reach Signal.*Paste the same link again once the computer is back online/);
    return true;
  });
  assert.ok(service.status().challenge, 'still asking for the captcha');
  assert.equal(service.outboxStatus(outboxId)?.status, 'pending');
});

test('the pasted link or the bare value both give the captcha value Signal wants', () => {
  assert.equal(captchaValue(`  ${SOLVED}\n`), SOLVED.slice('signalcaptcha://'.length));
  assert.equal(captchaValue('signal-recaptcha-v2.03.AHdjaX9234'), 'signal-recaptcha-v2.03.AHdjaX9234');
  assert.throws(() => captchaValue('signalcaptcha://'), /not a Signal captcha/);
  assert.throws(() => captchaValue('two words'), /not a Signal captcha/);
});
