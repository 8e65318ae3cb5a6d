// What the phone reads when Anthropic refuses the API key: one notice per rejected key (the
// failed turns say it briefly each time; this says what to do and that it will not repeat).

export const anthropicKeyRejectedNotice = (status: number): string =>
  `🔑 Anthropic rejected the API key (HTTP ${status}): no instruction can run until a working key is set in the app's preferences (or ANTHROPIC_API_KEY). This notice comes once; the app shows the problem until a call works again.`;
