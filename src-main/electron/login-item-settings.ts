// What "Open at login" registers, as plain data (login-item.ts hands it to Electron): the
// command must start this app, also under `npm start`, where the binary is Electron's own and
// would open Electron's default app at login without the app's path as its argument.
// Pure (no electron import), so the choices are unit-tested.

export interface AppLaunch {
  readonly platform: NodeJS.Platform;
  /** app.isPackaged */
  readonly packaged: boolean;
  readonly execPath: string;
  /** app.getAppPath(): the checkout under `npm start`. */
  readonly appPath: string;
  /** $APPIMAGE: an AppImage starts through its own file, not the extracted binary. */
  readonly appImage?: string | undefined;
  /** The macOS major version (13 = Ventura, where SMAppService replaced login items). */
  readonly macMajor?: number | undefined;
}

/** The argument list for app.setLoginItemSettings (macOS, Windows). */
export interface LoginItemSettingsInput {
  readonly openAtLogin: boolean;
  readonly openAsHidden?: boolean;
  readonly type?: 'mainAppService';
  readonly path?: string;
  readonly args?: string[];
}

export function loginItemSettings(launch: AppLaunch, enabled: boolean): LoginItemSettingsInput {
  if (launch.platform === 'darwin') {
    // macOS 13+: the service-management API (SMAppService); it may need the user's approval.
    // Electron registers the app bundle; path/args exist only on Windows.
    return (launch.macMajor ?? 0) >= 13 ? { openAtLogin: enabled, type: 'mainAppService' } : { openAtLogin: enabled, openAsHidden: true };
  }
  return launch.packaged ? { openAtLogin: enabled } : { openAtLogin: enabled, path: launch.execPath, args: [launch.appPath] };
}

/** The Exec command of the Linux autostart entry. */
export function linuxAutostartCommand(launch: AppLaunch): string[] {
  if (launch.appImage) return [launch.appImage];
  return launch.packaged ? [launch.execPath] : [launch.execPath, launch.appPath];
}

/** What the tray adds to "Open at Login" for a registration status from getLoginItemSettings(). */
export function loginItemNote(status: string | undefined): string | undefined {
  return status === 'requires-approval' ? 'needs approval in System Settings' : undefined;
}
