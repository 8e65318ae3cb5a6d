import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSecrets, redactPhoneNumbers, redactSecrets } from '../../src-main/shared/secrets.js';

// Fake credentials in each real format, built from pieces so no scanner mistakes this file for
// a leak. `r(n)` is a fixed pseudo-random alphanumeric string of length n.
function r(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  let x = 7;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
const HEX = '0123456789abcdef';

test('API keys, bearer tokens and URL tokens are redacted', () => {
  const text = 'key sk-ant-api03-abcdefghijklmnop and Bearer abcdefgh12345678 at http://127.0.0.1:3/?token=deadbeefcafe&x=1';
  const out = redactSecrets(text);
  assert.ok(!out.includes('sk-ant-api03'), out);
  assert.ok(!out.includes('abcdefgh12345678'), out);
  assert.ok(!out.includes('deadbeefcafe'), out);
  assert.ok(out.includes('Bearer [redacted]'));
  assert.ok(out.includes('?token=[redacted]&x=1'));
});

test('private keys are redacted whole', () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----';
  assert.equal(redactSecrets(`x ${pem} y`), 'x [redacted private key] y');
  const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${r(70)}\n-----END OPENSSH PRIVATE KEY-----`;
  assert.equal(redactSecrets(openssh), '[redacted private key]');
  const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${r(64)}\n-----END PGP PRIVATE KEY BLOCK-----`;
  assert.equal(redactSecrets(pgp), '[redacted private key]');
  // A GCP service-account file keeps the key inside a JSON string with escaped newlines.
  const json = `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${r(64)}\\n-----END PRIVATE KEY-----\\n"}`;
  assert.ok(!redactSecrets(json).includes(r(64)), redactSecrets(json));
  // A key cut off mid-way (e.g. the tail of a log) is still hidden to the end.
  assert.equal(redactSecrets(`cat key.pem\n-----BEGIN EC PRIVATE KEY-----\n${r(40)}`), 'cat key.pem\n[redacted private key]');
});

test('assignments keep the name and drop the value', () => {
  assert.equal(redactSecrets('DB_PASSWORD=hunter2hunter'), 'DB_PASSWORD=[redacted]');
  assert.equal(redactSecrets('password: "s3cretvalue"'), 'password: "[redacted]"');
  assert.equal(redactSecrets('export GITHUB_TOKEN=abc123def456'), 'export GITHUB_TOKEN=[redacted]');
  assert.equal(redactSecrets('STRIPE_API_KEY: "whatever-it-is"'), 'STRIPE_API_KEY: "[redacted]"');
  assert.equal(redactSecrets('REDIS_PASS=opensesame'), 'REDIS_PASS=[redacted]');
  assert.equal(redactSecrets('const apiKey = "abcd-1234-efgh";'), 'const apiKey = "[redacted]";');
  assert.equal(redactSecrets(`{"client_secret": "x9y8z7w6"}`), `{"client_secret": "[redacted]"}`);
  assert.equal(redactSecrets("self.auth_token = 'q1w2e3r4t5'"), "self.auth_token = '[redacted]'");
  assert.equal(redactSecrets('  password: hunter2'), '  password: [redacted]');
  assert.equal(redactSecrets('mysql --password=Tr0ub4dor&3 -h db'), 'mysql --password=[redacted] -h db');
  assert.equal(redactSecrets('curl --token abc123xyz https://x'), 'curl --token [redacted] https://x');
});

