// Lowers the CPU priority of the calling worker thread (Linux), so that with many sessions at
// work the main thread — Signal, the app's API, every session's bookkeeping — is not made to
// wait behind them. Measured with 50 sessions: the main thread was busy 75 % of the time but on a
// core only 13 %; it kept being preempted by the workers it had just woken (a postMessage or a
// futex wake took tens of milliseconds). A nice value only matters when threads compete for a
// core, so on an otherwise idle computer it costs the sessions nothing.
// Commands a session runs start in the command host, a process of its own, which runs at the
// same priority (host-main.ts): a command started from a worker thread would inherit the
// worker's anyway, and each sandboxed command's start (bwrap's namespaces and mounts, ~10 ms of
// kernel work) otherwise competed with the main thread on equal terms: with 50 sessions at work
// the main loop's lag p99 was higher sandboxed than not (bench/sessions-lag.bench.ts measures both).
// Elsewhere (macOS, Windows) threads have no id to give to setpriority: worker threads keep
// their priority there, while the command host lowers its whole process's (its pid).
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of agent workers: behind the main thread (0), ahead of true idle work (19). */
export const WORKER_NICE = 10;

/** This thread's kernel id, from /proc/thread-self ("<pid>/task/<tid>"); undefined off Linux. */
export function currentThreadId(readlink: (path: string) => string = readlinkSync): number | undefined {
  try {
    const tid = Number(readlink('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers thread `tid`'s priority to `nice` (never raises it); returns the value now in force, if known. */
export function lowerThreadPriority(tid: number | undefined, nice = WORKER_NICE): number | undefined {
  if (tid === undefined) return undefined;
  try {
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return getPriority(tid);
  } catch {
    return undefined; // not permitted or not supported: the session runs as before
  }
}
