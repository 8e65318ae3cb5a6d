// The one start sequence both front doors use: it prints exactly the Dashboard line, records port
// and token in the lock, and a start that fails leaves nothing behind (the folder can be used
// again at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { findAppRoot } from '../../src-main/shared/app-info.js';
import { AppError } from '../../src-main/shared/errors.js';
import { FileKeyProvider } from '../../src-main/store/key-provider.js';
import { readLock } from '../../src-main/daemon/lock.js';
import { loadSettings } from '../../src-main/host/settings.js';
import { startHost, type HostOptions } from '../../src-main/host/start-host.js';
import { tempDir } from '../helpers/temp.js';
import { unreachableSignalConfig } from '../helpers/signal-config.js';

async function options(t: TestContext, dataDir: string, port: number, lines: string[]): Promise<HostOptions> {
  return {
    settings: loadSettings({ dataDir, port, signalConfig: await unreachableSignalConfig(t), logLevel: 'silent' }, {}),
    root: findAppRoot(),
    print: (line) => lines.push(line),
    keyProvider: (dir) => new FileKeyProvider(dir),
    host: { quit: () => undefined },
    headless: true,
  };
}

test('prints one Dashboard line, records port and token in the lock, and stops completely', async (t) => {
  const dataDir = tempDir(t);
  const lines: string[] = [];
  const host = await startHost(await options(t, dataDir, 0, lines));
  t.after(() => host.stop());
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^Dashboard: http:\/\/127\.0\.0\.1:(\d+)\/\?token=[A-Za-z0-9_-]{20,}$/);
  assert.equal(lines[0], `Dashboard: ${host.url}`);
  const lock = readLock(dataDir);
  assert.equal(lock?.pid, process.pid);
  assert.equal(`http://127.0.0.1:${lock?.port}/?token=${lock?.token}`, host.url);
  assert.deepEqual(await host.handlers.sessions({}), { sessions: [] });
  await Promise.all([host.stop(), host.stop()]);
  assert.equal(existsSync(join(dataDir, 'daemon.lock')), false, 'the lock is released');
});

test('a start that fails (port in use) throws the clear error and leaves the folder free', async (t) => {
  const dataDir = tempDir(t);
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const address = blocker.address();
  const busy = typeof address === 'object' && address ? address.port : 0;
  const lines: string[] = [];
  await assert.rejects(startHost(await options(t, dataDir, busy, lines)), (error: unknown) => error instanceof AppError && error.code === 'PORT_IN_USE');
  assert.deepEqual(lines, [], 'no Dashboard line for a host that is not running');
  assert.equal(existsSync(join(dataDir, 'daemon.lock')), false, 'the lock is released');
  const again = await startHost(await options(t, dataDir, 0, lines));
  await again.stop();
  assert.equal(lines.length, 1);
});
