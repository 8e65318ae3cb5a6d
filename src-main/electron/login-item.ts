// "Open at login": app.setLoginItemSettings on macOS and Windows (no hand-written plist or
// registry key), the XDG autostart entry on Linux where Electron has no login items.
import { app } from 'electron';
import { LinuxAutostart } from './linux-autostart.js';

export class LoginItem {
  private readonly linux = process.platform === 'linux' ? new LinuxAutostart() : undefined;

  isEnabled(): boolean {
    return this.linux ? this.linux.isEnabled() : app.getLoginItemSettings().openAtLogin;
  }

  set(enabled: boolean): void {
    if (this.linux) {
      // An AppImage is started through its own file, not the extracted binary.
      const command = process.env.APPIMAGE ? [process.env.APPIMAGE] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
      this.linux.set(enabled, command);
      return;
    }
    app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
  }
}
