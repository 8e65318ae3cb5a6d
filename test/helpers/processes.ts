// Whether processes a test started (commands, hosts, daemons) are still there.
import { readFileSync } from 'node:fs';

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): it exists
  }
}

/** Whether the process is gone within `withinMs` (a bound for a loaded machine, not a speed figure). */
export async function gone(pid: number, withinMs = 3000): Promise<boolean> {
  for (const until = Date.now() + withinMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}
