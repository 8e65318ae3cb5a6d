import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactPhoneNumbers, redactSecrets } from '../../src-main/shared/secrets.js';

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
});

test('assignments keep the name and drop the value', () => {
  assert.equal(redactSecrets('DB_PASSWORD=hunter2hunter'), 'DB_PASSWORD=[redacted]');
  assert.equal(redactSecrets('password: "s3cretvalue"'), 'password: "[redacted]"');
});

test('phone numbers keep only their last two digits', () => {
  assert.equal(redactPhoneNumbers('from +14155550123 now'), 'from +…23 now');
});
