// `signal-claude doctor`: checks this machine can reach Signal the way the app does outside
// libsignal: a TLS handshake with chat, storage and each CDN, trusting only the configured CA
// (Signal's root in production, the --signal-config file's CA otherwise). Exit 0 when all pass.
import { describeError } from '../shared/errors.js';
import type { Settings } from '../shared/config.js';
import { loadServerConfig } from '../signal/server-config.js';
import { checkTls } from '../signal/connection/tls-check.js';
import type { Io } from './io.js';

export async function runDoctor(settings: Settings, io: Io): Promise<number> {
  let config;
  try {
    config = loadServerConfig(settings.signalConfig);
  } catch (error) {
    io.stderr(`signal-claude: ${describeError(error)}`);
    return 2;
  }
  const which = config.environment === 'production' ? "Signal's servers, trusting Signal's root certificate" : `the server in ${settings.signalConfig}, trusting its certificateAuthority`;
  io.stdout(`TLS to ${which}:`);
  const results = await checkTls(config);
  const width = Math.max(...results.map((r) => r.url.length));
  for (const r of results) io.stdout(`  ${r.name.padEnd(8)}${r.url.padEnd(width + 2)}${r.ok ? 'ok' : 'FAILED'}: ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  io.stdout(failed === 0 ? 'All Signal hosts are reachable.' : `${failed} of ${results.length} hosts failed: attachments, long messages or linking may not work.`);
  return failed === 0 ? 0 : 1;
}
