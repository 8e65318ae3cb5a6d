// "Open at login": app.setLoginItemSettings on macOS and Windows (no hand-written plist or
// registry key; on macOS 13+ through SMAppService), the XDG autostart entry on Linux where
// Electron has no login items. What is registered comes from login-item-settings.ts.
import { app } from 'electron';
import { LinuxAutostart } from './linux-autostart.js';
import { linuxAutostartCommand, loginItemNote, loginItemSettings, type AppLaunch } from './login-item-settings.js';

function appLaunch(): AppLaunch {
  return {
    platform: process.platform,
    packaged: app.isPackaged,
    execPath: process.execPath,
    appPath: app.getAppPath(),
    appImage: process.env.APPIMAGE,
    macMajor: process.platform === 'darwin' ? Number(process.getSystemVersion().split('.')[0]) : undefined,
  };
}

export class LoginItem {
  private readonly linux = process.platform === 'linux' ? new LinuxAutostart() : undefined;
  private readonly launch = appLaunch();

  isEnabled(): boolean {
    if (this.linux) return this.linux.isEnabled();
    const current = this.current();
    // Asked for and waiting for the user's approval counts as on (the tray says so).
    return current.openAtLogin || current.status === 'requires-approval';
  }

  /** A note for the tray, e.g. "needs approval in System Settings" (macOS 13+). */
  note(): string | undefined {
    return this.linux ? undefined : loginItemNote(this.current().status);
  }

  set(enabled: boolean): void {
    if (this.linux) {
      this.linux.set(enabled, linuxAutostartCommand(this.launch));
      return;
    }
    app.setLoginItemSettings(loginItemSettings(this.launch, enabled));
  }

  private current(): { openAtLogin: boolean; status?: string } {
    const settings = loginItemSettings(this.launch, true);
    // Windows keys the entry by path and args: ask about the same ones.
    return app.getLoginItemSettings({
      ...(settings.type ? { type: settings.type } : {}),
      ...(settings.path ? { path: settings.path, args: settings.args ?? [] } : {}),
    });
  }
}