test('every common key format is recognised', () => {
  const samples: [string, string][] = [
    ['anthropic', `sk-ant-api03-${r(93)}AA`],
    ['anthropic admin', `sk-ant-admin01-${r(80)}`],
    ['openai project', `sk-proj-${r(40)}_${r(40)}`],
    ['openai legacy', `sk-${r(20)}T3BlbkFJ${r(20)}`],
    ['github classic', `ghp_${r(36)}`],
    ['github oauth', `gho_${r(36)}`],
    ['github fine-grained', `github_pat_${r(22)}_${r(59)}`],
    ['gitlab', `glpat-${r(20)}`],
    ['gitlab runner', `glrt-${r(24)}`],
    ['aws access key', `AKIA${r(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`],
    ['aws secret', `aws_secret_access_key = ${r(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+')}`],
    ['gcp api key', `AIza${r(35)}`],
    ['gcp oauth', `ya29.${r(60)}`],
    ['gcp client secret', `GOCSPX-${r(28)}`],
    ['slack bot', `xoxb-${r(11, '0123456789')}-${r(12, '0123456789')}-${r(24)}`],
    ['slack webhook', `https://hooks.slack.com/services/T${r(8)}/B${r(8)}/${r(24)}`],
    ['stripe secret', `sk_live_${r(24)}`],
    ['stripe restricted', `rk_test_${r(24)}`],
    ['stripe webhook', `whsec_${r(32)}`],
    ['npm', `npm_${r(36)}`],
    ['hugging face', `hf_${r(34)}`],
    ['sendgrid', `SG.${r(22)}.${r(43)}`],
    ['jwt', `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${r(43)}`],
    ['telegram', `123456789:AA${r(33)}`],
    ['password in url', 'postgres://app:pa55w0rd@db.internal:5432/app'],
    ['keyword + hex', `secret_key_base ${r(64, HEX)}`],
    ['keyword + base64', `signing key is ${r(44)}=`],
  ];
  for (const [what, sample] of samples) {
    const out = redactSecrets(`before ${sample} after`);
    assert.ok(out.includes('redacted'), `${what}: ${out}`);
    assert.ok(out.startsWith('before ') && out.endsWith(' after'), `${what} keeps its surroundings: ${out}`);
    const secretPart = what === 'password in url' ? 'pa55w0rd' : sample.slice(-12);
    assert.ok(!out.includes(secretPart), `${what} leaks ${secretPart}: ${out}`);
  }
});

test('ordinary code and tool output are left alone', () => {
  const keep = [
    'commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
    'index 3f2a9c1..9c8d7e6 100644',
    'HEAD is now at 9fceb02 Fix tests',
    'request id 123e4567-e89b-12d3-a456-426614174000',
    '"id": "123e4567-e89b-12d3-a456-426614174000", "key": "user-42"',
    `"integrity": "sha512-${r(86)}=="`,
    'const MAX_TOKENS = 4096;',
    'max_tokens: 1024',
    'interface Login { password: string; token?: string }',
    'const token = await getToken(req);',
    'token = req.headers.authorization',
    'const secret = crypto.randomBytes(32);',
    'password = input("Password: ")',
    'api_key = os.environ["API_KEY"]',
    'GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    'export API_KEY="$ANTHROPIC_API_KEY"',
    'GOOGLE_APPLICATION_CREDENTIALS=/home/me/creds.json',
    'TOKEN_URL=https://auth.example.com/token',
    'Use Bearer authentication for the API.',
    'the tokenizer splits text; secretName: "db-creds"',
    'PWD=/home/me/project',
    'sk-learn-style-kebab-case-identifier-name',
    'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'git checkout -b feature/password-reset',
    'type="password" name="password"',
  ];
  for (const line of keep) assert.equal(redactSecrets(line), line, line);
});

test('matches are narrowed to the changed part, in order, without overlaps', () => {
  const text = `API_KEY=sk-ant-api03-${r(30)} and DB_PASSWORD=hunter2hunter`;
  const matches = findSecrets(text);
  assert.equal(matches.length, 2);
  const [a, b] = matches;
  assert.equal(text.slice(a?.start, a?.end), `sk-ant-api03-${r(30)}`);
  assert.equal(a?.replacement, '[redacted key]');
  assert.equal(text.slice(b?.start, b?.end), 'hunter2hunter');
  assert.equal(b?.replacement, '[redacted]');
});

test('phone numbers keep only their last two digits', () => {
  assert.equal(redactPhoneNumbers('from +14155550123 now'), 'from +…23 now');
});
