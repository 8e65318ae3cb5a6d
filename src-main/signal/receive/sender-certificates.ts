// The sender certificates of sealed messages, checked against the server's trust roots at the
// time the server accepted each message. libsignal's check verifies two XEdDSA signatures (the
// server certificate's by a trust root, the sender certificate's by the server key): ~105 µs an
// envelope, 40 % of the receive path's main-thread work, for a certificate the phone puts on
// every message it seals for a day. So a certificate whose signatures held is remembered by its
// exact bytes (which contain both signatures and the server certificate), and for it only the
// expiry is compared again. Anything not remembered, or past its remembered expiry, gets
// libsignal's whole check, so the answer is always the one libsignal would give.
import type { PublicKey, SenderCertificate } from '@signalapp/libsignal-client';

/** Certificates remembered at most: one per sending device a day, so a few in practice. */
const KEPT = 256;

export class SenderCertificateCheck {
  /** Serialized certificate (base64) → its expiry, for certificates whose signatures held. */
  private readonly verified = new Map<string, number>();
  private readonly roots: PublicKey[];

  constructor(roots: readonly PublicKey[]) {
    this.roots = [...roots];
  }

  /** Whether the certificate was signed through one of the trust roots and not expired at `acceptedAt` (epoch ms). */
  valid(certificate: SenderCertificate, acceptedAt: number): boolean {
    const key = Buffer.from(certificate.serialize()).toString('base64');
    const expiry = this.verified.get(key);
    // libsignal's own rule: invalid once the time is past the expiry, valid at the expiry itself.
    if (expiry !== undefined && acceptedAt <= expiry) return true;
    if (!certificate.validateWithTrustRoots(this.roots, acceptedAt)) return false;
    if (this.verified.size >= KEPT) this.verified.clear();
    this.verified.set(key, certificate.expiration());
    return true;
  }
}
