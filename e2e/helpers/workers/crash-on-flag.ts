// The built agent worker (dist/worker.js) with one fault a spec can trigger: a file `.crash-now`
// appearing in the session's project folder ends the worker thread at once with exit code 3,
// the way a worker dies of a fatal error. The file is deleted first, so the worker the
// supervisor starts next runs normally. Used by the built daemon through the test-only
// SIGNAL_CLAUDE_TEST_WORKER variable (src-main/headless/main.ts); everything else is the
// real, built worker.
import { existsSync, rmSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

// The real worker first: a port delivers queued messages to whoever listens first, and the
// real worker must not miss its start command.
await import(new URL('../../../dist/worker.js', import.meta.url).href);

let watcher: NodeJS.Timeout | undefined;

parentPort?.on('message', (message: { type?: string; config?: { projectRoot?: string } }) => {
  const root = message?.type === 'start' ? message.config?.projectRoot : undefined;
  if (!root || watcher) return;
  const flag = `${root}/.crash-now`;
  watcher = setInterval(() => {
    if (!existsSync(flag)) return;
    rmSync(flag, { force: true });
    process.exit(3);
  }, 20);
  watcher.unref();
});
