// Where the popover goes: centred under the tray icon when the bar is at the top (macOS, most
// Linux panels), above it when the taskbar is at the bottom (Windows), always inside the screen's
// work area. Some Linux trays report no bounds at all: then the top-right corner.
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const GAP = 4;

export function popoverPosition(tray: Rect, size: { width: number; height: number }, workArea: Rect): { x: number; y: number } {
  const clampX = (x: number) => Math.round(Math.min(Math.max(x, workArea.x + GAP), workArea.x + workArea.width - size.width - GAP));
  const clampY = (y: number) => Math.round(Math.min(Math.max(y, workArea.y + GAP), workArea.y + workArea.height - size.height - GAP));
  if (tray.width === 0 && tray.height === 0) return { x: clampX(workArea.x + workArea.width), y: clampY(workArea.y) };
  const centreX = tray.x + tray.width / 2 - size.width / 2;
  const trayBelowMiddle = tray.y + tray.height / 2 > workArea.y + workArea.height / 2;
  const y = trayBelowMiddle ? tray.y - size.height - GAP : tray.y + tray.height + GAP;
  return { x: clampX(centreX), y: clampY(y) };
}
