// The command host started with Electron's utilityProcess.fork: a Node child of the app that
// works with the RunAsNode fuse off (electron-builder.yml), unlike child_process.fork, which
// would run the app's binary as Node. Gives the launcher the same surface as nodeForkHost.
import { utilityProcess } from 'electron';
import type { ForkHost, HostChild } from '../agent/index.js';

export const utilityForkHost: ForkHost = (script, options): HostChild => {
  const child = utilityProcess.fork(script, [], {
    env: { ...options.env },
    execArgv: [...options.execArgv],
    stdio: ['ignore', 'ignore', 'pipe'],
    serviceName: options.serviceName ?? 'Signal Claude commands',
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  return {
    get pid() {
      return child.pid;
    },
    get exited() {
      return exited;
    },
    onStderr: (listener) => {
      child.stderr?.on('data', (chunk: Buffer | string) => listener(String(chunk)));
    },
    onceMessage: (listener) => {
      child.once('message', (message: unknown) => listener(message));
    },
    onMessage: (listener) => {
      child.on('message', (message: unknown) => listener(message));
    },
    post: (message) => {
      if (!exited) child.postMessage(message);
    },
    // A utility process reports only its exit code.
    onExit: (listener) => {
      child.on('exit', (code) => listener(code, null));
    },
    onError: (listener) => {
      child.on('error', (type, location) => listener(new Error(`${type} at ${location}`)));
    },
    requestExit: () => child.postMessage({ leave: true }),
    kill: (signal) => {
      // kill() is SIGTERM; the last resort goes by pid.
      if (signal === 'SIGTERM' || child.pid === undefined) child.kill();
      else {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
};
