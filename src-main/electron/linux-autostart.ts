// "Open at login" on Linux, where Electron's app.setLoginItemSettings does nothing: the XDG
// autostart entry desktops read (~/.config/autostart/signal-claude.desktop).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const AUTOSTART_FILE = 'signal-claude.desktop';

export function autostartDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'autostart');
}

/** Characters that make the Desktop Entry spec's Exec key need a quoted argument. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One Exec argument as the Desktop Entry spec asks: quoted when it holds a reserved character,
 * with " ` $ \ backslash-escaped inside the quotes; then the string-value escaping, applied
 * before the quoting rule, doubles every backslash (a literal \ becomes four); and % is a
 * field code, so a literal one is %%.
 */
export function quoteExec(arg: string): string {
  const quoted = RESERVED.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(command: readonly string[]): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Signal Claude', 'Comment=Drive Claude coding sessions from Signal', `Exec=${command.map(quoteExec).join(' ')}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

export class LinuxAutostart {
  readonly path: string;

  constructor(dir: string = autostartDir()) {
    this.path = join(dir, AUTOSTART_FILE);
  }

  isEnabled(): boolean {
    return existsSync(this.path);
  }

  set(enabled: boolean, command: readonly string[]): void {
    if (!enabled) {
      rmSync(this.path, { force: true });
      return;
    }
    mkdirSync(join(this.path, '..'), { recursive: true });
    writeFileSync(this.path, autostartEntry(command), { mode: 0o644 });
  }
}
