// `signal-claude status`: asks the daemon running on the data folder for its status, or says
// that none runs. Whether one runs is the lock socket's answer (a pid in a file can be stale or
// reused); the lock file only tells where it listens.
import { lockHolder, readLock } from '../daemon/lock.js';
import { StatusSchema } from '../shared/api.js';
import { describeError } from '../shared/errors.js';
import type { Io } from './io.js';
import { LOOPBACK } from '../host/http-server.js';

export async function printStatus(dataDir: string, io: Io): Promise<number> {
  const holder = await lockHolder(dataDir);
  if (!holder) {
    io.stdout(`Signal Claude is not running on ${dataDir}.`);
    return 3;
  }
  const info = readLock(dataDir);
  const lock = info && (holder.pid === undefined || info.pid === holder.pid) ? info : undefined;
  if (lock?.port === undefined || lock.token === undefined) {
    io.stdout(`Signal Claude${holder.pid === undefined ? '' : ` (pid ${holder.pid})`} is starting on ${dataDir}.`);
    return 0;
  }
  try {
    const res = await fetch(`http://${LOOPBACK}:${lock.port}/api/status`, {
      headers: { Authorization: `Bearer ${lock.token}` },
      signal: AbortSignal.timeout(3000),
    });
    const status = StatusSchema.parse(await res.json());
    const h = status.health;
    io.stdout(
      [
        `Signal Claude ${status.app.version} running (pid ${status.app.pid}) on ${dataDir}`,
        `  dashboard: http://${LOOPBACK}:${lock.port}/?token=${lock.token}`,
        `  signal:    ${status.signal.state}${status.signal.account ? ` (device ${status.signal.account.deviceId})` : ''}`,
        `  sessions:  ${status.sessions.total} (${status.sessions.active} active, ${status.sessions.crashed} crashed)`,
        `  health:    ${h.ok ? 'ok' : 'degraded'}; store schema ${h.store.schemaVersion}; up ${Math.round(h.uptimeMs / 1000)} s`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    io.stderr(`signal-claude: the daemon (pid ${lock.pid}) did not answer: ${describeError(error)}`);
    return 1;
  }
}
