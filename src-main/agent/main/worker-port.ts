// What AgentWorker needs of "a worker thread somewhere": post commands, hear messages, errors and
// the exit, end it. Two kinds implement it: a Worker in this process (inProcessWorker, below:
// tests, tools, benchmarks) and a Worker inside the session host process (session-host.ts: the
// daemon's default, so the sessions' threads and everything V8 and libuv run for them are
// scheduled apart from the main process).
import { Worker, type ResourceLimits } from 'node:worker_threads';

export interface WorkerPort {
  /** The worker's thread id inside the process that holds it (-1 while not known yet). */
  readonly threadId: number;
  postMessage(message: unknown): void;
  /** Ends the worker at once; settles once it exited. */
  terminate(): Promise<unknown>;
  onMessage(listener: (message: unknown) => void): void;
  onError(listener: (error: Error) => void): void;
  /** Called once, last. */
  onExit(listener: (code: number) => void): void;
}

export interface WorkerSpawnOptions {
  /** The entry as `new Worker` takes it (a file: URL, or the data: bootstrap of a .ts entry). */
  readonly entry: URL;
  readonly name: string;
  readonly resourceLimits: ResourceLimits;
}

/** Starts a worker and hands back its port. */
export type WorkerSpawner = (options: WorkerSpawnOptions) => WorkerPort;

/** A worker thread of this very process. */
export const inProcessWorker: WorkerSpawner = ({ entry, name, resourceLimits }) => {
  const worker = new Worker(entry, { resourceLimits, name });
  return {
    get threadId() {
      return worker.threadId;
    },
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onMessage: (listener) => worker.on('message', listener),
    onError: (listener) => worker.on('error', listener),
    onExit: (listener) => worker.on('exit', listener),
  };
};
