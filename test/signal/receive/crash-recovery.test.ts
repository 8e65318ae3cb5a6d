import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_FILE, Store } from '../../../src-main/store/database.js';
import { startMockSignal, type MockSignal } from '../../helpers/mock-signal.js';
import { createSignalService, waitForPairingUrl, waitForState } from '../../helpers/signal-service.js';
import { tempDir } from '../../helpers/temp.js';

const CHILD = fileURLToPath(new URL('./fixtures/signal-child.ts', import.meta.url));

interface Child {
  readonly lines: string[];
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

function runChild(t: TestContext, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let buffer = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
    }
    for (const l of listeners) l();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    lines,
    exit,
    kill: (signal) => child.kill(signal),
    waitFor(prefix, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((l) => l.startsWith(prefix));
          if (!line) return false;
          listeners.delete(onData);
          clearTimeout(timer);
          resolve(line);
          return true;
        };
        const onData = () => void check();
        const timer = setTimeout(() => {
          listeners.delete(onData);
          reject(new Error(`child printed no ${prefix} line: ${lines.join(' | ')}`));
        }, timeoutMs);
        if (!check()) listeners.add(onData);
        void exit.then(() => setTimeout(() => check() || (listeners.delete(onData), clearTimeout(timer), reject(new Error(`child exited before ${prefix}: ${lines.join(' | ')}`))), 50));
      });
    },
  };
}

/** Links a database in this process, then closes it for the child processes to use. */
async function linkedDatabase(t: TestContext, mock: MockSignal) {
  const path = join(tempDir(t), DATABASE_FILE);
  const key = randomBytes(32);
  const store = Store.open({ path, key });
  const service = createSignalService(t, mock, { store });
  await service.start();
  const device = await mock.completeLink(await waitForPairingUrl(service));
  await waitForState(service, 'connected');
  await service.stop();
  store.close();
  return { device, env: { SC_DB_PATH: path, SC_DB_KEY: key.toString('hex'), SC_SIGNAL_CONFIG: mock.configPath } };
}

interface Final {
  counts: Record<string, number>;
  events: Array<{ type: string; body?: string }>;
}

for (const crash of ['after-decrypt', 'after-commit'] as const) {
  test(`killed ${crash.replace('-', ' ')} but before the ack: the server delivers again and the message is stored exactly once`, async (t) => {
    const mock = await startMockSignal(t);
    const { device, env } = await linkedDatabase(t, mock);

    const doomed = runChild(t, { ...env, SC_CRASH: crash });
    await doomed.waitFor('READY');
    // Resolves only when some connection acknowledges the envelope.
    const delivered = mock.phone.sendText(device, 'handle me exactly once');
    const { signal } = await doomed.exit;
    assert.equal(signal, 'SIGKILL');
    assert.equal(doomed.lines.filter((l) => l.startsWith('EVENT')).length, 0, 'nothing was handed out before the crash');

    const survivor = runChild(t, { ...env, SC_CRASH: '' });
    await survivor.waitFor('READY');
    await delivered;
    await mock.phone.sendText(device, 'and the next one');
    await survivor.waitFor('EVENT {"type":"message"', 30_000);
    survivor.kill('SIGTERM');
    const final = JSON.parse((await survivor.waitFor('FINAL')).slice('FINAL '.length)) as Final;
    assert.deepEqual(final.events.map((e) => e.body), ['handle me exactly once', 'and the next one']);
    if (crash === 'after-commit') {
      // Stored before the crash: the repeat delivery was recognised, not stored again.
      assert.equal(final.counts.duplicate, 1);
      assert.equal(final.counts.stored, 1);
    } else {
      assert.equal(final.counts.stored, 2);
    }
  });
}
