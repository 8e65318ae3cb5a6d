// Checking an Anthropic API key before the app saves it (first run): one cheap request that
// needs a valid key and costs nothing, listing one model at the configured endpoint. An
// Anthropic-compatible endpoint without that route (404) is asked for one token instead. A key
// the endpoint refuses (401/403) is told apart from an endpoint that cannot be reached, so the
// owner knows whether to fix the key or the network. The key itself is never logged.
// The SDK is imported on first use: the main process needs it only here, when a key is set, and
// an idle app holding the SDK's 1.3 MB of code for that cost it several MB of memory.

export type KeyCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'rejected' | 'unreachable' | 'failed'; readonly status?: number; readonly detail: string };

export interface KeyCheckOptions {
  readonly baseUrl?: string | undefined;
  /** The model the one-token fallback asks (the app's default model). */
  readonly model: string;
  readonly timeoutMs?: number;
}

export async function checkAnthropicKey(key: string, options: KeyCheckOptions): Promise<KeyCheck> {
  const { default: Anthropic } = await import('@anthropic-ai/sdk');
  const client = new Anthropic({
    apiKey: key,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    maxRetries: 0,
    timeout: options.timeoutMs ?? 15_000,
    logLevel: 'off',
  });
  try {
    try {
      await client.models.list({ limit: 1 });
    } catch (error) {
      if (!(error instanceof Anthropic.NotFoundError)) throw error;
      await client.messages.create({ model: options.model, max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] });
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof Anthropic.AuthenticationError || error instanceof Anthropic.PermissionDeniedError) {
      return { ok: false, reason: 'rejected', status: error.status, detail: error.message };
    }
    if (error instanceof Anthropic.APIConnectionError) return { ok: false, reason: 'unreachable', detail: error.message };
    if (error instanceof Anthropic.APIError) return { ok: false, reason: 'failed', ...(error.status ? { status: error.status } : {}), detail: error.message };
    return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}
