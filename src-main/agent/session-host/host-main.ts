// The session host process: holds every session's worker thread, so that the threads V8 and
// libuv run for them (garbage collection, compilation, the file system pool) hold no lock of the
// app's process, and yield the CPU to the app (nice 10), as the sessions' own threads do. With
// the workers inside the main process, its main thread waited on process-wide locks (malloc
// arenas, V8's platform) held by those threads and was on a core only 13 % of the time under 50
// busy sessions (bench/sessions-lag.bench.ts).
// Started lazily by the main process (agent/main/session-host.ts) with the first session and
// ended after the last; it only relays: workers are spawned, posted to and terminated on
// command, and what they say goes back, gathered per turn of the event loop.
// Started by child_process.fork the channel is Node's IPC (process.send; 'disconnect' when the
// app goes away or asks it to leave); by Electron's utilityProcess.fork it is
// process.parentPort (the app posts { leave: true }; Electron ends the process if the app dies).
import { Worker } from 'node:worker_threads';
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { FromSessionHost, HostResourceLimits, ToSessionHost } from './protocol.js';

/** Behind the app's main process (0), ahead of true idle work (19); the workers' own value. */
const HOST_NICE = 10;

/** Electron's channel to a utility process (typed here: this file never imports electron). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!process.send && !parentPort) {
  process.stderr.write('session host: started without an IPC channel\n');
  process.exit(2);
}

/**
 * Lowers every thread of this process but the main one, which only relays and starts workers:
 * a worker starts at its creator's priority and loads its code at that pace before it lowers
 * itself (agent/worker/thread-priority.ts), and no process may raise its priority again. On
 * Linux a nice value belongs to a thread: V8's platform threads (garbage collection, compiling)
 * were started before this code ran. libuv's pool is started by whoever first uses it, so a
 * short-lived thread, lowered first, starts it. Elsewhere there are no per-thread values to set
 * (macOS, Windows): the sessions' threads stay as they are there.
 */
function lowerHelperThreads(): void {
  let threads: number[];
  try {
    threads = readdirSync('/proc/self/task').map(Number).filter((tid) => Number.isInteger(tid) && tid > 0 && tid !== process.pid);
  } catch {
    return;
  }
  for (const tid of threads) lower(tid);
  const starter = `
    const { readlinkSync } = require('node:fs');
    const { getPriority, setPriority } = require('node:os');
    try {
      const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
      if (getPriority(tid) < ${HOST_NICE}) setPriority(tid, ${HOST_NICE});
    } catch {}
    require('node:fs').access('/', () => undefined);`;
  new Worker(starter, { eval: true }).unref();
}

function lower(tid: number): void {
  try {
    if (getPriority(tid) < HOST_NICE) setPriority(tid, HOST_NICE);
  } catch {
    // not permitted: the sessions run as before
  }
}
lowerHelperThreads();

let outbox: FromSessionHost[] = [];
let flushing = false;
function send(message: FromSessionHost): void {
  outbox.push(message);
  if (flushing) return;
  flushing = true;
  setImmediate(() => {
    flushing = false;
    const batch = outbox;
    outbox = [];
    if (parentPort) parentPort.postMessage(batch);
    else process.send?.(batch);
  });
}

const workers = new Map<number, Worker>();

function spawn(id: number, entry: string, name: string, resourceLimits: HostResourceLimits): void {
  let worker: Worker;
  try {
    worker = new Worker(new URL(entry), { name, resourceLimits });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ t: 'error', id, name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
    send({ t: 'exit', id, code: 1 });
    return;
  }
  workers.set(id, worker);
  worker.on('online', () => send({ t: 'online', id, threadId: worker.threadId }));
  worker.on('message', (data: unknown) => send({ t: 'message', id, data }));
  worker.on('error', (e: Error) => send({ t: 'error', id, name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) }));
  worker.on('exit', (code) => {
    workers.delete(id);
    send({ t: 'exit', id, code });
  });
}

function handle(message: ToSessionHost): void {
  switch (message.t) {
    case 'spawn':
      spawn(message.id, message.entry, message.name, message.resourceLimits);
      return;
    case 'post':
      workers.get(message.id)?.postMessage(message.data);
      return;
    case 'terminate':
      void workers.get(message.id)?.terminate();
      return;
  }
}

/** The app is gone or asked: the workers end with this process (their commands are the app's to kill). */
function leave(): never {
  process.exit(0);
}

process.on('message', (message) => handle(message as ToSessionHost));
// Electron's launcher asks a utility process to leave with { leave: true } (utility-host-process.ts).
parentPort?.on('message', (event) => ((event.data as { leave?: unknown } | null)?.leave === true ? leave() : handle(event.data as ToSessionHost)));
process.on('disconnect', leave);
process.on('SIGTERM', leave);
process.on('SIGINT', () => undefined); // Ctrl-C in the terminal: the app decides when we stop.
send({ t: 'ready', pid: process.pid });
