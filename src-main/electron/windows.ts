// The app's windows: the popover under the tray icon (hidden when it loses focus) and one window
// each for pairing, preferences and every session. All of them get the secure webPreferences,
// may not navigate away or open windows, and hand only allowlisted links to the browser.
import { BrowserWindow, screen, shell, type Rectangle, type WebContents } from 'electron';
import type { AppView } from '../shared/api.js';
import { BlurGuard } from './popover-blur-guard.js';
import { popoverPosition } from './popover-position.js';
import { isAllowedExternalUrl, rendererUrl, RENDERER_ORIGIN, secureWebPreferences } from './web-preferences.js';

const POPOVER_SIZE = { width: 380, height: 540 };
const WINDOW_SIZE: Record<Exclude<AppView['view'], 'popover'>, { width: number; height: number }> = {
  pairing: { width: 720, height: 560 },
  preferences: { width: 680, height: 780 },
  session: { width: 760, height: 720 },
};

/** Applied to every web contents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents, onBlocked: (url: string) => void): void {
  const leave = (url: string) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    else onBlocked(url);
  };
  contents.on('will-navigate', (event, url) => {
    if (url.startsWith(`${RENDERER_ORIGIN}/`)) return;
    event.preventDefault();
    leave(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${RENDERER_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    leave(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export class WindowManager {
  private popover: BrowserWindow | undefined;
  private readonly blurGuard = new BlurGuard();
  private readonly others = new Map<string, BrowserWindow>();
  /** What each window was created with (Electron has no getter for it), for the e2e spec. */
  private readonly preferences = new WeakMap<BrowserWindow, Electron.WebPreferences>();

  constructor(
    private readonly preloadPath: string,
    private readonly iconPath: string,
  ) {}

  /** Every open window, for broadcasting events. */
  all(): BrowserWindow[] {
    return [...(this.popover ? [this.popover] : []), ...this.others.values()].filter((w) => !w.isDestroyed());
  }

  open(view: AppView, trayBounds?: Rectangle): void {
    if (view.view === 'popover') {
      this.togglePopover(trayBounds, true);
      return;
    }
    const key = view.view === 'session' ? `session:${view.id}` : view.view;
    const existing = this.others.get(key);
    if (existing && !existing.isDestroyed()) {
      existing.show();
      existing.focus();
      return;
    }
    const window = this.create({ ...WINDOW_SIZE[view.view], title: 'Signal Claude', show: false }, view);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.others.delete(key));
    this.others.set(key, window);
    this.popover?.hide();
  }

  togglePopover(trayBounds?: Rectangle, forceShow = false): void {
    const popover = this.popover && !this.popover.isDestroyed() ? this.popover : this.createPopover();
    if (popover.isVisible() && !forceShow) {
      popover.hide();
      return;
    }
    // The tray click that just blurred (and so hid) the popover: it stays closed.
    if (!forceShow && !this.blurGuard.clickOpens()) return;
    const anchor = trayBounds ?? { x: 0, y: 0, width: 0, height: 0 };
    const display = screen.getDisplayNearestPoint({ x: anchor.x, y: anchor.y });
    const { x, y } = popoverPosition(anchor, POPOVER_SIZE, display.workArea);
    popover.setPosition(x, y, false);
    popover.show();
    popover.focus();
  }

  private createPopover(): BrowserWindow {
    this.popover = this.create(
      { ...POPOVER_SIZE, frame: false, resizable: false, movable: false, minimizable: false, maximizable: false, fullscreenable: false, skipTaskbar: true, alwaysOnTop: true, show: false },
      { view: 'popover' },
    );
    // A popover closes when the owner clicks elsewhere, like the system's own menus.
    this.popover.on('blur', () => {
      this.blurGuard.hiddenOnBlur();
      this.popover?.hide();
    });
    // macOS: over full-screen apps and on every Space, like the menu bar it hangs from.
    if (process.platform === 'darwin') this.popover.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    return this.popover;
  }

  webPreferencesOf(window: BrowserWindow): Electron.WebPreferences | undefined {
    return this.preferences.get(window);
  }

  private create(options: Electron.BrowserWindowConstructorOptions, view: AppView): BrowserWindow {
    const webPreferences = secureWebPreferences(this.preloadPath);
    const window = new BrowserWindow({ ...options, icon: this.iconPath, backgroundColor: '#00000000', webPreferences });
    this.preferences.set(window, webPreferences);
    window.removeMenu();
    void window.loadURL(rendererUrl(view));
    return window;
  }
}
