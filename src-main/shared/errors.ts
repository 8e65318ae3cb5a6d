// Typed errors with a stable `code`. The message is written for the person reading it (one
// line, says what happened); `hint` says what to do. User-facing wording lives here and in the
// modules that throw, never in stack traces printed to a terminal.

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'CLI_USAGE'
  | 'DATA_DIR_UNWRITABLE'
  | 'INSTANCE_RUNNING'
  | 'PORT_IN_USE'
  | 'STORE_WRONG_KEY'
  | 'STORE_CORRUPT'
  | 'STORE_READ_ONLY'
  | 'STORE_NEWER_SCHEMA'
  | 'STORE_OPEN_FAILED'
  | 'KEY_UNAVAILABLE'
  | 'SIGNAL_PROTOCOL'
  | 'SIGNAL_NETWORK'
  | 'SIGNAL_UNLINKED'
  | 'SIGNAL_MALFORMED'
  | 'SIGNAL_NOT_LINKED'
  | 'SIGNAL_LINK_FAILED'
  | 'SIGNAL_RATE_LIMITED'
  | 'SIGNAL_TOO_LARGE'
  | 'SIGNAL_RECIPIENT_UNKNOWN'
  | 'SIGNAL_UNTRUSTED_IDENTITY'
  | 'SIGNAL_ATTACHMENT'
  | 'AGENT_TOOL'
  | 'AGENT_CONFINEMENT'
  | 'AGENT_API'
  | 'AGENT_CANCELLED'
  | 'AGENT_STREAM'
  | 'AGENT_CONTEXT'
  | 'AGENT_WORKER'
  | 'AGENT_PROTOCOL'
  | 'CHAT_UNKNOWN_COMMAND'
  | 'CHAT_UNAUTHORIZED'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_STATE'
  | 'PROJECT_INVALID'
  | 'PROJECT_NOT_FOUND'
  | 'API_BAD_REQUEST'
  | 'API_UNAUTHORIZED'
  | 'API_FORBIDDEN'
  | 'API_NOT_FOUND'
  | 'NOT_AVAILABLE'
  | 'ANTHROPIC_KEY_REJECTED'
  | 'ANTHROPIC_UNAVAILABLE'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }

  /** One line for a terminal or a log: message, then what to do. */
  toUserLine(): string {
    if (!this.hint) return this.message;
    // Messages from outside (an API's "Overloaded") may lack the full stop before the hint.
    // \u2026 is the ellipsis, escaped so the bundles stay ASCII (scripts/ascii-bundle.mjs).
    return `${this.message}${/[.!?:\u2026)]$/.test(this.message) ? '' : '.'} ${this.hint}`;
  }
}

export class ConfigError extends AppError {}
export class StoreError extends AppError {}
export class DaemonError extends AppError {}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** A short description of any thrown value, for logs and last-resort messages. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return error.toUserLine();
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The errno-style code of a Node system error, if it has one. */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
