// Patterns for things that must never leave the computer or reach a log file: API keys, bearer
// tokens, private keys, passwords in URLs or assignments, phone numbers. One list, used by the
// logger (always) and by the phone renderer (before anything is sent).

export interface SecretPattern {
  readonly name: string;
  readonly pattern: RegExp;
  /** Replacement; `$1` etc. keep non-secret prefixes such as `password=`. */
  readonly replace: string;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: 'private-key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    replace: '[redacted private key]',
  },
  { name: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{8,}/g, replace: '[redacted key]' },
  { name: 'openai-key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/g, replace: '[redacted key]' },
  { name: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g, replace: '[redacted token]' },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replace: '[redacted key]' },
  { name: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: '[redacted token]' },
  { name: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, replace: '[redacted key]' },
  { name: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: '[redacted key]' },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: '[redacted token]' },
  { name: 'bearer', pattern: /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, replace: '$1[redacted]' },
  { name: 'url-token', pattern: /([?&](?:token|key|api_key|apikey|access_token|password|secret)=)[^&\s#]+/gi, replace: '$1[redacted]' },
  { name: 'url-credentials', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi, replace: '$1[redacted]$2' },
  {
    name: 'assignment',
    pattern: /\b((?:[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|PRIVATE_KEY)[A-Z0-9_]*|password|passwd|secret|api_key|apikey|token)\s*[=:]\s*["']?)(?!\[redacted)[^\s"',;]{4,}/g,
    replace: '$1[redacted]',
  },
];

/** E.164 phone numbers; a log never needs the number itself. */
const PHONE_NUMBER = /\+[1-9]\d{6,14}\b/g;

export function redactSecrets(text: string): string {
  let out = text;
  for (const { pattern, replace } of SECRET_PATTERNS) out = out.replace(pattern, replace);
  return out;
}

export function redactPhoneNumbers(text: string): string {
  return text.replace(PHONE_NUMBER, (n) => `+…${n.slice(-2)}`);
}
