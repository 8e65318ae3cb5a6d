// Typed errors of the Signal client, and how libsignal's own errors map onto them.
import { ErrorCode as LibErrorCode, LibSignalErrorBase } from '@signalapp/libsignal-client';
import { AppError, type ErrorCode } from '../shared/errors.js';

/** What a 428 asks for: its token and the kinds of proof Signal takes ('captcha', 'pushChallenge'). */
export interface SendChallenge {
  readonly token: string;
  readonly options: readonly string[];
}

export class SignalError extends AppError {
  /** For SIGNAL_RATE_LIMITED: how long the server asked us to wait. */
  readonly retryAfterMs: number | undefined;
  /** For a 428 that offers a captcha: the token to answer it with (PUT /v1/challenge). */
  readonly challenge: SendChallenge | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown; retryAfterMs?: number; challenge?: SendChallenge } = {}) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs;
    this.challenge = options.challenge;
  }
}

/** The libsignal error code of a thrown value, if it is one of libsignal's errors. */
export function libsignalCode(error: unknown): LibErrorCode | undefined {
  return error instanceof LibSignalErrorBase ? (error.code as LibErrorCode) : undefined;
}

export { LibErrorCode };
