// The agent's typed errors. Retry decisions hang on these classes, not on message text.
import { AppError } from '../../shared/errors.js';

export class AgentError extends AppError {}

export class CancelledError extends AgentError {
  constructor() {
    super('AGENT_CANCELLED', 'Stopped by the owner.');
  }
}

/** The stream broke after the response started (connection lost, silence, malformed data). */
export class StreamCutError extends AgentError {
  constructor(readonly reason: string) {
    super('AGENT_STREAM', `The response stream broke: ${reason}.`);
  }
}

/** The API answered with an error status before streaming. */
export class ApiStatusError extends AgentError {
  constructor(
    readonly status: number,
    readonly apiType: string | null,
    message: string,
  ) {
    super('AGENT_API', message, { hint: hintFor(status) });
  }

  /** Worth trying again: timeouts, conflicts, rate limits, server errors and overload. */
  get retryable(): boolean {
    return this.status === 408 || this.status === 409 || this.status === 429 || this.status >= 500;
  }

  /** The request's input is larger than the model's context window. */
  get promptTooLong(): boolean {
    return this.status === 400 && /prompt is too long|context window|too many (input )?tokens/i.test(this.message);
  }
}

/** No response at all (refused, reset, DNS) — the request may be retried. */
export class ConnectionError extends AgentError {
  constructor(reason: string) {
    super('AGENT_API', `Could not reach the Anthropic API: ${reason}.`, { hint: 'Check the network and ANTHROPIC_BASE_URL.' });
  }
}

function hintFor(status: number): string | undefined {
  if (status === 400) return 'The API refused the request; if this happens again, /new starts a fresh session.';
  if (status === 401) return 'Check the Anthropic API key in the preferences.';
  if (status === 403) return 'The API key may not have access to this model.';
  if (status === 404) return 'Check the model name and ANTHROPIC_BASE_URL.';
  if (status === 429) return 'The API rate limit was hit; try again in a minute.';
  if (status === 529) return 'The API is overloaded; try again shortly.';
  return undefined;
}
