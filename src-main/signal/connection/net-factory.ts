// Builds libsignal's network stack (Net) for the configured server. Production uses libsignal's
// built-in endpoints and pinned certificates; a custom server must be reachable on this machine
// (libsignal's local-server mode takes only a port and a root certificate), which is how
// Signal's own mock server and a tunnelled self-hosted server are reached.
import { X509Certificate } from 'node:crypto';
import { Net as SignalNet } from '@signalapp/libsignal-client';
import { ConfigError } from '../../shared/errors.js';
import type { SignalServerConfig } from '../server-config.js';

export type Net = SignalNet.Net;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function createNet(config: SignalServerConfig, userAgent: string): Net {
  if (config.environment === 'production') {
    return new SignalNet.Net({ env: SignalNet.Environment.Production, userAgent });
  }
  const url = new URL(config.chatUrl);
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    throw new ConfigError('CONFIG_INVALID', `The Signal server config points chatUrl at ${url.hostname}, which is not this machine.`, {
      hint: 'A non-production Signal server must be reachable on 127.0.0.1 (forward its port there, e.g. with an SSH tunnel).',
    });
  }
  if (!config.certificateAuthority) {
    throw new ConfigError('CONFIG_INVALID', 'The Signal server config has no certificateAuthority.', { hint: 'Add the server CA certificate (PEM) to the file.' });
  }
  const port = Number(url.port || 443);
  const der = new Uint8Array(new X509Certificate(config.certificateAuthority).raw);
  return new SignalNet.Net({
    localTestServer: true,
    userAgent,
    TESTING_localServer_chatPort: port,
    TESTING_localServer_cdsiPort: port,
    TESTING_localServer_svr2Port: port,
    TESTING_localServer_svrBPort: port,
    TESTING_localServer_rootCertificateDer: der,
    TESTING_localServer_httpVersion: config.httpVersion,
  });
}
