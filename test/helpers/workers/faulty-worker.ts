// The real agent worker, plus faults a test can trigger. From a turn's text: "CRASH_NOW" ends
// the thread with exit code 3, "THROW_NOW" throws an uncaught error, "HANG_NOW" blocks the
// thread's event loop (it stops answering health checks), "OOM_NOW" allocates until V8's heap
// limit ends the thread. At any moment: a file in the project folder does the same mid-turn —
// `.crash-now` (exit), `.throw-now`, `.hang-now`, `.oom-now` (each is deleted first, so the
// restarted worker runs normally).
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';

// The real worker first: a port delivers queued messages to whoever listens first, and the
// real worker must not miss its start command.
await import('../../../src-main/agent/worker/worker.js');

let watcher: NodeJS.Timeout | undefined;

function hang(): never {
  for (;;);
}

function exhaustMemory(): never {
  const hoard: string[][] = [];
  for (;;) hoard.push(new Array(1_000_000).fill('x'.repeat(16)));
}

const FLAGS: ReadonlyArray<[string, () => void]> = [
  ['.crash-now', () => process.exit(3)],
  ['.throw-now', () => {
    throw new Error('injected failure');
  }],
  ['.hang-now', hang],
  ['.oom-now', exhaustMemory],
];

parentPort?.on('message', (message: { type?: string; content?: unknown; config?: { projectRoot?: string } }) => {
  if (message?.type === 'start' && message.config?.projectRoot && !watcher) {
    const root = message.config.projectRoot;
    watcher = setInterval(() => {
      for (const [name, fault] of FLAGS) {
        const flag = join(root, name);
        if (!existsSync(flag)) continue;
        rmSync(flag, { force: true });
        fault();
      }
    }, 20);
    watcher.unref();
  }
  if (message?.type !== 'user_turn') return;
  const text = JSON.stringify(message.content);
  if (text.includes('CRASH_NOW')) process.exit(3);
  if (text.includes('THROW_NOW')) {
    setImmediate(() => {
      throw new Error('injected failure');
    });
  }
  if (text.includes('HANG_NOW')) hang();
  if (text.includes('OOM_NOW')) exhaustMemory();
});
