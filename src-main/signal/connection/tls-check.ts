// A TLS handshake with each Signal host the app reaches outside libsignal (chat, storage and the
// three CDNs), trusting exactly the server config's CA: what `signal-claude doctor` reports.
// It shows on a machine with internet that Signal's root certificate really covers every host,
// and on a self-hosted setup that the config's CA matches the server.
import { connect, type DetailedPeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { SignalServerConfig } from '../server-config.js';

export interface TlsCheckResult {
  readonly name: 'chat' | 'storage' | 'cdn0' | 'cdn2' | 'cdn3';
  readonly url: string;
  readonly ok: boolean;
  /** Who issued the server's certificate and until when, or why the handshake failed. */
  readonly detail: string;
}

const TIMEOUT_MS = 10_000;

export function tlsTargets(config: SignalServerConfig): Array<Pick<TlsCheckResult, 'name' | 'url'>> {
  return [
    { name: 'chat', url: config.chatUrl },
    { name: 'storage', url: config.storageUrl },
    { name: 'cdn0', url: config.cdnUrls[0] },
    { name: 'cdn2', url: config.cdnUrls[2] },
    { name: 'cdn3', url: config.cdnUrls[3] },
  ];
}

export function checkTls(config: SignalServerConfig, timeoutMs = TIMEOUT_MS): Promise<TlsCheckResult[]> {
  return Promise.all(tlsTargets(config).map(async (target) => ({ ...target, ...(await handshake(target.url, config.certificateAuthority, timeoutMs)) })));
}

function handshake(url: string, ca: string, timeoutMs: number): Promise<{ ok: boolean; detail: string }> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port || 443), ca, ...(isIP(host) ? {} : { servername: host }), ALPNProtocols: ['h2', 'http/1.1'] });
    const done = (result: { ok: boolean; detail: string }) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, detail: `no answer within ${Math.round(timeoutMs / 1000)} s` }));
    socket.once('secureConnect', () => {
      const peer = socket.getPeerCertificate(true);
      done({ ok: true, detail: `trusted (${rootName(peer)} root; server certificate valid until ${peer.valid_to})` });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, detail: error.code ? `${error.code}: ${error.message}` : error.message }));
  });
}

/** The common name of the chain's last certificate (or of its issuer, when the root is not sent). */
function rootName(cert: DetailedPeerCertificate): string {
  let current = cert;
  // A self-signed root points at itself; stop there.
  while (current.issuerCertificate && current.issuerCertificate !== current) current = current.issuerCertificate;
  const name = current.subject?.CN ?? current.issuer?.CN;
  return (Array.isArray(name) ? name.join(', ') : name) ?? 'unnamed';
}
