// "Do our credentials still work?" asked over plain HTTPS (`/v1/accounts/whoami`), outside the
// chat socket: it tells "the phone removed this device" (401/403) apart from a network problem
// when the socket keeps failing. Trusts only the config's CA, like every request outside libsignal.
import type { SignalServerConfig } from '../server-config.js';
import type { CredentialCheck } from './chat-connection.js';
import { httpRequest } from './https-client.js';

export async function checkCredentials(config: SignalServerConfig, username: string, password: string): Promise<CredentialCheck> {
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  try {
    const response = await httpRequest(`${config.chatUrl}/v1/accounts/whoami`, { headers: { authorization }, ca: config.certificateAuthority, timeoutMs: 10_000 });
    if (response.status === 401 || response.status === 403) return 'invalid';
    return response.status < 500 ? 'valid' : 'unknown';
  } catch {
    return 'unknown';
  }
}
