// Patterns for things that must never leave the computer or reach a log file: API keys, bearer
// tokens, private keys, passwords in URLs or assignments, phone numbers. One list, used by the
// logger (always) and by the phone renderer (before anything is sent).
//
// Aimed at known formats and at values assigned to names that say "secret"; ordinary code
// stays readable: commit hashes, UUIDs, `max_tokens: 4096` and `password: string` are kept.

export interface SecretPattern {
  readonly name: string;
  /** Must have the `g` flag. */
  readonly pattern: RegExp;
  /** Replacement; `$1` etc. keep non-secret prefixes such as `password=`. */
  readonly replace: string;
  /** Second look at a match, for what a regular expression cannot say (entropy, placeholders). */
  readonly accept?: (match: RegExpExecArray) => boolean;
}

/** One place in a text to redact: `[start, end)` becomes `replacement`. */
export interface SecretMatch {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

// Names that say the value is secret: *_PASSWORD, API_KEY, apiKey, client_secret, authToken...
const SECRET_WORD = String.raw`(?:passw(?:or)?d|secret|token|api_?key|apikey|private_?key|access_?key|auth_?key|signing_?key|encryption_?key|master_?key|secret_?key|credentials?)`;
// A name ending in one of the words, so `tokenizer`, `secretName` and `MAX_TOKENS` are not.
const SECRET_NAME_UPPER = new RegExp(String.raw`\b((?:[A-Z][A-Z0-9_]*_)?(?:${SECRET_WORD.toUpperCase()}|[A-Z0-9]+_PASS)(?:_[0-9]+)?\s*[=:]\s*["']?)([^\s"',;]{3,})`, 'g');
const SECRET_NAME_QUOTED = new RegExp(String.raw`((?:\b|["'])(?:[A-Za-z_$][\w$-]*?)?${SECRET_WORD}\d*["']?\s*(?::=|=>|[=:])\s*)(["'\`])([^"'\`\s]{3,}[^"'\`]*?)\2`, 'gi');
const SECRET_NAME_BARE = new RegExp(String.raw`((?:\b|["'])(?:[a-z_$][\w$-]*?)?${SECRET_WORD}\d*["']?\s*[=:]\s*)([^\s"'\`,;(){}\[\]]{4,})`, 'gi');
const SECRET_FLAG = /(\s--?(?:password|passwd|token|api-?key|secret|client-secret|access-token|auth-token)(?:=|\s+))([^\s"'-][^\s"']{3,})/gi;

const NOT_A_VALUE = /^(?:\d{1,9}|true|false|null|nil|none|undefined|yes|no|on|off|string|number|boolean|str|int|bytes|any|unknown|required|optional)$/i;
const REFERENCE = /^(?:\$|\{\{|<|%\(|\[redacted|process\.env|os\.environ|env\.|https?:\/\/|\/|\.\/|~\/|[A-Za-z_$][\w$]*(?:\.[\w$]+)+$)/;
// Names that hold a secret's location or its size rather than the secret.
const NOT_A_SECRET_NAME = /(?:_FILE|_PATH|_DIR|_URL|_URI|_ENDPOINT|_TYPE|_COUNT|_LIMIT|_LENGTH|_SIZE|_TTL|_EXPIRY|_EXPIRES|_HEADER|_NAME|_ID|_REGION)\s*[=:]/i;

function plausibleValue(value: string): boolean {
  return !NOT_A_VALUE.test(value) && !REFERENCE.test(value);
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function highEntropyBlob(blob: string): boolean {
  if (/^[A-Fa-f0-9]+$/.test(blob)) return blob.length >= 32 && entropy(blob) >= 3;
  // base64/base64url: needs the mix of cases and digits that random bytes give.
  return blob.length >= 24 && /[A-Z]/.test(blob) && /[a-z]/.test(blob) && /\d/.test(blob) && entropy(blob) >= 4;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: 'private-key',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: '[redacted private key]',
  },
  // No word boundary: a key glued to text ("KEY:sk-ant-…", or after rendering drops markup) still counts.
  { name: 'anthropic-key', pattern: /sk-ant-[A-Za-z0-9_-]{8,}/g, replace: '[redacted key]' },
  { name: 'openai-key', pattern: /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,}(?![\w-]))/g, replace: '[redacted key]' },
  { name: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g, replace: '[redacted token]' },
  { name: 'gitlab-token', pattern: /\b(?:gl(?:pat|ptt|dt|rt|soat|cbt|imt|agent|ffct|oas|ft|wt)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,})/g, replace: '[redacted token]' },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}\b/g, replace: '[redacted key]' },
  {
    name: 'aws-secret-key',
    pattern: /(\b(?:aws_?)?secret_?access_?key["']?\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
    replace: '$1[redacted]',
  },
  { name: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, replace: '[redacted key]' },
  { name: 'google-oauth', pattern: /\b(?:ya29\.[0-9A-Za-z_-]{20,}|GOCSPX-[A-Za-z0-9_-]{20,})/g, replace: '[redacted token]' },
  { name: 'slack-token', pattern: /\b(?:xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{20,})/g, replace: '[redacted token]' },
  { name: 'slack-webhook', pattern: /(https:\/\/hooks\.slack\.com\/)(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g, replace: '$1[redacted]' },
  { name: 'stripe-key', pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{20,})/g, replace: '[redacted key]' },
  { name: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, replace: '[redacted token]' },
  { name: 'pypi-token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, replace: '[redacted token]' },
  { name: 'huggingface-token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g, replace: '[redacted token]' },
  { name: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g, replace: '[redacted key]' },
  { name: 'digitalocean-token', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/g, replace: '[redacted token]' },
  { name: 'telegram-bot-token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g, replace: '[redacted token]' },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replace: '[redacted token]' },
  // A token, not a word: "Bearer authentication" stays.
  {
    name: 'bearer',
    pattern: /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi,
    replace: '$1[redacted]',
    // Prose about the scheme ("Bearer authentication") is not a token; anything else is.
    accept: (m) => !/^(?:auth\w*|tokens?|scheme|header|prefix|format|string|value|credentials?)\.?$/i.test(m[2] ?? ''),
  },
  { name: 'basic-auth', pattern: /(\bAuthorization["']?\s*[:=]\s*["']?(?:Basic|Token|Digest)\s+)[A-Za-z0-9._~+/=-]{6,}/gi, replace: '$1[redacted]' },
  {
    name: 'url-token',
    pattern: /([?&](?:token|key|api_key|apikey|access_token|refresh_token|id_token|password|passwd|secret|client_secret|sig|signature|auth)=)[^&\s#"'<>]+/gi,
    replace: '$1[redacted]',
  },
  { name: 'url-credentials', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(@)/gi, replace: '$1[redacted]$2' },
  {
    // .env and shell: DB_PASSWORD=..., export GITHUB_TOKEN=..., STRIPE_API_KEY: ...
    name: 'assignment',
    pattern: SECRET_NAME_UPPER,
    replace: '$1[redacted]',
    accept: (m) => !NOT_A_SECRET_NAME.test(m[1] ?? '') && plausibleValue(m[2] ?? ''),
  },
  {
    // Code and JSON: password: "s3cret", "apiKey": "…", client_secret = '…'
    name: 'quoted-assignment',
    pattern: SECRET_NAME_QUOTED,
    replace: '$1$2[redacted]$2',
    accept: (m) => !NOT_A_SECRET_NAME.test(m[1] ?? '') && plausibleValue(m[3] ?? ''),
  },
  {
    // YAML and config: password: hunter2 — only values that cannot be code (a digit or a symbol).
    name: 'bare-assignment',
    pattern: SECRET_NAME_BARE,
    replace: '$1[redacted]',
    accept: (m) => {
      const v = m[2] ?? '';
      return !NOT_A_SECRET_NAME.test(m[1] ?? '') && plausibleValue(v) && /[\d!#%&*+/=?@^|~-]/.test(v);
    },
  },
  { name: 'cli-flag', pattern: SECRET_FLAG, replace: '$1[redacted]', accept: (m) => plausibleValue(m[2] ?? '') },
  {
    // Random-looking hex/base64 a few characters after a word like key/secret/token.
    name: 'keyword-entropy',
    pattern: /(\b[\w-]*(?:key|secret|token|passw(?:or)?d|credential|auth|signature|salt)[\w-]*[^\n]{0,20}?)(?<![A-Za-z0-9+/=_-])([A-Za-z0-9+/_-]{24,}={0,2})(?![A-Za-z0-9+/=_-])/gi,
    replace: '$1[redacted]',
    accept: (m) => highEntropyBlob(m[2] ?? ''),
  },
];

/** Expands `$1`…`$9` in a replacement with the match's groups. */
function expand(replace: string, m: RegExpExecArray): string {
  return replace.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
}

/**
 * Every place in `text` to redact, in order and never overlapping (an earlier pattern in the
 * list wins). Each match is narrowed to the part that changes, so a renderer can move style
 * ranges exactly.
 */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  const overlaps = (s: number, e: number): boolean => found.some((f) => s < f.end && e > f.start);
  for (const p of SECRET_PATTERNS) {
    p.pattern.lastIndex = 0;
    for (let m = p.pattern.exec(text); m !== null; m = p.pattern.exec(text)) {
      if (m[0].length === 0) {
        p.pattern.lastIndex++;
        continue;
      }
      if (p.accept && !p.accept(m)) continue;
      const whole = m[0];
      const replacement = expand(p.replace, m);
      let pre = 0;
      while (pre < whole.length && pre < replacement.length && whole[pre] === replacement[pre]) pre++;
      let post = 0;
      while (
        post < whole.length - pre &&
        post < replacement.length - pre &&
        whole[whole.length - 1 - post] === replacement[replacement.length - 1 - post]
      ) {
        post++;
      }
      const start = m.index + pre;
      const end = m.index + whole.length - post;
      if (end <= start || overlaps(start, end)) continue;
      found.push({ name: p.name, start, end, replacement: replacement.slice(pre, replacement.length - post) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Applies matches from {@link findSecrets} (sorted, non-overlapping). */
export function applySecretMatches(text: string, matches: readonly SecretMatch[]): string {
  if (matches.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const m of matches) {
    out += text.slice(pos, m.start) + m.replacement;
    pos = m.end;
  }
  return out + text.slice(pos);
}

export function redactSecrets(text: string): string {
  return applySecretMatches(text, findSecrets(text));
}

/** E.164 phone numbers; a log never needs the number itself. */
const PHONE_NUMBER = /\+[1-9]\d{6,14}\b/g;

export function redactPhoneNumbers(text: string): string {
  return text.replace(PHONE_NUMBER, (n) => `+…${n.slice(-2)}`);
}
