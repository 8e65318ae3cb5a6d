// The menu-bar / system-tray icon, with a dot while health has a problem. Left click opens the
// popover under it (macOS, Windows); right click, or any click on Linux (whose trays only show
// menus), shows the menu.
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { darkPanel, trayIconFile, type TrayAction, type TrayIconState, type TrayMenuItem } from './tray-menu.js';

export class AppTray {
  private readonly tray: Tray;
  private items: TrayMenuItem[] = [];
  private state: TrayIconState = 'ok';

  constructor(
    private readonly resourcesDir: string,
    private readonly onAction: (action: TrayAction, bounds: Electron.Rectangle) => void,
  ) {
    this.tray = new Tray(this.icon());
    this.tray.setToolTip('Signal Claude');
    nativeTheme.on('updated', () => this.tray.setImage(this.icon()));
    if (process.platform === 'linux') return;
    this.tray.on('click', (_event, bounds) => this.onAction('open', bounds));
    this.tray.on('right-click', () => this.tray.popUpContextMenu(this.menu()));
  }

  /** Where the icon is on screen (the popover hangs under it; all zero where a tray cannot say). */
  bounds(): Electron.Rectangle {
    return this.tray.getBounds();
  }

  /** The icon's state as shown, for the Electron e2e spec. */
  get iconState(): TrayIconState {
    return this.state;
  }

  /** The menu as shown, for the Electron e2e spec. */
  get model(): readonly TrayMenuItem[] {
    return this.items;
  }

  update(items: TrayMenuItem[], tooltip: string, state: TrayIconState): void {
    this.items = items;
    this.tray.setToolTip(tooltip);
    if (state !== this.state) {
      this.state = state;
      this.tray.setImage(this.icon());
    }
    // Linux trays open the menu on click; elsewhere it is shown on right click only.
    if (process.platform === 'linux') this.tray.setContextMenu(this.menu());
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(): Electron.NativeImage {
    const dark = darkPanel(process.platform, process.env.XDG_CURRENT_DESKTOP, nativeTheme);
    const image = nativeImage.createFromPath(join(this.resourcesDir, trayIconFile(process.platform, dark, this.state)));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  private menu(): Menu {
    const template: MenuItemConstructorOptions[] = this.items.map((item) => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'label') return { label: item.label, enabled: false };
      const click = () => this.onAction(item.action, this.tray.getBounds());
      return item.checked === undefined ? { label: item.label, click } : { label: item.label, type: 'checkbox', checked: item.checked, click };
    });
    return Menu.buildFromTemplate(template);
  }
}
