// The check of sealed-sender certificates remembers the ones whose signatures held; what it
// answers must stay libsignal's answer: a remembered certificate still expires, and a
// certificate is remembered by its exact bytes, for the trust roots it was checked against.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Aci, PrivateKey, SenderCertificate, ServerCertificate } from '@signalapp/libsignal-client';
import { SenderCertificateCheck } from '../../../src-main/signal/receive/sender-certificates.js';

const SENDER = Aci.parseFromServiceIdString('9d0652a3-dcc3-4d11-975f-74d61598733f');
const EXPIRES = Date.UTC(2026, 11, 6, 12);
const HOUR = 3_600_000;

function server(root: PrivateKey, keyId = 1) {
  const key = PrivateKey.generate();
  return { key, certificate: ServerCertificate.new(keyId, key.getPublicKey(), root) };
}

function senderCertificate(signer: ReturnType<typeof server>, identity = PrivateKey.generate(), expires = EXPIRES): SenderCertificate {
  return SenderCertificate.new(SENDER, null, 1, identity.getPublicKey(), expires, signer.certificate, signer.key);
}

test('a certificate signed through the trust root is valid until its expiry, every time it is checked', () => {
  const root = PrivateKey.generate();
  const check = new SenderCertificateCheck([root.getPublicKey()]);
  const certificate = senderCertificate(server(root));
  assert.equal(check.valid(certificate, EXPIRES - HOUR), true);
  assert.equal(check.valid(certificate, EXPIRES - 1), true);
  assert.equal(check.valid(certificate, EXPIRES), true, 'valid at the expiry itself, as libsignal has it');
  assert.equal(check.valid(certificate, EXPIRES + 1), false, 'remembered, yet refused once expired');
  assert.equal(check.valid(certificate, EXPIRES - HOUR), true, 'a message the server took earlier still passes');
});

test('a certificate that was never valid is refused every time', () => {
  const root = PrivateKey.generate();
  const check = new SenderCertificateCheck([root.getPublicKey()]);
  const foreign = senderCertificate(server(PrivateKey.generate()));
  assert.equal(check.valid(foreign, EXPIRES - HOUR), false);
  assert.equal(check.valid(foreign, EXPIRES - HOUR), false);
  const expired = senderCertificate(server(root), PrivateKey.generate(), EXPIRES - 2 * HOUR);
  assert.equal(check.valid(expired, EXPIRES - HOUR), false);
  assert.equal(check.valid(expired, EXPIRES - 3 * HOUR), true, 'the same bytes, checked at a time before they expired');
});

test('a certificate for the same sender from another signer is not taken for the one remembered', () => {
  const root = PrivateKey.generate();
  const check = new SenderCertificateCheck([root.getPublicKey()]);
  const identity = PrivateKey.generate();
  assert.equal(check.valid(senderCertificate(server(root), identity), EXPIRES - HOUR), true);
  // Same sender, device, key and expiry, signed by a server key no trust root vouches for.
  assert.equal(check.valid(senderCertificate(server(PrivateKey.generate()), identity), EXPIRES - HOUR), false);
  // A tampered copy of a good certificate (its signature no longer matches) is refused too.
  const good = senderCertificate(server(root), identity).serialize();
  const tampered = new Uint8Array(good);
  tampered[tampered.length - 1]! ^= 1;
  assert.equal(check.valid(SenderCertificate.deserialize(tampered), EXPIRES - HOUR), false);
});

test('what one set of trust roots accepted, a check against other roots does not', () => {
  const root = PrivateKey.generate();
  const certificate = senderCertificate(server(root));
  assert.equal(new SenderCertificateCheck([root.getPublicKey()]).valid(certificate, EXPIRES - HOUR), true);
  assert.equal(new SenderCertificateCheck([PrivateKey.generate().getPublicKey()]).valid(certificate, EXPIRES - HOUR), false);
  assert.equal(new SenderCertificateCheck([PrivateKey.generate().getPublicKey(), root.getPublicKey()]).valid(certificate, EXPIRES - HOUR), true, 'any one of several roots');
});

test('a certificate\u2019s signatures are verified once however many messages carry it; the memory holds 256 and then starts over', (t) => {
  const verified = t.mock.method(SenderCertificate.prototype, 'validateWithTrustRoots');
  const root = PrivateKey.generate();
  const signer = server(root);
  const check = new SenderCertificateCheck([root.getPublicKey()]);
  const first = senderCertificate(signer);
  for (const at of [EXPIRES - HOUR, EXPIRES - 1, EXPIRES]) assert.equal(check.valid(first, at), true);
  assert.equal(check.valid(SenderCertificate.deserialize(first.serialize()), EXPIRES - HOUR), true, 'the same bytes in a new object');
  assert.equal(verified.mock.callCount(), 1, 'up to and at its expiry, libsignal verified it once');
  assert.equal(check.valid(first, EXPIRES + 1), false);
  assert.equal(verified.mock.callCount(), 2, 'past its expiry, libsignal answers');

  const others = Array.from({ length: 256 }, () => senderCertificate(signer));
  for (const other of others.slice(0, 255)) check.valid(other, EXPIRES - HOUR);
  verified.mock.resetCalls();
  check.valid(first, EXPIRES - HOUR);
  assert.equal(verified.mock.callCount(), 0, 'remembered among 256');
  check.valid(others[255]!, EXPIRES - HOUR); // the 257th: the memory starts over
  check.valid(first, EXPIRES - HOUR);
  assert.equal(verified.mock.callCount(), 2, 'forgotten once the memory was full, and verified again');
});
