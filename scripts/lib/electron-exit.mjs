// What `npm start` makes of the Electron child's exit (pure, unit-tested in
// test/scripts/electron-exit.test.ts). Ubuntu 23.10+ restricts unprivileged user namespaces with
// AppArmor, so an unpackaged Electron (no AppArmor profile, chrome-sandbox not SUID root)
// aborts at start with a FATAL line about the sandbox, by a signal (SIGTRAP). That, or any other
// death by signal while starting, falls back to headless; a signal exit is never success.
import { constants } from 'node:os';

/** Electron dying by a signal this soon after spawn counts as "could not start". */
export const STARTUP_WINDOW_MS = 15_000;

const SANDBOX_PATTERNS = [
  /The SUID sandbox helper binary was found, but is not configured correctly/,
  /No usable sandbox!/,
  /setuid_sandbox_host\.cc/,
  /zygote_host_impl_linux\.cc.*(sandbox|user namespace)/i,
];

export const SANDBOX_HINT =
  "Electron's sandbox is blocked here (AppArmor restricts unprivileged user namespaces, Ubuntu 23.10+): running headless instead. The .deb ships an AppArmor profile; for a checkout see README.";

/**
 * @param {{ code: number | null, signal: NodeJS.Signals | null, stderr: string, uptimeMs: number, forwarded?: NodeJS.Signals | undefined }} exit
 * @returns {{ action: 'exit', code: number } | { action: 'headless', reason: string }}
 */
export function judgeElectronExit({ code, signal, stderr, uptimeMs, forwarded }) {
  if (SANDBOX_PATTERNS.some((p) => p.test(stderr))) return { action: 'headless', reason: SANDBOX_HINT };
  if (signal) {
    if (signal !== forwarded && uptimeMs < STARTUP_WINDOW_MS) {
      return { action: 'headless', reason: `Electron was stopped by ${signal} while starting: running headless instead.` };
    }
    // The shell convention: 128 + the signal's number (SIGINT → 130).
    return { action: 'exit', code: 128 + (constants.signals[signal] ?? 0) };
  }
  return { action: 'exit', code: code ?? 1 };
}

/** The command that opens a URL in the default browser. */
export function browserOpener(platform) {
  if (platform === 'darwin') return { cmd: 'open', args: [] };
  if (platform === 'win32') return { cmd: 'explorer.exe', args: [] };
  return { cmd: 'xdg-open', args: [] };
}
