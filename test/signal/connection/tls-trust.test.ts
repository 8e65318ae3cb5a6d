// Every HTTPS request outside libsignal trusts exactly the server config's CA. Against the mock
// server (a certificate from a test CA): each call site succeeds with the test config and fails
// the TLS handshake with the production CA (Signal's root) — so each one passes the config's CA
// through, and production ones trust Signal's root, not the system store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { encryptAttachment } from '../../../src-main/signal/attachments/attachment-crypto.js';
import { downloadAttachment, uploadToCdn } from '../../../src-main/signal/attachments/attachments.js';
import { checkCredentials } from '../../../src-main/signal/connection/credential-check.js';
import { grpcUnary } from '../../../src-main/signal/connection/https-client.js';
import { checkTls } from '../../../src-main/signal/connection/tls-check.js';
import { SignalError } from '../../../src-main/signal/errors.js';
import { loadServerConfig, PRODUCTION_SERVER_CONFIG, type SignalServerConfig } from '../../../src-main/signal/server-config.js';
import { startMockSignal } from '../../helpers/mock-signal.js';

async function configs(t: Parameters<typeof startMockSignal>[0]) {
  const mock = await startMockSignal(t);
  const test = loadServerConfig(mock.configPath);
  // The same hosts, but trusting what production trusts.
  const production: SignalServerConfig = { ...test, certificateAuthority: PRODUCTION_SERVER_CONFIG.certificateAuthority };
  return { mock, test, production };
}

const tlsRefusal = (error: unknown) => error instanceof SignalError && error.code === 'SIGNAL_NETWORK' && /certificate/i.test(error.message);

test('CDN upload and download trust the config CA, and only it', async (t) => {
  const { mock, test: config, production } = await configs(t);
  const data = randomBytes(5000);
  const encrypted = encryptAttachment(data);
  const key = randomUUID();
  const form = await mock.server.getAttachmentUploadForm('attachments', key);

  await assert.rejects(uploadToCdn(form, encrypted.blob, production.certificateAuthority), tlsRefusal);
  await uploadToCdn(form, encrypted.blob, config.certificateAuthority);

  const pointer = { cdnKey: form.key, cdnNumber: 3, key: encrypted.key, digest: encrypted.digest, size: encrypted.size };
  await assert.rejects(downloadAttachment(production, pointer), tlsRefusal);
  assert.ok(Buffer.from(await downloadAttachment(config, pointer)).equals(data));
});

test('the credential check (whoami) trusts the config CA: a TLS failure is "unknown", never "invalid"', async (t) => {
  const { test: config, production } = await configs(t);
  assert.equal(await checkCredentials(config, `${randomUUID()}.2`, 'wrong password'), 'invalid', 'the server was reached and refused');
  assert.equal(await checkCredentials(production, `${randomUUID()}.2`, 'wrong password'), 'unknown');
});

test('the gRPC fallback trusts the config CA', async (t) => {
  const { test: config, production } = await configs(t);
  const call = (c: SignalServerConfig) => grpcUnary(c.chatUrl, 'org.signal.chat.attachments.Attachments/GetUploadForm', new Uint8Array(), { ca: c.certificateAuthority, timeoutMs: 5000 });
  await assert.rejects(call(production), tlsRefusal);
  // Reached: whatever the mock answers, it is not a TLS refusal.
  await call(config).then(
    () => undefined,
    (error: unknown) => assert.ok(!tlsRefusal(error), `not a TLS error: ${String(error)}`),
  );
});

test('the TLS check reports each host: all trusted with the test config, none with the production CA', async (t) => {
  const { test: config, production } = await configs(t);
  const good = await checkTls(config);
  assert.deepEqual(good.map((r) => r.name), ['chat', 'storage', 'cdn0', 'cdn2', 'cdn3']);
  assert.ok(good.every((r) => r.ok), JSON.stringify(good));
  const bad = await checkTls(production);
  assert.ok(bad.every((r) => !r.ok && /certificate/i.test(r.detail)), JSON.stringify(bad));
});
