// Typed errors of the Signal client, and how libsignal's own errors map onto them.
import { ErrorCode as LibErrorCode, LibSignalErrorBase } from '@signalapp/libsignal-client';
import { AppError, type ErrorCode } from '../shared/errors.js';

export class SignalError extends AppError {
  /** For SIGNAL_RATE_LIMITED: how long the server asked us to wait. */
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown; retryAfterMs?: number } = {}) {
    super(code, message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The libsignal error code of a thrown value, if it is one of libsignal's errors. */
export function libsignalCode(error: unknown): LibErrorCode | undefined {
  return error instanceof LibSignalErrorBase ? (error.code as LibErrorCode) : undefined;
}

export { LibErrorCode };
