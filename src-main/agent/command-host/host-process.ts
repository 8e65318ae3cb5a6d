// How the command host process is started, as the launcher sees it. In plain Node that is
// child_process.fork (nodeForkHost, below). In Electron it is utilityProcess.fork
// (electron/utility-host-process.ts), which works with the RunAsNode fuse off; fork() would
// need ELECTRON_RUN_AS_NODE. Both give the same small surface.
import { fork, type ChildProcess } from 'node:child_process';

export interface HostChild {
  /** Undefined until the process is running, and after it exited. */
  readonly pid: number | undefined;
  /** True once the process has exited. */
  readonly exited: boolean;
  onStderr(listener: (text: string) => void): void;
  /** The first message from the host (it sends one when it listens). */
  onceMessage(listener: (message: unknown) => void): void;
  /** Every message from the host. */
  onMessage(listener: (message: unknown) => void): void;
  /** A message to the host (dropped once it has exited). */
  post(message: unknown): void;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  onError(listener: (error: Error) => void): void;
  /** Asks the host to end its commands and leave (host-main.ts listens for it). */
  requestExit(): void;
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
}

export interface HostForkOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly execArgv: readonly string[];
  /** How messages travel (Node's fork; Electron always uses structured clone): default 'json'. */
  readonly serialization?: 'json' | 'advanced';
  /** What the OS shows for the process where it can (Electron's utility processes). */
  readonly serviceName?: string;
}

export type ForkHost = (script: string, options: HostForkOptions) => HostChild;

/** child_process.fork with an IPC channel; closing the channel is the request to leave. */
export const nodeForkHost: ForkHost = (script, options) => {
  const child = fork(script, [], {
    execArgv: [...options.execArgv],
    // Should this ever run inside Electron, its binary must act as Node.
    env: { ...options.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: options.serialization ?? 'json',
  });
  return childHost(child, () => {
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
};

/** The launcher's view of a forked Node child; `requestExit` says how this host is asked to leave. */
export function childHost(child: ChildProcess, requestExit: () => void): HostChild {
  return {
    get pid() {
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
    onStderr: (listener) => child.stderr?.setEncoding('utf8').on('data', listener),
    onceMessage: (listener) => child.once('message', listener),
    onMessage: (listener) => child.on('message', listener),
    post: (message) => {
      if (child.connected) child.send(message as never);
    },
    onExit: (listener) => child.on('exit', listener),
    onError: (listener) => child.on('error', listener),
    requestExit,
    kill: (signal) => child.kill(signal),
  };
}
