// Answers Signal's send challenge (a 428 on a send, see refusals.ts) with a captcha the owner
// solved, as Signal-Desktop does: `PUT /v1/challenge {type:'captcha', token, captcha}` on the
// chat connection. The owner pastes what Signal's captcha page gives: a `signalcaptcha://` link
// whose rest is the captcha value the server wants (Desktop strips the scheme the same way).
// A value that cannot be a captcha is refused before anything is sent; Signal's refusal (wrong
// or expired captcha, too many attempts) becomes an error that says what to do. Nothing held in
// the outbox is touched here: the caller releases it only when the answer was accepted.
import { AppError } from '../../shared/errors.js';
import { header, type ChatApi } from '../connection/chat-api.js';
import { SignalError } from '../errors.js';
import { SIGNAL_CAPTCHA_URL } from './refusals.js';

/** Captcha values are tokens like `signal-hcaptcha.<uuid>.challenge.<base64url>`: no spaces, printable. */
const CAPTCHA_VALUE = /^[A-Za-z0-9._\-:~+/=]{8,8000}$/;

/** The captcha value in what the owner pasted (the link, or the value alone); throws API_BAD_REQUEST for anything else. */
export function captchaValue(pasted: string): string {
  const value = pasted.trim().replace(/^signalcaptcha:\/\//i, '');
  if (!CAPTCHA_VALUE.test(value)) {
    throw new AppError('API_BAD_REQUEST', 'That is not a Signal captcha.', {
      hint: `Solve the captcha at ${SIGNAL_CAPTCHA_URL} and paste the whole signalcaptcha:// link it gives.`,
    });
  }
  return value;
}

/** Sends the solved captcha for the challenge `token`; resolves when Signal accepted it. */
export async function answerCaptchaChallenge(api: ChatApi, token: string, pasted: string): Promise<void> {
  const captcha = captchaValue(pasted);
  let response;
  try {
    response = await api.request('PUT', '/v1/challenge', { json: { type: 'captcha', token, captcha } });
  } catch (error) {
    // No connection to Signal (offline, reconnecting): nothing was sent, the same link may still pass.
    throw new SignalError('SIGNAL_NETWORK', 'The captcha could not reach Signal: not connected to the Signal server.', {
      hint: 'Paste the same link again once the computer is back online (solve a new one if it has expired); held replies stay queued.',
      cause: error,
    });
  }
  if (response.status >= 200 && response.status < 300) return;
  if (response.status === 413 || response.status === 429) {
    const seconds = Number(header(response, 'retry-after'));
    const wait = Number.isFinite(seconds) && seconds > 0 ? ` in about ${Math.max(1, Math.round(seconds / 60))} minutes` : ' later';
    throw new SignalError('SIGNAL_RATE_LIMITED', 'Signal refused the captcha: too many attempts.', { hint: `Try again${wait}; held replies stay queued.` });
  }
  // 428 (the proof was not accepted), 400/422 (malformed or an unknown token): a new captcha may pass.
  throw new AppError('API_BAD_REQUEST', `Signal did not accept the captcha (answer ${response.status}): it may be wrong or expired.`, {
    hint: `Solve a new one at ${SIGNAL_CAPTCHA_URL} and paste it right away; held replies stay queued.`,
  });
}
