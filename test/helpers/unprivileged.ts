// Permission tests must run as an ordinary user: root ignores permission bits. When the tests
// run as root (CI containers), the check runs in a child process as "nobody".
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync } from 'node:fs';

export const NOBODY = 65534;

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Lets "nobody" traverse to `dir` (the temp folders are 0700 by default). */
export function openUpFor(dir: string): void {
  chmodSync(dir, 0o755);
}

/** Runs a TypeScript snippet file with tsx, as nobody when we are root. */
export function runTsAsOrdinaryUser(file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, HOME: '/tmp' },
    timeout: 30_000,
    ...(isRoot() ? { uid: NOBODY, gid: NOBODY } : {}),
  });
}
