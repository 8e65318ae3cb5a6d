// The built headless daemon (node dist/cli.js) as a user starts it: its start-up lines, its
// token-guarded API, a restart on the same data folder, and SIGTERM at the end. The process
// handling is test/helpers/daemon-process.ts's, pointed at the build.
import type { TestContext } from 'node:test';
import { startDaemon, type DaemonProcess } from '../../test/helpers/daemon-process.js';
import { assertBuilt, DIST_CLI, ROOT } from './paths.js';

export interface BuiltDaemon extends Omit<DaemonProcess, 'stop'> {
  /** Sends SIGTERM (or `signal`) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startBuiltDaemon(t: Pick<TestContext, 'after'>, args: string[], env: NodeJS.ProcessEnv = {}): Promise<BuiltDaemon> {
  assertBuilt();
  const portArgs = args.includes('--port') ? [] : ['--port', '0'];
  const daemon = await startDaemon(t, [...portArgs, ...args], env, { node: [DIST_CLI], cwd: ROOT });
  return { ...daemon, stop: async (signal) => (await daemon.stop(signal)).code };
}
