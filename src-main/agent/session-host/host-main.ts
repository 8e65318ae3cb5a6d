// The session host process: holds every session's worker thread, so that the threads V8 and
// libuv run for them (garbage collection, compilation, the file system pool) hold no lock of the
// app's process. The sessions' own threads lower their priority once loaded, as before
// (agent/thread-priority.ts); V8's and libuv's threads keep theirs: a worker that is
// loading waits on V8's compiler threads, and under load from other programs a lowered V8 left
// 50 starting workers without a core for minutes. With the workers inside the main process,
// its main thread waited on process-wide locks (malloc arenas, V8's platform) held by those
// threads and was on a core only 13 % of the time under 50 busy sessions.
// Started lazily by the main process (agent/main/session-host.ts) with the first session and
// ended after the last; it only relays: workers are spawned, posted to and terminated on
// command, and what they say goes back, gathered per turn of the event loop.
// Started by child_process.fork the channel is Node's IPC (process.send; 'disconnect' when the
// app goes away or asks it to leave); by Electron's utilityProcess.fork it is
// process.parentPort (the app posts { leave: true }; Electron ends the process if the app dies).
import { Worker } from 'node:worker_threads';
import type { FromSessionHost, HostResourceLimits, ToSessionHost } from './protocol.js';

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
