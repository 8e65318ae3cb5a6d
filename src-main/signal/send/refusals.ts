// What a refused send means, from the server's status, headers and body, as the outbox needs
// it: wait and try again (rate limits, a challenge), or give up on this message (too large).
// - 429, and 413 with a Retry-After: a rate limit; wait as long as the server says.
// - 413 without a Retry-After: the message itself is too large; sending it again cannot help.
// - 428: Signal wants a challenge solved (a captcha, `options`) before more messages go out.
//   The answer carries a token; with 'captcha' among the options the owner can solve Signal's
//   captcha page in a browser and hand the app the `signalcaptcha://` value it yields (dashboard
//   or /captcha from the phone), which challenge.ts answers with the token, as Desktop does.
//   Otherwise Signal lifts the hold by itself after the wait and the message goes out then.
import { z } from 'zod';
import { header, type ChatResponse } from '../connection/chat-api.js';
import { SignalError } from '../errors.js';
import { parseJsonBody } from '../protocol/wire-schemas.js';

export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Signal's captcha page for a send challenge (Signal's clients open the same page). */
export const SIGNAL_CAPTCHA_URL = 'https://signalcaptchas.org/challenge/generate';

const ChallengeSchema = z.object({ token: z.string().optional(), options: z.array(z.string()).default([]) });

function retryAfterMs(response: ChatResponse): number | undefined {
  const seconds = Number(header(response, 'retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? 'a minute' : `${m} minutes`;
}

/** The error for a 413, 428 or 429 answer to a send; undefined for any other status. */
export function sendLimitError(response: ChatResponse): SignalError | undefined {
  const wait = retryAfterMs(response);
  if (response.status === 413 && wait === undefined) {
    return new SignalError('SIGNAL_TOO_LARGE', 'Signal refused the message as too large.', { hint: 'Send it in smaller parts.' });
  }
  if (response.status === 413 || response.status === 429) {
    const retry = wait ?? DEFAULT_RETRY_AFTER_MS;
    return new SignalError('SIGNAL_RATE_LIMITED', 'Signal is limiting how fast messages go out.', { retryAfterMs: retry, hint: `Replies wait and go out by themselves in about ${minutes(retry)}.` });
  }
  if (response.status === 428) {
    const retry = wait ?? DEFAULT_RETRY_AFTER_MS;
    const challenge = parseJsonBody(ChallengeSchema, response.body);
    const captcha = challenge?.options.includes('captcha') ?? false;
    const token = challenge?.token;
    if (captcha && token) {
      return new SignalError('SIGNAL_RATE_LIMITED', 'Signal wants a captcha solved before more messages go out.', {
        retryAfterMs: retry,
        challenge: { token, options: challenge.options },
        hint: `Solve the captcha at ${SIGNAL_CAPTCHA_URL} and paste the signalcaptcha:// link it gives into the app's dashboard (or send /captcha <link> from the phone); replies then go out at once, otherwise by themselves in about ${minutes(retry)}.`,
      });
    }
    return new SignalError('SIGNAL_RATE_LIMITED', captcha ? 'Signal wants a captcha solved before more messages go out.' : 'Signal wants a challenge solved before more messages go out.', {
      retryAfterMs: retry,
      hint: `Replies wait and go out by themselves in about ${minutes(retry)}; using Signal on your phone meanwhile helps Signal lift the hold.`,
    });
  }
  return undefined;
}
