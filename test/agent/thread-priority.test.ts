// A session's worker thread runs behind the main thread when they compete for a core: with many
// sessions at work, the phone link and the app's API stay responsive.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RateLimiter } from '../../src-main/agent/main/rate-limiter.js';
import { currentThreadId, lowerThreadPriority, WORKER_NICE } from '../../src-main/agent/thread-priority.js';
import { spawnWorker } from './harness.js';

const linux = process.platform === 'linux';

/** Nice value of each thread of this process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      nices.set(Number(tid), Number(fields[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return nices;
}

test('the thread id comes from /proc/thread-self, and nothing is changed without one', () => {
  assert.equal(currentThreadId(() => '4242/task/4243'), 4243);
  assert.equal(currentThreadId(() => 'garbage'), undefined);
  assert.equal(
    currentThreadId(() => {
      throw new Error('ENOENT');
    }),
    undefined,
  );
  assert.equal(lowerThreadPriority(undefined), undefined);
});

test('a session worker runs at a lower priority than the main thread, which keeps its own', { skip: !linux && 'per-thread priorities are a Linux feature' }, async (t) => {
  const before = threadNices();
  const { worker } = spawnWorker(new RateLimiter());
  t.after(() => worker.terminate());
  await worker.ping(10_000); // the worker answers once its entry module ran
  const after = threadNices();
  assert.equal(after.get(process.pid), before.get(process.pid), 'the main thread keeps its priority');
  assert.equal(before.get(process.pid), 0);
  const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === WORKER_NICE);
  assert.ok(lowered.length >= 1, `the worker's thread runs at nice ${WORKER_NICE}: ${JSON.stringify([...after])}`);
  for (const [tid, nice] of before) if (after.has(tid)) assert.equal(after.get(tid), nice, `thread ${tid} that was there before keeps its priority`);
});
