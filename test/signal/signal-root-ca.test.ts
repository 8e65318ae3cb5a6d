// Signal's root certificate, shipped with the app: the recorded fingerprint, and the same bytes
// found inside libsignal's own native library (an independent copy published by Signal).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SIGNAL_ROOT_CA_PEM } from '../../src-main/signal/signal-root-ca.js';
import { PRODUCTION_SERVER_CONFIG } from '../../src-main/signal/server-config.js';

/** SHA-256 of the DER certificate, checked against two public Signal clients' copies. */
const FINGERPRINT = 'DD:B0:F9:2B:B9:5C:8D:6F:D2:02:EA:6E:8C:C5:CC:D1:82:B5:44:F8:CD:69:6F:47:D5:80:65:9D:DC:9D:F6:5A';

test("the shipped root is Signal's, self-signed, with the recorded fingerprint", () => {
  const cert = new X509Certificate(SIGNAL_ROOT_CA_PEM);
  assert.equal(cert.fingerprint256, FINGERPRINT);
  assert.match(cert.subject, /CN=Signal Messenger/);
  assert.equal(cert.ca, true);
  assert.equal(cert.verify(cert.publicKey), true, 'its own signature holds (no byte was changed)');
  assert.equal(new Date(cert.validTo).getUTCFullYear(), 2032);
});

test('the production config trusts exactly that root for HTTPS outside libsignal', () => {
  assert.equal(PRODUCTION_SERVER_CONFIG.certificateAuthority, SIGNAL_ROOT_CA_PEM);
});

test("libsignal's native library pins the same certificate, byte for byte", () => {
  const der = new X509Certificate(SIGNAL_ROOT_CA_PEM).raw;
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@signalapp/libsignal-client/package.json'));
  const binary = readFileSync(join(packageDir, 'prebuilds', `${process.platform}-${process.arch}`, '@signalapp+libsignal-client.node'));
  assert.ok(binary.includes(der), 'the DER bytes appear in libsignal');
});
